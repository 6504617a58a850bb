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

    public LegacyOffer? Offer(Guid offerId) => Lookups.Of(this).Offer(offerId);

    public LegacySubscription? Legacy(Guid subscriptionId) => Lookups.Of(this).Legacy(subscriptionId);

    /// <summary>The base's add-ons that must migrate with it: those that are Active.</summary>
    public IReadOnlyList<LegacySubscription> ActiveAddOnsOf(Guid baseSubscriptionId)
    {
        var addOns = Lookups.Of(this).AddOnsOf(baseSubscriptionId);
        return addOns is null
            ? []
            : addOns.Where(s => s.Status == LegacySubscriptionStatus.Active).OrderBy(s => s.PurchaseDate).ToList();
    }

    /// <summary>The customer's New Commerce subscriptions of one product, whatever their status.</summary>
    public IEnumerable<NceSubscription> NceOfProduct(string productSku) => Lookups.Of(this).NceOf(productSku);

    /// <summary>
    /// The seats in flight to one product whose New Commerce subscription does not exist yet (one that does, whatever its
    /// status, counts through that subscription or not at all).
    /// </summary>
    public IReadOnlyList<InFlightSeats> PendingInFlightOfProduct(string productSku) => Lookups.Of(this).PendingInFlightOf(productSku);

    /// <summary>The customer's New Commerce subscriptions migrated from one legacy subscription, whatever their status.</summary>
    public IEnumerable<NceSubscription> NceMigratedFrom(Guid legacySubscriptionId) => Lookups.Of(this).NceFrom(legacySubscriptionId);

    /// <summary>
    /// Indexes of the context's collections by what never changes on an entity (ids, a base's id, a product), built on
    /// first use and kept per context object (a <c>with</c> copy gets its own), so that judging every subscription of
    /// a large customer is not quadratic. Whatever can change (a status, a quantity) is read from the entities at each
    /// call; a collection that grew since is indexed again.
    /// </summary>
    private sealed class Lookups
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EligibilityContext, Lookups> Built = new();

        private readonly EligibilityContext _source;
        private readonly (int Offers, int Legacy, int Nce, int InFlight) _counts;
        private readonly Dictionary<Guid, LegacyOffer> _offers = [];
        private readonly Dictionary<Guid, LegacySubscription> _legacy = [];
        private readonly ILookup<Guid, LegacySubscription> _addOns;
        private readonly ILookup<string, NceSubscription> _nce;
        private readonly ILookup<string, InFlightSeats> _inFlight;
        private readonly ILookup<Guid, NceSubscription> _nceFrom;
        private readonly Dictionary<string, IReadOnlyList<InFlightSeats>> _pending = new(StringComparer.Ordinal);

        private Lookups(EligibilityContext context)
        {
            _source = context;
            _counts = Counts(context);
            foreach (var offer in context.Offers)
            {
                _offers.TryAdd(offer.Id, offer);
            }

            foreach (var subscription in context.LegacySubscriptions)
            {
                _legacy.TryAdd(subscription.Id, subscription);
            }

            _addOns = context.LegacySubscriptions.Where(s => s.ParentSubscriptionId is not null).ToLookup(s => s.ParentSubscriptionId!.Value);
            _nce = context.NceSubscriptions.ToLookup(s => s.ProductSku, StringComparer.Ordinal);
            _inFlight = context.InFlight.ToLookup(f => f.ProductSku, StringComparer.Ordinal);
            _nceFrom = context.NceSubscriptions.Where(s => s.MigratedFromSubscriptionId is not null).ToLookup(s => s.MigratedFromSubscriptionId!.Value);
        }

        public static Lookups Of(EligibilityContext context)
        {
            if (Built.TryGetValue(context, out var lookups) && lookups._counts == Counts(context))
            {
                return lookups;
            }

            lookups = new Lookups(context);
            Built.AddOrUpdate(context, lookups);
            return lookups;
        }

        public LegacyOffer? Offer(Guid id) => _offers.GetValueOrDefault(id);

        public LegacySubscription? Legacy(Guid id) => _legacy.GetValueOrDefault(id);

        /// <summary>The base's add-ons, or null when it has none (most bases).</summary>
        public IEnumerable<LegacySubscription>? AddOnsOf(Guid baseId) => _addOns.Contains(baseId) ? _addOns[baseId] : null;

        public IEnumerable<NceSubscription> NceOf(string productSku) => _nce[productSku];

        public IEnumerable<NceSubscription> NceFrom(Guid legacyId) => _nceFrom[legacyId];

        /// <summary>Built once per product: which legacy subscription a New Commerce one came from never changes.</summary>
        public IReadOnlyList<InFlightSeats> PendingInFlightOf(string productSku)
        {
            if (!_pending.TryGetValue(productSku, out var pending))
            {
                var created = _nce[productSku].Where(s => s.MigratedFromSubscriptionId is not null).Select(s => s.MigratedFromSubscriptionId!.Value).ToHashSet();
                pending = [.. _inFlight[productSku].Where(f => !created.Contains(f.LegacySubscriptionId))];
                _pending[productSku] = pending;
            }

            return pending;
        }

        private static (int, int, int, int) Counts(EligibilityContext context) =>
            (context.Offers.Count, context.LegacySubscriptions.Count, context.NceSubscriptions.Count, context.InFlight.Count);
    }
}
