using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;

namespace Portal.Domain.Eligibility;

/// <summary>Seats a migration in flight will add to a New Commerce product when it completes.</summary>
public sealed record InFlightSeats(Guid LegacySubscriptionId, string ProductSku, int Quantity);

/// <summary>What eligibility is judged against: the partner, one customer and everything that customer holds.</summary>
public sealed record EligibilityContext
{
    public required PartnerOrganization Partner { get; init; }

    public required Customer Customer { get; init; }

    /// <summary>The legacy catalog (at least the offers of the customer's subscriptions).</summary>
    public required IReadOnlyCollection<LegacyOffer> Offers { get; init; }

    /// <summary>All the customer's legacy subscriptions: the bundle's add-ons and an add-on's base are found here.</summary>
    public required IReadOnlyCollection<LegacySubscription> LegacySubscriptions { get; init; }

    /// <summary>The customer's New Commerce subscriptions (for seat caps, subscription limits and co-terming).</summary>
    public IReadOnlyCollection<NceSubscription> NceSubscriptions { get; init; } = [];

    /// <summary>Seats the customer's migrations in flight will add.</summary>
    public IReadOnlyCollection<InFlightSeats> InFlight { get; init; } = [];

    /// <summary>MPN ids of other valid, active partners of record (active indirect resellers); the partner itself always counts.</summary>
    public IReadOnlySet<string> ActivePartnerIds { get; init; } = new HashSet<string>();

    /// <summary>The current time: when the facts above were read.</summary>
    public required DateTimeOffset Now { get; init; }

    public LegacyOffer? Offer(Guid offerId) => Offers.FirstOrDefault(o => o.Id == offerId);

    public LegacySubscription? Legacy(Guid subscriptionId) => LegacySubscriptions.FirstOrDefault(s => s.Id == subscriptionId);

    /// <summary>The base's add-ons that must migrate with it: those that are Active.</summary>
    public IReadOnlyList<LegacySubscription> ActiveAddOnsOf(Guid baseSubscriptionId) =>
        LegacySubscriptions
            .Where(s => s.ParentSubscriptionId == baseSubscriptionId && s.Status == LegacySubscriptionStatus.Active)
            .OrderBy(s => s.PurchaseDate)
            .ToList();
}
