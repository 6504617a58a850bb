using Microsoft.EntityFrameworkCore;
using Portal.Csv.Exports;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Dashboard;

public sealed record RenewalRow(Guid CustomerId, string CustomerName, Guid SubscriptionId, string SubscriptionName, TermBilling TermBilling, DateTimeOffset TermEnd, bool PartnerScheduled, bool MicrosoftScheduled, bool AutoRenew);

public sealed record Dashboard(
    DateTimeOffset Now,
    IReadOnlyDictionary<LegacySubscriptionStatus, int> LegacyByStatus,
    int Eligible,
    int Ineligible,
    int InFlight,
    int Failed,
    IReadOnlyList<RenewalRow> Renewals,
    IReadOnlyList<RenewalRow> MonthlyRisk);

/// <summary>
/// The home page's figures for the partner, each one query; eligibility is read from the stored per-customer figures,
/// of which only those made stale by a change or due by the partner's clock are judged again (ADR-022); lists capped
/// so the page stays small.
/// </summary>
public sealed class DashboardFigures(PortalDbContext db, PartnerClock clock, PartnerHoldings holdings, EligibilityFigureStore figures)
{
    public const int RenewalWindowDays = 90;

    public async Task<Dashboard> LoadAsync(Guid partnerTenantId, CancellationToken cancellationToken = default)
    {
        var now = await clock.NowAsync(partnerTenantId, cancellationToken);
        var customers = db.Customers.Where(c => c.PartnerTenantId == partnerTenantId).Select(c => c.TenantId);
        var byStatus = await db.LegacySubscriptions.Where(s => customers.Contains(s.CustomerId))
            .GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var phases = await db.Migrations.Where(m => customers.Contains(m.CustomerId))
            .GroupBy(m => m.Phase).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var until = now.AddDays(RenewalWindowDays);
        var renewals = await (
            from subscription in db.LegacySubscriptions.AsNoTracking()
            join customer in db.Customers on subscription.CustomerId equals customer.TenantId
            where customer.PartnerTenantId == partnerTenantId && subscription.Status == LegacySubscriptionStatus.Active && subscription.ParentSubscriptionId == null
            where subscription.TermEnd >= now && subscription.TermEnd <= until
            orderby subscription.TermEnd
            select new
            {
                customer.TenantId,
                customer.Name,
                subscription.Id,
                subscription.FriendlyName,
                subscription.Term,
                subscription.Billing,
                subscription.TermEnd,
                subscription.AutoRenewEnabled,
                Partner = db.Schedules.Any(s => s.SubscriptionId == subscription.Id && s.Status == ScheduleStatus.Created && !s.IsMicrosoftLed),
                Microsoft = db.Schedules.Any(s => s.SubscriptionId == subscription.Id && s.Status == ScheduleStatus.Created && s.IsMicrosoftLed),
            }).Take(200).ToListAsync(cancellationToken);
        var (eligible, ineligible) = await EligibilityAsync(partnerTenantId, now, cancellationToken);
        var rows = renewals.Select(r => new RenewalRow(r.TenantId, r.Name, r.Id, r.FriendlyName, new TermBilling(r.Term, r.Billing), r.TermEnd, r.Partner, r.Microsoft, r.AutoRenewEnabled)).ToList();
        return new Dashboard(
            now,
            byStatus,
            eligible,
            ineligible,
            phases.Where(p => p.Key is MigrationPhase.Requested or MigrationPhase.LegacySuspended or MigrationPhase.FailedLegacySuspended).Sum(p => p.Value),
            phases.Where(p => p.Key is MigrationPhase.FailedLegacyActive or MigrationPhase.FailedLegacySuspended or MigrationPhase.Reverted).Sum(p => p.Value),
            rows,
            rows.Where(r => r.TermBilling.Term == TermDuration.P1M && !r.PartnerScheduled && r.AutoRenew).ToList());
    }

    /// <summary>Active base subscriptions that could migrate now (with their add-ons), and those that could not: the stored figures, brought up to date first.</summary>
    private async Task<(int Eligible, int Ineligible)> EligibilityAsync(Guid partnerTenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partner = await holdings.PartnerAsync(partnerTenantId, cancellationToken);
        if (partner is null)
        {
            return (0, 0);
        }

        var counts = await figures.CurrentAsync(partner, now, cancellationToken);
        return (counts.Eligible, counts.Ineligible);
    }
}
