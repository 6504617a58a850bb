using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Customers;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Subscriptions;

public enum NceChangeStatus
{
    Done,

    /// <summary>No such subscription for this partner and customer (another partner's id answers the same).</summary>
    NotFound,

    /// <summary>The rules refuse it; <see cref="NceSubscriptionChange.Refusal"/> says why, in words a person can act on.</summary>
    Refused,
}

/// <summary>The answer to a seat reduction or a cancellation.</summary>
public sealed record NceSubscriptionChange(NceChangeStatus Status, NceSubscription? Subscription, Refusal? Refusal)
{
    public static NceSubscriptionChange NotFound { get; } = new(NceChangeStatus.NotFound, null, null);

    public static NceSubscriptionChange Done(NceSubscription subscription) => new(NceChangeStatus.Done, subscription, null);

    public static NceSubscriptionChange Refused(NceSubscription subscription, Refusal refusal) => new(NceChangeStatus.Refused, subscription, refusal);
}

/// <summary>A New Commerce subscription as a person sees it: with its customer and the partner's "now".</summary>
public sealed record NceSubscriptionPicture(Customer Customer, NceSubscription Subscription, DateTimeOffset Now)
{
    public bool InCancellationWindow => Subscription.Status == NceSubscriptionStatus.Active && Subscription.IsInCancellationWindow(Now);

    /// <summary>Seats that may be removed now (0 outside the window or when a single seat is left).</summary>
    public int RemovableSeats => Subscription.Status == NceSubscriptionStatus.Active ? Subscription.RemovableSeats(Now) : 0;
}

/// <summary>
/// Reduces seats of, or cancels, a New Commerce subscription inside its 168-hour cancellation window; after it the
/// domain's refusal is returned with its reason. Every call is scoped to the signed-in partner, answers
/// <see cref="NceChangeStatus.NotFound"/> for another partner's subscription exactly as for a missing one, and
/// writes an audit entry in the same save as the change. Used by the NCE subscription page and the API's PATCH.
/// </summary>
public sealed class NceSubscriptionDesk(PortalDbContext db, AuditLog audit, PartnerClock clock)
{
    public const string ConcurrentChangeCode = "ChangedConcurrently";
    public const string NotActiveCode = "SubscriptionNotActive";

    public async Task<NceSubscriptionPicture?> LoadAsync(Guid partnerTenantId, Guid customerId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var subscription = await db.NceSubscriptions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken);
        return subscription is null ? null : new NceSubscriptionPicture(customer, subscription, await clock.NowAsync(partnerTenantId, cancellationToken));
    }

    public Task<NceSubscriptionChange> ReduceSeatsAsync(Guid partnerTenantId, Guid customerId, Guid subscriptionId, int newQuantity, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            partnerTenantId,
            customerId,
            subscriptionId,
            actor,
            "NceSeatsReduced",
            (subscription, now) =>
            {
                var before = subscription.Quantity;
                return (subscription.ReduceSeats(newQuantity, now), $"seats {before} -> {newQuantity}");
            },
            cancellationToken);

    public Task<NceSubscriptionChange> CancelAsync(Guid partnerTenantId, Guid customerId, Guid subscriptionId, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            partnerTenantId,
            customerId,
            subscriptionId,
            actor,
            "NceSubscriptionCancelled",
            (subscription, now) => (subscription.Cancel(now), $"{subscription.Quantity} seats, {subscription.CatalogItemId}"),
            cancellationToken);

    private async Task<NceSubscriptionChange> ChangeAsync(
        Guid partnerTenantId,
        Guid customerId,
        Guid subscriptionId,
        string actor,
        string action,
        Func<NceSubscription, DateTimeOffset, (Outcome Outcome, string Detail)> change,
        CancellationToken cancellationToken)
    {
        var owned = await db.Customers.AnyAsync(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId, cancellationToken);
        var subscription = owned
            ? await db.NceSubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken)
            : null;
        if (subscription is null)
        {
            return NceSubscriptionChange.NotFound;
        }

        if (subscription.Status != NceSubscriptionStatus.Active)
        {
            return NceSubscriptionChange.Refused(subscription, new Refusal(NotActiveCode, $"The subscription is {subscription.Status}; only an active subscription can change."));
        }

        var now = await clock.NowAsync(partnerTenantId, cancellationToken);
        var (outcome, detail) = change(subscription, now);
        if (outcome.Refusal is { } refusal)
        {
            return NceSubscriptionChange.Refused(subscription, refusal);
        }

        try
        {
            // The audit entry is saved in the same SaveChanges as the change: both or neither.
            await audit.RecordAsync(partnerTenantId, actor, action, $"nce subscription {subscription.Id}", detail, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.NceSubscriptions.AsNoTracking().SingleAsync(s => s.Id == subscriptionId, cancellationToken);
            return NceSubscriptionChange.Refused(current, new Refusal(ConcurrentChangeCode, "Someone changed this subscription at the same moment; nothing was changed. Look at its current seats and try again."));
        }

        return NceSubscriptionChange.Done(subscription);
    }
}
