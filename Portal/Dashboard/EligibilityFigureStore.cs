using Microsoft.EntityFrameworkCore;
using Portal.Csv.Exports;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Dashboard;

/// <summary>The partner's eligibility figures: active base subscriptions that could migrate now (with their add-ons), and those that could not.</summary>
public sealed record EligibilityCounts(int Eligible, int Ineligible);

/// <summary>
/// What a full recount found: customers counted, figures that were due anyway (stale or past their time), figures
/// missing, and figures that claimed to hold but were wrong (drift), all of them repaired.
/// </summary>
public sealed record FiguresRecount(int Partners, int Customers, int WereDue, int Missing, int Drifted);

/// <summary>
/// The stored, per-customer eligibility figures behind the dashboard (ADR-022). Reading a partner's figures first
/// recounts only its customers whose figure is stale or due at the partner's now, so a load costs the changes since
/// the last one plus one indexed sum, not a judgement of every subscription. <see cref="RecountAllAsync"/> judges
/// every customer again, repairs and reports drift (the nightly pass).
/// </summary>
public sealed class EligibilityFigureStore(PortalDbContext db, IServiceScopeFactory scopes, PartnerHoldings holdings, PartnerClock clock)
{
    /// <summary>Customers recounted per round trip: one page of holdings.</summary>
    public const int Batch = PartnerHoldings.PageSize;

    /// <summary>Brings the partner's stale and due figures up to date at <paramref name="now"/>, then sums them.</summary>
    public async Task<EligibilityCounts> CurrentAsync(PartnerOrganization partner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RefreshAsync(partner, now, cancellationToken);
        return await SumAsync(partner.TenantId, cancellationToken);
    }

    /// <summary>The stored figures' sums, as they stand.</summary>
    public async Task<EligibilityCounts> SumAsync(Guid partnerTenantId, CancellationToken cancellationToken)
    {
        var sums = await db.EligibilityFigures.AsNoTracking()
            .Where(f => f.PartnerTenantId == partnerTenantId)
            .GroupBy(f => f.PartnerTenantId)
            .Select(g => new { Eligible = g.Sum(f => f.Eligible), Ineligible = g.Sum(f => f.Ineligible) })
            .SingleOrDefaultAsync(cancellationToken);
        return new EligibilityCounts(sums?.Eligible ?? 0, sums?.Ineligible ?? 0);
    }

    /// <summary>Recounts the partner's figures that are stale or due at <paramref name="now"/>; answers how many.</summary>
    public async Task<int> RefreshAsync(PartnerOrganization partner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recounted = 0;
        Guid? after = null;
        while (true)
        {
            var due = db.EligibilityFigures.AsNoTracking().Where(f => f.PartnerTenantId == partner.TenantId && f.RecountDue <= now);
            if (after is { } last)
            {
                due = due.Where(f => f.CustomerId.CompareTo(last) > 0);
            }

            var page = await due.OrderBy(f => f.CustomerId).Take(Batch).Select(f => new { f.CustomerId, f.Stamp }).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return recounted;
            }

            after = page[^1].CustomerId;
            var customers = await holdings.OfCustomersAsync(partner, page.Select(p => p.CustomerId).ToList(), now, withSchedules: true, cancellationToken);
            var stamps = page.ToDictionary(p => p.CustomerId, p => p.Stamp);
            recounted += await StoreAsync(partner.TenantId, customers.Select(c => CustomerJudgement.Of(c, stamps[c.Customer.TenantId])).ToList(), now, cancellationToken);
        }
    }

    /// <summary>Judges every customer of every partner again, compares with the stored figures and repairs them.</summary>
    public async Task<FiguresRecount> RecountAllAsync(CancellationToken cancellationToken)
    {
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.TenantId).ToListAsync(cancellationToken);
        var total = new FiguresRecount(0, 0, 0, 0, 0);
        foreach (var partner in partners)
        {
            var found = await RecountAsync(partner, cancellationToken);
            total = new FiguresRecount(total.Partners + 1, total.Customers + found.Customers, total.WereDue + found.WereDue, total.Missing + found.Missing, total.Drifted + found.Drifted);
        }

        return total;
    }

    /// <summary>Judges every customer of one partner again, compares with the stored figures and repairs them.</summary>
    public async Task<FiguresRecount> RecountAsync(PartnerOrganization partner, CancellationToken cancellationToken)
    {
        var now = await clock.NowAsync(partner.TenantId, cancellationToken);
        var (customers, wereDue, missing, drifted) = (0, 0, 0, 0);
        Guid? after = null;
        while (true)
        {
            var ids = await holdings.CustomerIdsAsync(partner.TenantId, after, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            after = ids[^1];
            // The stamps before the facts, as RefreshAsync reads them: a change saved in between moves its customer's
            // stamp, so the count judged below is refused rather than stored as current over the change.
            var stored = await db.EligibilityFigures.AsNoTracking().Where(f => ids.Contains(f.CustomerId)).ToDictionaryAsync(f => f.CustomerId, cancellationToken);
            var page = await holdings.OfCustomersAsync(partner, ids, now, withSchedules: true, cancellationToken);
            var counted = new List<CustomerJudgement>();
            var added = new List<CustomerEligibilityFigure>();
            foreach (var customer in page)
            {
                customers++;
                if (!stored.TryGetValue(customer.Customer.TenantId, out var figure))
                {
                    missing++;
                    added.Add(new CustomerEligibilityFigure { CustomerId = customer.Customer.TenantId, PartnerTenantId = partner.TenantId });
                    counted.Add(CustomerJudgement.Of(customer, 0));
                    continue;
                }

                var judgement = CustomerJudgement.Of(customer, figure.Stamp);
                var count = judgement.Count;

                if (figure.RecountDue <= now)
                {
                    wereDue++;
                }
                else if ((figure.Eligible, figure.Ineligible) != (count.Eligible, count.Ineligible))
                {
                    drifted++;
                }

                counted.Add(judgement);
            }

            if (added.Count > 0)
            {
                // The missing figures first (stale), so that the counts below update them as any other.
                await using var scope = scopes.CreateAsyncScope();
                var writer = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                writer.EligibilityFigures.AddRange(added);
                await writer.SaveChangesAsync(cancellationToken);
            }

            await StoreAsync(partner.TenantId, counted, now, cancellationToken);
        }

        return new FiguresRecount(1, customers, wereDue, missing, drifted);
    }

    /// <summary>
    /// Stores the judgements over the figures read with their stamps (read before the facts they were judged from);
    /// a figure whose stamp has moved since (a change saved after its facts were read) is left stale for the next pass,
    /// and its verdicts, stored with the old stamp, are not read as valid (ADR-030). Answers how many were stored.
    /// </summary>
    public async Task<int> StoreAsync(Guid partnerTenantId, IReadOnlyCollection<CustomerJudgement> judgements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A context of its own: nothing the caller's context tracks is saved with the figures.
        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // The verdicts first: a figure stored current always has its verdicts there already.
        await SubscriptionVerdictWriter.UpsertAsync(writer, judgements.SelectMany(j => j.Verdicts), cancellationToken);
        var stored = 0;
        foreach (var (count, stamp) in judgements.Select(j => (j.Count, j.Stamp)))
        {
            var figure = new CustomerEligibilityFigure { CustomerId = count.CustomerId, PartnerTenantId = partnerTenantId, Stamp = stamp };
            writer.EligibilityFigures.Attach(figure);
            figure.Eligible = count.Eligible;
            figure.Ineligible = count.Ineligible;
            figure.RecountDue = count.HoldsUntil;
            figure.ComputedAt = now;
            var entry = writer.Entry(figure);
            entry.Property(f => f.Eligible).IsModified = true;
            entry.Property(f => f.Ineligible).IsModified = true;
            entry.Property(f => f.RecountDue).IsModified = true;
            entry.Property(f => f.ComputedAt).IsModified = true;
            stored++;
        }

        while (true)
        {
            try
            {
                await writer.SaveChangesAsync(cancellationToken);
                return stored;
            }
            catch (DbUpdateConcurrencyException conflict)
            {
                foreach (var entry in conflict.Entries)
                {
                    entry.State = EntityState.Detached;
                    stored--;
                }
            }
        }
    }
}

/// <summary>One customer's counts, and the instant they hold until (<see cref="CustomerEligibilityFigure.Never"/> when no time rule can change them).</summary>
public sealed record CustomerCount(Guid CustomerId, int Eligible, int Ineligible, DateTimeOffset HoldsUntil);
