using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;
using Portal.Persistence;

namespace Portal.Engine.Simulation;

/// <summary>
/// The domain's <see cref="BillingLedger"/> over the stored <see cref="BilledPeriodRecord"/>s of some subscriptions:
/// the rows are replayed into a ledger (which checks every rule again), the change is made through the ledger, and
/// what changed is written back to the tracked rows. Saved with the rest of the unit of work.
/// </summary>
public sealed class StoredLedger
{
    private readonly PortalDbContext _db;
    private readonly List<BilledPeriodRecord> _rows;
    private readonly Dictionary<Guid, Guid> _origins = [];

    private StoredLedger(PortalDbContext db, List<BilledPeriodRecord> rows)
    {
        _db = db;
        _rows = rows;
        Ledger = Replay(rows);
    }

    public BillingLedger Ledger { get; }

    /// <summary>The periods of the given legacy subscriptions and of every New Commerce subscription made from them.</summary>
    public static async Task<StoredLedger> LoadAsync(PortalDbContext db, IReadOnlyCollection<Guid> legacySubscriptionIds, CancellationToken ct)
    {
        var rows = await db.BilledPeriods
            .Where(p => legacySubscriptionIds.Contains(p.SubscriptionId)
                || (p.MigratedFromSubscriptionId != null && legacySubscriptionIds.Contains(p.MigratedFromSubscriptionId.Value)))
            .ToListAsync(ct);
        return new StoredLedger(db, rows);
    }

    /// <summary>Every stored row, read-only (for pages and tests).</summary>
    public static async Task<BillingLedger> ReadAsync(PortalDbContext db, IReadOnlyCollection<Guid> legacySubscriptionIds, CancellationToken ct) =>
        (await LoadAsync(db, legacySubscriptionIds, ct)).Ledger;

    /// <summary>Legacy billing stops on <paramref name="day"/>; a subscription never billed here is taken as billed since its term began.</summary>
    public void StopLegacy(Guid legacySubscriptionId, DateOnly termStart, DateOnly day)
    {
        if (!_rows.Any(r => r.SubscriptionId == legacySubscriptionId))
        {
            Ledger.StartLegacyBilling(legacySubscriptionId, termStart <= day ? termStart : day);
        }

        Ledger.StopBilling(legacySubscriptionId, day);
        Sync();
    }

    public void StartNewCommerce(Guid nceSubscriptionId, Guid legacySubscriptionId, DateOnly day)
    {
        Ledger.StartNewCommerceBilling(nceSubscriptionId, legacySubscriptionId, day);
        _origins[nceSubscriptionId] = legacySubscriptionId;
        Sync();
    }

    /// <summary>A revert: the New Commerce subscription was never really sold (its billing is voided), and legacy billing resumes on <paramref name="day"/>.</summary>
    public void Revert(Guid legacySubscriptionId, Guid? nceSubscriptionId, DateOnly day)
    {
        if (nceSubscriptionId is { } nce && Ledger.Periods.FirstOrDefault(p => p.SubscriptionId == nce && p.Until is null) is { } open)
        {
            Ledger.StopBilling(nce, open.From);
        }

        Ledger.ResumeLegacyBilling(legacySubscriptionId, day);
        Sync();
    }

    private void Sync()
    {
        foreach (var period in Ledger.Periods)
        {
            var row = _rows.FirstOrDefault(r => r.SubscriptionId == period.SubscriptionId && r.From == period.From);
            if (row is null)
            {
                row = new BilledPeriodRecord
                {
                    Id = Guid.NewGuid(),
                    SubscriptionId = period.SubscriptionId,
                    Side = period.Side,
                    From = period.From,
                    Until = period.Until,
                    MigratedFromSubscriptionId = period.Side == BilledSide.NewCommerce ? MigratedFrom(period.SubscriptionId) : null,
                };
                _rows.Add(row);
                _db.BilledPeriods.Add(row);
            }
            else if (row.Until != period.Until)
            {
                row.Until = period.Until;
            }
        }
    }

    private Guid? MigratedFrom(Guid nceSubscriptionId) => _origins.TryGetValue(nceSubscriptionId, out var legacy) ? legacy : null;

    /// <summary>Replays the rows in the order things happened: stops before starts on one day, and a voided period's stop after its start.</summary>
    private BillingLedger Replay(List<BilledPeriodRecord> rows)
    {
        var ledger = new BillingLedger();
        var steps = rows.Select(r => (Day: r.From, Rank: 1, Row: r, Start: true))
            .Concat(rows.Where(r => r.Until is not null).Select(r => (Day: r.Until!.Value, Rank: r.Until == r.From ? 2 : 0, Row: r, Start: false)))
            .OrderBy(s => s.Day)
            .ThenBy(s => s.Rank);
        foreach (var (day, _, row, start) in steps)
        {
            if (!start)
            {
                ledger.StopBilling(row.SubscriptionId, day);
            }
            else if (row.Side == BilledSide.Legacy)
            {
                ledger.StartLegacyBilling(row.SubscriptionId, day);
            }
            else
            {
                _origins[row.SubscriptionId] = row.MigratedFromSubscriptionId!.Value;
                ledger.StartNewCommerceBilling(row.SubscriptionId, row.MigratedFromSubscriptionId, day);
            }
        }

        return ledger;
    }
}
