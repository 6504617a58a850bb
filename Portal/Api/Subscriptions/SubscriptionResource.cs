using Portal.Domain.Catalog;
using Portal.Domain.Subscriptions;

namespace Portal.Api.Subscriptions;

/// <summary>Partner Center's <c>productType</c>: what kind of product a subscription is of.</summary>
public sealed record ProductTypeResource(string Id, string DisplayName)
{
    /// <summary>A legacy license-based subscription.</summary>
    public static readonly ProductTypeResource Legacy = new("OnlineServices", "OnlineServices");

    /// <summary>A New Commerce subscription, which Partner Center tools recognise by this display name.</summary>
    public static readonly ProductTypeResource NewCommerce = new("OnlineServices", "OnlineServicesNCE");
}

/// <summary>One of Partner Center's <c>links</c>: a path relative to the API's base (e.g. <c>/v1</c>) and its method.</summary>
public sealed record LinkResource(string Uri, string Method, IReadOnlyList<string> Headers)
{
    public static LinkResource Get(string uri) => new(uri, "GET", []);
}

/// <summary>The subscription's <c>links</c>: itself, and its base subscription (add-ons only).</summary>
public sealed record SubscriptionLinks(
    LinkResource Self,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] LinkResource? ParentSubscription);

/// <summary>Partner Center's <c>attributes</c> of a resource.</summary>
public sealed record ResourceAttributes(string ObjectType);

/// <summary>
/// Partner Center's subscription resource, for a legacy subscription (offerId is the legacy offer's GUID, productType
/// OnlineServices) or a New Commerce one (offerId is ProductId:SkuId:AvailabilityId, productType OnlineServicesNCE, and
/// cancellationAllowedUntilDate ends its 168-hour window). Status and billing cycle are lower-case, as Partner Center
/// writes them; partnerId is the partner of record's MPN id (empty when none is recorded).
/// </summary>
public sealed record SubscriptionResource(
    Guid Id,
    string OfferId,
    string OfferName,
    string FriendlyName,
    int Quantity,
    string UnitType,
    Guid? ParentSubscriptionId,
    DateTime CreationDate,
    DateTime EffectiveStartDate,
    DateTime CommitmentEndDate,
    string Status,
    bool AutoRenewEnabled,
    bool IsTrial,
    string BillingType,
    string BillingCycle,
    string TermDuration,
    string PartnerId,
    ProductTypeResource ProductType,
    Guid? MigratedFromSubscriptionId,
    DateTime? CancellationAllowedUntilDate,
    bool IsNewCommerce,
    SubscriptionLinks Links,
    ResourceAttributes Attributes)
{
    private static readonly ResourceAttributes SubscriptionAttributes = new("Subscription");

    public static SubscriptionResource From(LegacySubscription s, LegacyOffer? offer) => new(
        s.Id,
        s.OfferId.ToString(),
        offer?.Name ?? "",
        s.FriendlyName,
        s.Quantity,
        "Licenses",
        s.ParentSubscriptionId,
        ApiText.Utc(s.PurchaseDate),
        ApiText.Utc(s.TermStart),
        ApiText.Utc(s.TermEnd),
        StatusOf(s.Status),
        s.AutoRenewEnabled,
        s.IsTrial,
        "license",
        BillingOf(s.Billing),
        ApiText.Term(s.Term),
        s.PartnerOfRecordId,
        ProductTypeResource.Legacy,
        null,
        null,
        false,
        new SubscriptionLinks(
            LinkResource.Get(SelfOf(s.CustomerId, s.Id)),
            s.ParentSubscriptionId is { } parent ? LinkResource.Get(SelfOf(s.CustomerId, parent)) : null),
        SubscriptionAttributes);

    public static SubscriptionResource From(NceSubscription s, string? offerName) => new(
        s.Id,
        s.CatalogItemId,
        offerName ?? s.FriendlyName,
        s.FriendlyName,
        s.Quantity,
        "Licenses",
        null,
        ApiText.Utc(s.CreatedAt),
        ApiText.Utc(s.TermStart),
        ApiText.Utc(s.TermEnd),
        StatusOf(s.Status),
        true,
        s.IsTrial,
        "license",
        BillingOf(s.Billing),
        ApiText.Term(s.Term),
        "",
        ProductTypeResource.NewCommerce,
        s.MigratedFromSubscriptionId,
        ApiText.Utc(s.CancellationAllowedUntil),
        true,
        new SubscriptionLinks(LinkResource.Get(SelfOf(s.CustomerId, s.Id)), null),
        SubscriptionAttributes);

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

    /// <summary>Partner Center's subscription billing cycle: monthly, annual, triennial.</summary>
    public static string BillingOf(Domain.Terms.BillingCycle billing) => billing.ToString().ToLowerInvariant();

    private static string SelfOf(Guid customerId, Guid subscriptionId) => $"/customers/{customerId}/subscriptions/{subscriptionId}";
}
