using Portal.Domain.Common;
using Portal.Domain.Terms;

namespace Portal.Domain.Subscriptions;

public enum LegacySubscriptionStatus
{
    Active,
    Suspended,
    Expired,
    Cancelled,
    Deleted,

    /// <summary>Moved to New Commerce; the New Commerce subscription carries on its service.</summary>
    Migrated,
}

/// <summary>A traditional license-based (legacy) subscription: a base, or an add-on of a base.</summary>
public sealed class LegacySubscription
{
    private LegacySubscription()
    {
    }

    public Guid Id { get; private init; }

    public Guid CustomerId { get; private init; }

    public Guid OfferId { get; private init; }

    public string FriendlyName { get; private set; } = "";

    public int Quantity { get; private set; }

    public TermDuration Term { get; private init; }

    public BillingCycle Billing { get; private init; }

    /// <summary>Start of the current term (UTC).</summary>
    public DateTimeOffset TermStart { get; private init; }

    /// <summary>End of the current term, a UTC instant such as 2024-01-17T23:59:59Z.</summary>
    public DateTimeOffset TermEnd { get; private init; }

    /// <summary>When the subscription was first bought (UTC). Drives the first-month check.</summary>
    public DateTimeOffset PurchaseDate { get; private init; }

    public LegacySubscriptionStatus Status { get; private set; }

    public bool IsTrial { get; private init; }

    public bool HasActivePromotion { get; private init; }

    public bool HadPromotionAtPurchase { get; private init; }

    public bool AutoRenewEnabled { get; private init; } = true;

    /// <summary>The base subscription, for an add-on.</summary>
    public Guid? ParentSubscriptionId { get; private init; }

    /// <summary>MPN id of the partner of record (an indirect reseller, or the partner itself).</summary>
    public string PartnerOfRecordId { get; private init; } = "";

    /// <summary>The migration that currently holds this subscription, while one is in flight.</summary>
    public Guid? InFlightMigrationId { get; private set; }

    /// <summary>An order or other change Partner Center is still processing (not a migration of ours).</summary>
    public bool HasPendingOrder { get; private init; }

    public bool IsAddOn => ParentSubscriptionId is not null;

    public bool IsBeingProcessed => InFlightMigrationId is not null || HasPendingOrder;

    public TermBilling TermBilling => new(Term, Billing);

    public static LegacySubscription Create(
        Guid id,
        Guid customerId,
        Guid offerId,
        string friendlyName,
        int quantity,
        TermDuration term,
        BillingCycle billing,
        DateTimeOffset termStart,
        DateTimeOffset termEnd,
        DateTimeOffset purchaseDate,
        string partnerOfRecordId,
        Guid? parentSubscriptionId = null,
        LegacySubscriptionStatus status = LegacySubscriptionStatus.Active,
        bool isTrial = false,
        bool hasActivePromotion = false,
        bool hadPromotionAtPurchase = false,
        bool autoRenewEnabled = true,
        bool hasPendingOrder = false)
    {
        if (quantity < 1)
        {
            throw new DomainException($"A subscription has at least one seat; got {quantity}.");
        }

        if (termEnd <= termStart)
        {
            throw new DomainException("A subscription's term must end after it starts.");
        }

        if (termEnd.Offset != TimeSpan.Zero || termStart.Offset != TimeSpan.Zero || purchaseDate.Offset != TimeSpan.Zero)
        {
            throw new DomainException("Subscription instants are stored in UTC.");
        }

        if (parentSubscriptionId == id)
        {
            throw new DomainException("A subscription cannot be its own base.");
        }

        return new LegacySubscription
        {
            Id = id,
            CustomerId = customerId,
            OfferId = offerId,
            FriendlyName = friendlyName,
            Quantity = quantity,
            Term = term,
            Billing = billing,
            TermStart = termStart,
            TermEnd = termEnd,
            PurchaseDate = purchaseDate,
            PartnerOfRecordId = partnerOfRecordId,
            ParentSubscriptionId = parentSubscriptionId,
            Status = status,
            IsTrial = isTrial,
            HasActivePromotion = hasActivePromotion,
            HadPromotionAtPurchase = hadPromotionAtPurchase,
            AutoRenewEnabled = autoRenewEnabled,
            HasPendingOrder = hasPendingOrder,
        };
    }

    /// <summary>Claims the subscription for a migration that has been requested; it stays Active until the migration begins.</summary>
    public void Reserve(Guid migrationId)
    {
        EnsureReservable(migrationId);
        InFlightMigrationId = migrationId;
    }

    /// <summary>Throws unless <see cref="Reserve"/> would succeed; changes nothing, so a bundle can be checked whole before any member is claimed.</summary>
    internal void EnsureReservable(Guid migrationId)
    {
        if (Status != LegacySubscriptionStatus.Active)
        {
            throw new DomainException($"Subscription {Id} is {Status}; only an Active subscription can be migrated.");
        }

        if (InFlightMigrationId is { } other && other != migrationId)
        {
            throw new DomainException($"Subscription {Id} is already being migrated by {other}.");
        }
    }

    /// <summary>The migration has begun: service continues, but the subscription is suspended and its billing stops.</summary>
    public void SuspendForMigration(Guid migrationId)
    {
        EnsureHeldBy(migrationId);
        if (Status != LegacySubscriptionStatus.Active)
        {
            throw new DomainException($"Subscription {Id} is {Status}; only an Active subscription can be suspended for migration.");
        }

        Status = LegacySubscriptionStatus.Suspended;
    }

    /// <summary>The New Commerce subscription now carries the service.</summary>
    public void MarkMigrated(Guid migrationId)
    {
        EnsureHeldBy(migrationId);
        if (Status != LegacySubscriptionStatus.Suspended)
        {
            throw new DomainException($"Subscription {Id} is {Status}; only a subscription suspended for migration can be marked migrated.");
        }

        Status = LegacySubscriptionStatus.Migrated;
        InFlightMigrationId = null;
    }

    /// <summary>A migration failed or was reverted: the subscription is Active again and free for a retry.</summary>
    public void Release(Guid migrationId)
    {
        EnsureHeldBy(migrationId);
        Status = LegacySubscriptionStatus.Active;
        InFlightMigrationId = null;
    }

    /// <summary>Legacy subscriptions may be cancelled at any time in their term, but not while a migration holds them.</summary>
    public void Cancel()
    {
        if (InFlightMigrationId is not null)
        {
            throw new DomainException($"Subscription {Id} is being migrated and cannot be cancelled now.");
        }

        if (Status is not (LegacySubscriptionStatus.Active or LegacySubscriptionStatus.Suspended))
        {
            throw new DomainException($"Subscription {Id} is {Status} and cannot be cancelled.");
        }

        Status = LegacySubscriptionStatus.Cancelled;
    }

    private void EnsureHeldBy(Guid migrationId)
    {
        if (InFlightMigrationId != migrationId)
        {
            throw new DomainException($"Subscription {Id} is not held by migration {migrationId}.");
        }
    }
}
