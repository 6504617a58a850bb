using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain;

/// <summary>
/// Test data builders, so a test reads as the rule it checks: <c>A.Subscription().BoughtOn(...).Build()</c>.
/// Defaults describe the ordinary, eligible case: an active commercial customer of an active production partner,
/// an annual Microsoft 365 Business Standard subscription bought a year ago and ending in five months.
/// </summary>
public static partial class A
{
    /// <summary>The moment tests are "now" unless they say otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 9, 10, 12, 0, 0, TimeSpan.Zero);

    public const string PartnerMpnId = "1234567";

    public static readonly Guid PartnerTenantId = Guid.Parse("0e7c1a4e-0000-4000-8000-000000000001");
    public static readonly Guid CustomerTenantId = Guid.Parse("c0570000-0000-4000-8000-000000000001");

    public static readonly LegacyOffer BusinessStandard = new()
    {
        Id = Guid.Parse("bd938f12-058f-4927-bba3-ae36b1d2501c"),
        Name = "Microsoft 365 Business Standard",
        SeatCap = LegacyOffer.SmbSeatLimit,
        Mapping = new NceProductMapping("CFQ7TTC0LDPB", "0001"),
    };

    public static readonly LegacyOffer BusinessBasic = new()
    {
        Id = Guid.Parse("708e8e6e-2cfa-4a2d-bd4c-01d4a5f9b4a5"),
        Name = "Microsoft 365 Business Basic",
        SeatCap = LegacyOffer.SmbSeatLimit,
        Mapping = new NceProductMapping("CFQ7TTC0LH18", "0001"),
    };

    public static readonly LegacyOffer Office365E3 = new()
    {
        Id = Guid.Parse("796b6b5f-613c-4e24-a17c-eba730d49c02"),
        Name = "Office 365 E3",
        Mapping = new NceProductMapping("CFQ7TTC0LF8Q", "0001"),
    };

    public static readonly LegacyOffer ExchangeArchiving = new()
    {
        Id = Guid.Parse("c3fd4f9a-1f6b-4f52-b3f0-3a0b1b1d5c10"),
        Name = "Exchange Online Archiving",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { Guid.Parse("796b6b5f-613c-4e24-a17c-eba730d49c02") },
        Mapping = new NceProductMapping("CFQ7TTC0LH0Z", "0001"),
    };

    /// <summary>In the seed's list of offers that are migration-enabled but must be migrated by hand.</summary>
    public static readonly LegacyOffer Intune = new()
    {
        Id = Guid.Parse("51e95709-dc35-4780-9040-22278cb7c0e1"),
        Name = "Intune",
        ManualMigrationOnly = true,
        Mapping = new NceProductMapping("CFQ7TTC0LCH4", "0009"),
    };

    /// <summary>Has no New Commerce equivalent (the seed's example).</summary>
    public static readonly LegacyOffer AzureInformationProtectionP1Unmapped = new()
    {
        Id = Guid.Parse("648bf77b-1f0a-4911-8066-caf37d67dc72"),
        Name = "Azure Information Protection Premium P1",
        MigrationEnabled = false,
    };

    public static IReadOnlyList<LegacyOffer> Catalog { get; } =
        [BusinessStandard, BusinessBasic, Office365E3, ExchangeArchiving, Intune, AzureInformationProtectionP1Unmapped];

    public static PartnerOrganization Partner(PartnerEnvironment environment = PartnerEnvironment.Production) => new()
    {
        TenantId = PartnerTenantId,
        Name = "Contoso Cloud Partners",
        MpnId = PartnerMpnId,
        Environment = environment,
    };

    public static Customer Customer(CustomerSegment segment = CustomerSegment.Commercial, bool relationshipActive = true) => new()
    {
        TenantId = CustomerTenantId,
        PartnerTenantId = PartnerTenantId,
        Name = "Fabrikam Ltd",
        Domain = "fabrikam.onmicrosoft.com",
        Segment = segment,
        RelationshipActive = relationshipActive,
    };

    public static LegacySubscriptionBuilder Subscription() => new();

    public static NceSubscriptionBuilder NceSubscription() => new();

    public static ContextBuilder Context() => new();
}

public sealed class LegacySubscriptionBuilder
{
    private Guid _id = Guid.NewGuid();
    private Guid _customerId = A.CustomerTenantId;
    private LegacyOffer _offer = A.BusinessStandard;
    private string? _name;
    private int _quantity = 10;
    private TermDuration _term = TermDuration.P1Y;
    private BillingCycle _billing = BillingCycle.Annual;
    private DateTimeOffset _termEnd = new(2026, 2, 10, 23, 59, 59, TimeSpan.Zero);
    private DateTimeOffset? _termStart;
    private DateTimeOffset _purchase = new(2024, 2, 11, 9, 30, 0, TimeSpan.Zero);
    private string _partnerOfRecord = A.PartnerMpnId;
    private Guid? _parent;
    private LegacySubscriptionStatus _status = LegacySubscriptionStatus.Active;
    private bool _trial;
    private bool _activePromotion;
    private bool _promotionAtPurchase;
    private bool _pendingOrder;
    private bool _autoRenew = true;

    public LegacySubscriptionBuilder WithId(Guid id) { _id = id; return this; }
    public LegacySubscriptionBuilder OfCustomer(Guid customerId) { _customerId = customerId; return this; }
    /// <summary>The subscription's offer; its name is the offer's unless <see cref="Named"/> gives one, in either order.</summary>
    public LegacySubscriptionBuilder Of(LegacyOffer offer) { _offer = offer; return this; }
    public LegacySubscriptionBuilder Named(string name) { _name = name; return this; }
    public LegacySubscriptionBuilder WithSeats(int quantity) { _quantity = quantity; return this; }
    public LegacySubscriptionBuilder WithTerm(TermDuration term, BillingCycle billing) { _term = term; _billing = billing; return this; }
    public LegacySubscriptionBuilder EndingAt(DateTimeOffset termEnd) { _termEnd = termEnd; return this; }
    public LegacySubscriptionBuilder EndingOn(int year, int month, int day) => EndingAt(new DateTimeOffset(year, month, day, 23, 59, 59, TimeSpan.Zero));
    public LegacySubscriptionBuilder StartingAt(DateTimeOffset termStart) { _termStart = termStart; return this; }
    public LegacySubscriptionBuilder BoughtAt(DateTimeOffset purchase) { _purchase = purchase; return this; }
    public LegacySubscriptionBuilder WithPartnerOfRecord(string mpnId) { _partnerOfRecord = mpnId; return this; }
    public LegacySubscriptionBuilder AddOnOf(LegacySubscription parent) { _parent = parent.Id; return this; }
    public LegacySubscriptionBuilder AddOnOf(Guid parentId) { _parent = parentId; return this; }
    public LegacySubscriptionBuilder WithStatus(LegacySubscriptionStatus status) { _status = status; return this; }
    public LegacySubscriptionBuilder AsTrial() { _trial = true; return this; }
    public LegacySubscriptionBuilder WithActivePromotion() { _activePromotion = true; return this; }
    public LegacySubscriptionBuilder WithPromotionAtPurchase() { _promotionAtPurchase = true; return this; }
    public LegacySubscriptionBuilder WithPendingOrder() { _pendingOrder = true; return this; }
    public LegacySubscriptionBuilder WithAutoRenewOff() { _autoRenew = false; return this; }

    public LegacySubscription Build() => LegacySubscription.Create(
        _id,
        _customerId,
        _offer.Id,
        _name ?? _offer.Name,
        _quantity,
        _term,
        _billing,
        _termStart ?? (_termEnd.AddMonths(-_term.Months()).AddSeconds(1) < _termEnd ? _termEnd.AddMonths(-_term.Months()).AddSeconds(1) : _termEnd.AddDays(-1)),
        _termEnd,
        _purchase,
        _partnerOfRecord,
        _parent,
        _status,
        _trial,
        _activePromotion,
        _promotionAtPurchase,
        _autoRenew,
        _pendingOrder);
}

public sealed class NceSubscriptionBuilder
{
    private Guid _id = Guid.NewGuid();
    private Guid _customerId = A.CustomerTenantId;
    private string _catalogItemId = A.Office365E3.Mapping!.CatalogItemId;
    private int _quantity = 5;
    private TermDuration _term = TermDuration.P1Y;
    private BillingCycle _billing = BillingCycle.Monthly;
    private DateTimeOffset _createdAt = A.Now.AddMonths(-3);
    private DateOnly? _endDate;
    private Guid? _migratedFrom;
    private bool _trial;

    public NceSubscriptionBuilder WithId(Guid id) { _id = id; return this; }
    public NceSubscriptionBuilder OfCustomer(Guid customerId) { _customerId = customerId; return this; }
    public NceSubscriptionBuilder Of(LegacyOffer mappedOffer) { _catalogItemId = mappedOffer.Mapping!.CatalogItemId; return this; }
    public NceSubscriptionBuilder WithSeats(int quantity) { _quantity = quantity; return this; }
    public NceSubscriptionBuilder WithTerm(TermDuration term, BillingCycle billing) { _term = term; _billing = billing; return this; }
    public NceSubscriptionBuilder CreatedAt(DateTimeOffset createdAt) { _createdAt = createdAt; return this; }
    public NceSubscriptionBuilder EndingOn(DateOnly endDate) { _endDate = endDate; return this; }
    public NceSubscriptionBuilder MigratedFrom(Guid legacyId) { _migratedFrom = legacyId; return this; }
    public NceSubscriptionBuilder AsTrial() { _trial = true; return this; }

    public NceSubscription Build()
    {
        var start = TermDates.UtcDate(_createdAt);
        var end = _endDate ?? TermDates.FullTermEnd(start, _term);
        return Portal.Domain.Subscriptions.NceSubscription.Create(
            _id,
            _customerId,
            _catalogItemId,
            "New Commerce subscription",
            _quantity,
            _term,
            _billing,
            _createdAt,
            TermDates.EndInstant(end),
            _createdAt,
            _migratedFrom,
            _trial);
    }
}

public sealed class ContextBuilder
{
    private PartnerOrganization _partner = A.Partner();
    private Customer _customer = A.Customer();
    private readonly List<LegacySubscription> _legacy = [];
    private readonly List<NceSubscription> _nce = [];
    private readonly List<InFlightSeats> _inFlight = [];
    private readonly List<LegacyOffer> _offers = [.. A.Catalog];
    private readonly HashSet<string> _activePartnerIds = [A.PartnerMpnId];
    private DateTimeOffset _now = A.Now;

    public ContextBuilder WithPartner(PartnerOrganization partner) { _partner = partner; return this; }
    public ContextBuilder InSandbox() { _partner = _partner with { Environment = PartnerEnvironment.Sandbox }; return this; }
    public ContextBuilder WithCustomer(Customer customer) { _customer = customer; return this; }
    public ContextBuilder With(params LegacySubscription[] subscriptions) { _legacy.AddRange(subscriptions); return this; }
    public ContextBuilder With(params NceSubscription[] subscriptions) { _nce.AddRange(subscriptions); return this; }
    public ContextBuilder WithInFlight(InFlightSeats seats) { _inFlight.Add(seats); return this; }
    public ContextBuilder WithOffer(LegacyOffer offer) { _offers.RemoveAll(o => o.Id == offer.Id); _offers.Add(offer); return this; }
    public ContextBuilder WithActivePartnerId(string mpnId) { _activePartnerIds.Add(mpnId); return this; }
    public ContextBuilder At(DateTimeOffset now) { _now = now; return this; }

    public EligibilityContext Build() => new()
    {
        Partner = _partner,
        Customer = _customer,
        Offers = _offers,
        LegacySubscriptions = _legacy,
        NceSubscriptions = _nce,
        InFlight = _inFlight,
        ActivePartnerIds = _activePartnerIds,
        Now = _now,
    };
}
