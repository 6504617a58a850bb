using Portal.Domain.Catalog;
using Portal.Domain.Subscriptions;

namespace Portal.Api.Subscriptions;

/// <summary>
/// Partner Center's subscription resource, for a legacy subscription (offerId is the legacy offer's GUID) or a New
/// Commerce one (offerId is its catalog item id, and cancellationAllowedUntilDate ends its 168-hour window).
/// </summary>
public sealed record SubscriptionResource(
    Guid Id,
    string OfferId,
    string OfferName,
    string FriendlyName,
    int Quantity,
    string Status,
    DateTime CreationDate,
    DateTime CommitmentEndDate,
    bool AutoRenewEnabled,
    bool IsTrial,
    string TermDuration,
    string BillingCycle,
    Guid? ParentSubscriptionId,
    Guid? MigratedFromSubscriptionId,
    DateTime? CancellationAllowedUntilDate,
    bool IsNewCommerce)
{
    public static SubscriptionResource From(LegacySubscription s, LegacyOffer? offer) => new(
        s.Id,
        s.OfferId.ToString(),
        offer?.Name ?? "",
        s.FriendlyName,
        s.Quantity,
        StatusOf(s.Status),
        ApiText.Utc(s.PurchaseDate),
        ApiText.Utc(s.TermEnd),
        s.AutoRenewEnabled,
        s.IsTrial,
        ApiText.Term(s.Term),
        ApiText.Billing(s.Billing),
        s.ParentSubscriptionId,
        null,
        null,
        false);

    public static SubscriptionResource From(NceSubscription s, string? offerName) => new(
        s.Id,
        s.CatalogItemId,
        offerName ?? s.FriendlyName,
        s.FriendlyName,
        s.Quantity,
        StatusOf(s.Status),
        ApiText.Utc(s.CreatedAt),
        ApiText.Utc(s.TermEnd),
        true,
        s.IsTrial,
        ApiText.Term(s.Term),
        ApiText.Billing(s.Billing),
        null,
        s.MigratedFromSubscriptionId,
        ApiText.Utc(s.CancellationAllowedUntil),
        true);

    /// <summary>Partner Center's status names: active, suspended, expired, deleted (cancelled, or moved to New Commerce).</summary>
    public static string StatusOf(LegacySubscriptionStatus status) => status switch
    {
        LegacySubscriptionStatus.Active => "active",
        LegacySubscriptionStatus.Suspended => "suspended",
        LegacySubscriptionStatus.Expired => "expired",
        _ => "deleted",
    };

    public static string StatusOf(NceSubscriptionStatus status) => status switch
    {
        NceSubscriptionStatus.Active => "active",
        NceSubscriptionStatus.Expired => "expired",
        _ => "deleted",
    };
}
