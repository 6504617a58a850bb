using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Persistence;

namespace Portal.Migrations.Live;

/// <summary>
/// One per instance (ADR-026): while anyone on this instance is subscribed, reads every few seconds, in one query,
/// the subscribed partners' migrations that are in flight or were in flight at the previous tick, with their
/// stored versions; publishes each one that is new or whose version moved, unless this instance's engine already
/// published that version. So a page sees what another instance's engine did within a tick, without any page
/// polling the database itself.
/// </summary>
public sealed class MigrationUpdatesPoller(
    MigrationUpdates hub, IServiceScopeFactory scopes, LiveUpdateOptions options, TimeProvider time, ILogger<MigrationUpdatesPoller> logger)
    : BackgroundService
{
    private static readonly MigrationPhase[] InFlight = [MigrationPhase.Requested, MigrationPhase.LegacySuspended, MigrationPhase.FailedLegacySuspended];

    /// <summary>What the previous tick saw: each watched migration's partner and version.</summary>
    private readonly Dictionary<Guid, (Guid Partner, int Version)> _known = [];

    /// <summary>Partners whose first tick is done (their migrations then were the baseline, not news).</summary>
    private readonly HashSet<Guid> _baselined = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.PollInterval, time, stoppingToken);
                await TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LiveLog.PollFailed(logger, e);
            }
        }
    }

    /// <summary>One tick: nothing at all when nobody is subscribed; otherwise one query and the updates it finds.</summary>
    public async Task<int> TickAsync(CancellationToken ct)
    {
        var partners = hub.SubscribedPartners.ToList();
        _baselined.IntersectWith(partners);
        foreach (var gone in _known.Where(k => !partners.Contains(k.Value.Partner)).Select(k => k.Key).ToList())
        {
            _known.Remove(gone); // nobody of that partner is subscribed any more
        }

        if (partners.Count == 0)
        {
            hub.ForgetPublishedVersions();
            return 0;
        }

        var watched = _known.Keys.ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await (
            from m in db.Migrations.AsNoTracking()
            join c in db.Customers.AsNoTracking() on m.CustomerId equals c.TenantId
            where partners.Contains(c.PartnerTenantId) && (InFlight.Contains(m.Phase) || watched.Contains(m.Id))
            select new { m.Id, c.PartnerTenantId, m.Phase, m.ExternalReferenceId, Version = EF.Property<int>(m, PortalDbContext.VersionProperty) })
            .ToListAsync(ct);

        foreach (var vanished in watched.Except(rows.Select(r => r.Id)).ToList())
        {
            _known.Remove(vanished);
        }

        var published = 0;
        foreach (var row in rows)
        {
            var isNews = _known.TryGetValue(row.Id, out var seen)
                ? seen.Version != row.Version
                : _baselined.Contains(row.PartnerTenantId);
            if (isNews && !hub.WasPublished(row.Id, row.Version))
            {
                hub.Publish(new MigrationUpdate(row.PartnerTenantId, MigrationUpdate.KindOf(row.Phase), row.Id, row.ExternalReferenceId, row.Phase));
                published++;
            }

            if (InFlight.Contains(row.Phase))
            {
                _known[row.Id] = (row.PartnerTenantId, row.Version);
            }
            else
            {
                _known.Remove(row.Id); // finished: announced once, no longer watched
            }
        }

        _baselined.UnionWith(partners);
        hub.ForgetPublishedVersions();
        return published;
    }
}
