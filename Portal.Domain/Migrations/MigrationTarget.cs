using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Domain.Migrations;

/// <summary>
/// What a partner asks one legacy subscription to become in New Commerce (Partner Center's create/validate
/// body, per bundle member). Unset values carry over from the legacy subscription.
/// </summary>
public sealed record MigrationTarget(
    TermDuration Term,
    BillingCycle Billing,
    int Quantity,
    bool PurchaseFullTerm = false,
    DateOnly? CustomTermEndDate = null)
{
    public TermBilling TermBilling => new(Term, Billing);

    /// <summary>The default: same term, billing and seats, keeping the end date.</summary>
    public static MigrationTarget CarryOver(LegacySubscription subscription) =>
        new(subscription.Term, subscription.Billing, subscription.Quantity);
}

/// <summary>One member of a migration: a legacy subscription and the target it moves to.</summary>
public sealed record MigrationLine(Guid LegacySubscriptionId, Guid? ParentSubscriptionId, string CatalogItemId, MigrationTarget Target);
