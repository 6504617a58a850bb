using Microsoft.EntityFrameworkCore;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Schedules;

/// <summary>An active base subscription whose term ends in the window, with its waiting schedule if any (null: none; true: Microsoft-led).</summary>
public sealed record TermEndRow(Guid CustomerId, string CustomerName, Guid SubscriptionId, string SubscriptionName, DateTimeOffset TermEnd, bool? ScheduleIsMicrosoftLed);

/// <summary>
/// The renewal calendar's read: the partner's active base subscriptions whose term ends in [start, end), in term-end
/// order, at most <paramref name="take"/>; one command, on the term-end index. The same query as the calendar page's,
/// so the page can take it from here.
/// </summary>
public sealed class RenewalCalendarQuery(PortalDbContext db)
{
    public const int MaxRows = 1000;

    public async Task<IReadOnlyList<TermEndRow>> TermEndsAsync(Guid partnerTenantId, DateTimeOffset start, DateTimeOffset end, int take = MaxRows, CancellationToken cancellationToken = default) =>
        await (
            from subscription in db.LegacySubscriptions.AsNoTracking()
            join customer in db.Customers on subscription.CustomerId equals customer.TenantId
            where customer.PartnerTenantId == partnerTenantId
                && subscription.Status == LegacySubscriptionStatus.Active
                && subscription.ParentSubscriptionId == null
                && subscription.TermEnd >= start
                && subscription.TermEnd < end
            orderby subscription.TermEnd, customer.Name
            select new TermEndRow(
                customer.TenantId,
                customer.Name,
                subscription.Id,
                subscription.FriendlyName,
                subscription.TermEnd,
                db.Schedules.Where(s => s.SubscriptionId == subscription.Id && s.Status == ScheduleStatus.Created).Select(s => (bool?)s.IsMicrosoftLed).FirstOrDefault()))
            .Take(Math.Clamp(take, 1, MaxRows))
            .ToListAsync(cancellationToken);
}
