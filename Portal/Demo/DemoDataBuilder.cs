using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using static Portal.Demo.DemoCatalog;

namespace Portal.Demo;

/// <summary>
/// Writes the demo's story, customer by customer. Each customer is there for a reason (the comment above it says
/// which); migrations and schedules go through the domain's methods, so their events and states are the real ones.
/// </summary>
internal sealed class DemoDataBuilder
{
    private const TermDuration Year = TermDuration.P1Y;
    private const TermDuration Month = TermDuration.P1M;
    private const BillingCycle Annual = BillingCycle.Annual;
    private const BillingCycle Monthly = BillingCycle.Monthly;

    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly PartnerOrganization _contoso = DemoIds.Contoso;
    private readonly PartnerOrganization _northwind = DemoIds.Northwind;
    private readonly Dictionary<Guid, LegacyOffer> _offers = DemoCatalog.All.ToDictionary(o => o.Id);
    private readonly List<Customer> _customers = [];
    private readonly List<LegacySubscription> _legacy = [];
    private readonly List<NceSubscription> _nce = [];
    private readonly List<Migration> _migrations = [];
    private readonly List<MigrationSchedule> _schedules = [];

    public DemoDataBuilder(DateTimeOffset now)
    {
        _now = now;
        _today = TermDates.UtcDate(now);
    }

    public DemoDataSet Build()
    {
        Contoso();
        Northwind();
        return new DemoDataSet
        {
            Partners = [_contoso, _northwind],
            Offers = DemoCatalog.All,
            Customers = _customers,
            LegacySubscriptions = _legacy,
            NceSubscriptions = _nce,
            Migrations = _migrations,
            Schedules = _schedules,
        };
    }

    /// <summary>Contoso Cloud Partners, production: every reason, every migration state, the bulk batches.</summary>
    private void Contoso()
    {
        var p = _contoso;
        var batchA = $"bam-{_today.AddDays(-3):yyyyMMdd}-contoso-01";
        var batchB = $"bam-{_today.AddDays(-20):yyyyMMdd}-contoso-01";

        // A base with eligible add-ons (and each add-on may migrate alone beside its base); a manual-only offer (5).
        var c = Customer(p, "Fabrikam, Inc.", "fabrikaminc");
        var fabrikamE3 = Legacy(c, Office365E3, 250, endsInDays: 45, boughtDaysAgo: 1100);
        Legacy(c, ExchangeOnlineArchiving, 250, endsInDays: 45, boughtDaysAgo: 500, baseSubscription: fabrikamE3);
        Legacy(c, DefenderForOffice365P1, 250, endsInDays: 45, boughtDaysAgo: 300, baseSubscription: fabrikamE3);
        Legacy(c, Intune, 120, endsInDays: 45);
        var fabrikamFrontline = Legacy(c, BusinessBasic, 30, endsInDays: 130, name: "Business Basic - Frontline");

        // A base blocked by an add-on with an active promotion (4, and 3 on the add-on); Entra ID P1 is manual only (5).
        c = Customer(p, "Adventure Works Cycles", "adventureworks");
        var adventureE3 = Legacy(c, Office365E3, 120, endsInDays: 60);
        Legacy(c, AudioConferencing, 40, endsInDays: 60, boughtDaysAgo: 200, baseSubscription: adventureE3, activePromotion: true);
        Legacy(c, EntraIdP1, 120, endsInDays: 60);

        // SMB seat cap: 200 seats already in New Commerce, another 200 in legacy (LicenseLimitReached).
        c = Customer(p, "Tailspin Toys", "tailspintoys");
        var tailspinHeadOffice = Legacy(c, BusinessStandard, 200, endsInDays: 110, name: "Business Standard - Head office");
        Legacy(c, BusinessStandard, 200, endsInDays: 110, name: "Business Standard - Warehouse");

        // Monthly terms (the monthly-term risk): one ends today (10) and Microsoft has scheduled it, monthly made annual.
        c = Customer(p, "Wide World Importers", "wideworldimporters");
        Legacy(c, ExchangeOnlinePlan1, 45, endsInDays: 0, term: Month, billing: Monthly);
        Legacy(c, BusinessPremium, 45, endsInDays: 3, term: Month, billing: Monthly);
        MicrosoftLedSchedules(c, _today, TermDates.StartInstant(_today));

        // Ends tomorrow (eligible); bought 12 days ago in production (7).
        c = Customer(p, "Litware, Inc.", "litwareinc");
        Legacy(c, BusinessBasic, 80, endsInDays: 1);
        NewLegacy(c, ProjectPlan3, 12, boughtDaysAgo: 12);

        // Promotions (3): active now, and at purchase.
        c = Customer(p, "Proseware, Inc.", "proseware");
        Legacy(c, BusinessStandard, 35, endsInDays: 70, activePromotion: true);
        Legacy(c, BusinessBasic, 15, endsInDays: 150, boughtDaysAgo: 300, promotionAtPurchase: true);

        // A reseller no longer active as partner of record (9); a seat change still being processed (1).
        c = Customer(p, "Woodgrove Bank", "woodgrovebank");
        Legacy(c, Office365E3, 600, endsInDays: 85, partnerOfRecord: DemoIds.InactiveResellerMpnId);
        Legacy(c, BusinessPremium, 90, endsInDays: 27, pendingOrder: true);

        // Not active (0): suspended for non-payment, and cancelled.
        c = Customer(p, "Alpine Ski House", "alpineskihouse");
        Legacy(c, ExchangeOnlinePlan2, 25, endsInDays: 50, status: LegacySubscriptionStatus.Suspended);
        Legacy(c, BusinessBasic, 60, endsInDays: 95, status: LegacySubscriptionStatus.Cancelled);
        Legacy(c, BusinessStandard, 20, endsInDays: 200);

        // No New Commerce equivalent (5).
        c = Customer(p, "Coho Winery", "cohowinery");
        Legacy(c, AzureInformationProtectionP1, 40, endsInDays: 33);
        Legacy(c, BusinessStandard, 40, endsInDays: 33);

        // An offer that sells fewer term/billing pairs: its annual-term, monthly-billed subscription cannot carry over (6).
        c = Customer(p, "Fourth Coffee", "fourthcoffee");
        Legacy(c, BusinessCentralEssentials, 8, endsInDays: 64, billing: Monthly);
        Legacy(c, BusinessPremium, 22, endsInDays: 64, billing: Monthly);

        // New Commerce subscription-count limit: the one Power BI Premium P1 allowed is already in New Commerce.
        c = Customer(p, "Lamna Healthcare Company", "lamnahealthcare");
        NcePurchase(c, PowerBiPremiumP1, 1, boughtDaysAgo: 140, billing: Monthly, name: "Power BI Premium P1 - Analytics");
        Legacy(c, PowerBiPremiumP1, 1, endsInDays: 80, billing: Monthly);
        Legacy(c, Office365E5, 75, endsInDays: 80);

        // A trial (8, and 7: bought 10 days ago); a migration that failed before suspension (legacy Active, may retry).
        c = Customer(p, "Margie's Travel", "margiestravel");
        NewLegacy(c, Office365E5, 25, boughtDaysAgo: 10, name: "Office 365 E5 Trial", term: Month, billing: Monthly, trial: true);
        var margiesPremium = Legacy(c, BusinessPremium, 40, endsInDays: 150);
        var failed = Request("margies-premium", margiesPremium, _now.AddDays(-1));
        failed.Fail(MembersOf(failed), "800040", "The legacy subscription had a seat change pending when the migration started; nothing was changed. Retry the migration.", _now.AddDays(-1).AddMinutes(3));

        // Migrations in flight (1): requested but not begun (legacy still Active), and a bundle begun (legacy Suspended).
        c = Customer(p, "Relecloud", "relecloud");
        var relecloudPremium = Legacy(c, BusinessPremium, 150, endsInDays: 120);
        Request("relecloud-premium", relecloudPremium, _now.AddMinutes(-25));
        var relecloudE3 = Legacy(c, Office365E3, 300, endsInDays: 200);
        Legacy(c, ExchangeOnlineArchiving, 300, endsInDays: 200, baseSubscription: relecloudE3);
        var begun = Request("relecloud-e3-bundle", relecloudE3, _now.AddHours(-2));
        begun.Begin(MembersOf(begun));
        CreateNce(begun, _now.AddMinutes(-30), relecloudE3.Id);

        // Failed while the legacy side is suspended, 30 hours ago: Microsoft has until 72 hours to complete or revert.
        c = Customer(p, "Trey Research", "treyresearch");
        var trey = Request("trey-standard", Legacy(c, BusinessStandard, 60, endsInDays: 140), _now.AddHours(-30));
        trey.Begin(MembersOf(trey));
        trey.Fail(MembersOf(trey), "900013", "Provisioning the New Commerce subscription timed out; Microsoft completes or reverts the migration within 72 hours of the request.", _now.AddHours(-28));

        // Completed with all five events (failed while suspended, then completed inside 72 h); and a reverted one.
        c = Customer(p, "Wingtip Toys", "wingtiptoys");
        var wingtipExchange = Legacy(c, ExchangeOnlinePlan1, 60, endsInDays: 180);
        var recovered = Request("wingtip-exchange", wingtipExchange, _now.AddDays(-2).AddHours(-6));
        recovered.Begin(MembersOf(recovered));
        recovered.Fail(MembersOf(recovered), "900013", "Provisioning the New Commerce subscription timed out; Microsoft completes or reverts the migration within 72 hours of the request.", recovered.RequestedAt.AddHours(1));
        CreateNce(recovered, recovered.RequestedAt.AddHours(20));
        Provision(recovered, recovered.RequestedAt.AddHours(20).AddMinutes(10));
        recovered.Complete(MembersOf(recovered), recovered.RequestedAt.AddHours(20).AddMinutes(15));
        var reverted = Request("wingtip-standard", Legacy(c, BusinessStandard, 25, endsInDays: 100), _now.AddDays(-5));
        reverted.Begin(MembersOf(reverted));
        reverted.Fail(MembersOf(reverted), "900021", "The New Commerce subscription could not be provisioned; the migration will be reverted.", reverted.RequestedAt.AddHours(3));
        reverted.Revert(MembersOf(reverted), reverted.ResolutionDeadline);

        // Bulk batch A (three days ago, inside the cancellation window): one bundle, two singles, one failure.
        c = Customer(p, "Blue Yonder Airlines", "blueyonderairlines");
        var blueYonderE3 = Legacy(c, Office365E3, 400, endsInDays: 160);
        Legacy(c, DefenderForOffice365P1, 400, endsInDays: 160, boughtDaysAgo: 400, baseSubscription: blueYonderE3);
        Completed("blueyonder-e3-bundle", blueYonderE3, _now.AddDays(-3), batchA);

        c = Customer(p, "Humongous Insurance", "humongousinsurance");
        Completed("humongous-standard", Legacy(c, BusinessStandard, 120, endsInDays: 90), _now.AddDays(-3).AddMinutes(1), batchA);
        Legacy(c, ExchangeOnlinePlan1, 30, endsInDays: 90);

        c = Customer(p, "Lucerne Publishing", "lucernepublishing");
        Completed("lucerne-basic", Legacy(c, BusinessBasic, 35, endsInDays: 40), _now.AddDays(-3).AddMinutes(2), batchA);

        c = Customer(p, "Nod Publishers", "nodpublishers");
        var nodFailed = Request("nod-exchange", Legacy(c, ExchangeOnlinePlan2, 18, endsInDays: 58), _now.AddDays(-3).AddMinutes(3), batchA);
        nodFailed.Fail(MembersOf(nodFailed), "800002", "Partner Center could not create the New Commerce order: the customer's billing profile is incomplete. Update it and retry.", nodFailed.RequestedAt.AddMinutes(2));
        Legacy(c, BusinessStandard, 18, endsInDays: 7);
        Legacy(c, BusinessBasic, 10, endsInDays: 21, term: Month, billing: Monthly);

        // Bulk batch B (twenty days ago, outside the cancellation window).
        Completed("tailspin-head-office", tailspinHeadOffice, _now.AddDays(-20), batchB);
        Completed("fabrikam-frontline", fabrikamFrontline, _now.AddDays(-20).AddMinutes(1), batchB);

        // An add-on whose base is gone (AddOnBaseServicesMissing).
        c = Customer(p, "Consolidated Messenger", "consolidatedmessenger");
        var messengerE3 = Legacy(c, Office365E3, 70, endsInDays: 120, status: LegacySubscriptionStatus.Cancelled);
        Legacy(c, ExchangeOnlineArchiving, 70, endsInDays: 120, baseSubscription: messengerE3);

        // An add-on alone whose base services now come from a New Commerce subscription bought directly.
        c = Customer(p, "VanArsdel, Ltd.", "vanarsdel");
        var vanArsdelE1 = Legacy(c, Office365E1, 150, endsInDays: 100, name: "Office 365 E1 (replaced)", status: LegacySubscriptionStatus.Cancelled);
        NcePurchase(c, Office365E1, 150, boughtDaysAgo: 95);
        Legacy(c, DefenderForOffice365P1, 150, endsInDays: 100, baseSubscription: vanArsdelE1);

        // Partner-made schedules: on a date and on renewal.
        c = Customer(p, "City Power & Light", "citypowerlight");
        var cityPremium = Legacy(c, BusinessPremium, 300, endsInDays: 40);
        PartnerSchedule("citypower-premium", cityPremium, ScheduleTiming.OnDate(_today.AddDays(14)), _now.AddDays(-2));
        var cityE3 = Legacy(c, Office365E3, 220, endsInDays: 75);
        PartnerSchedule(
            "citypower-e3",
            cityE3,
            ScheduleTiming.OnRenewal,
            _now.AddDays(-6),
            externalReferenceId: "renewal-wave-citypower",
            target: new MigrationTarget(TermDuration.P3Y, Annual, 220, PurchaseFullTerm: true));

        // A big customer: SMB offer exactly at the 300-seat cap (eligible), and a schedule that ran ten days ago.
        c = Customer(p, "A. Datum Corporation", "adatum");
        Legacy(c, Office365E5, 500, endsInDays: 88);
        Legacy(c, BusinessPremium, 300, endsInDays: 88);
        var adatumStandard = Legacy(c, BusinessStandard, 90, endsInDays: 230);
        var ran = PartnerSchedule("adatum-standard", adatumStandard, ScheduleTiming.OnDate(_today.AddDays(-10)), _now.AddDays(-25));
        RunSchedule("adatum-standard", ran, ran.DueAt.AddMinutes(5));

        // A schedule that failed when it came due: an add-on bought 12 days ago blocks the bundle for 30 days.
        c = Customer(p, "Best For You Organics Company", "bestforyouorganics");
        var organicsPremium = Legacy(c, BusinessPremium, 55, endsInDays: 66);
        var blocked = PartnerSchedule("organics-premium", organicsPremium, ScheduleTiming.OnDate(_today.AddDays(-2)), _now.AddDays(-20));
        Legacy(c, ExtraFileStorage, 10, endsInDays: 66, boughtDaysAgo: 12, baseSubscription: organicsPremium);
        blocked.MarkFailed(
            EligibilityReasons.AddOnPurchasedWithinLast30Days.Name,
            "Add-on 'Office 365 Extra File Storage' was bought less than 30 days ago, so the bundle could not migrate. Schedule it again after the 30 days.",
            blocked.DueAt.AddMinutes(1));

        // Small monthly customer: monthly terms, one with auto-renew off.
        c = Customer(p, "Munson's Pickles and Preserves Farm", "munsonspickles");
        Legacy(c, BusinessBasic, 8, endsInDays: 12, term: Month, billing: Monthly);
        Legacy(c, ExchangeOnlinePlan1, 3, endsInDays: 12, term: Month, billing: Monthly, autoRenew: false);

        // Term ended yesterday and renewal is processing (2); ends today (10), where the partner's schedule on renewal
        // pre-empted Microsoft's (the Microsoft-led schedule is cancelled).
        c = Customer(p, "Southridge Video", "southridgevideo");
        Legacy(c, BusinessStandard, 28, endsInDays: -1);
        var southridgePremium = Legacy(c, BusinessPremium, 28, endsInDays: 0);
        MicrosoftLedSchedules(c, _today, TermDates.StartInstant(_today));
        PartnerSchedule(
            "southridge-premium",
            southridgePremium,
            ScheduleTiming.OnRenewal,
            _now,
            target: new MigrationTarget(TermDuration.P3Y, Annual, 28, PurchaseFullTerm: true));

        // Segments that cannot migrate (8), with qualified offers that have no migration path (5).
        c = Customer(p, "Bellows College", "bellowscollege", CustomerSegment.Education);
        Legacy(c, Microsoft365A3Faculty, 400, endsInDays: 150);
        Legacy(c, Office365E3, 50, endsInDays: 150);

        c = Customer(p, "Fairfield County Council", "fairfieldcounty", CustomerSegment.Government);
        Legacy(c, Office365G3, 180, endsInDays: 120);

        c = Customer(p, "Coho Wetlands Trust", "cohowetlandstrust", CustomerSegment.Nonprofit);
        Legacy(c, BusinessPremiumNonprofit, 30, endsInDays: 75);
        Legacy(c, BusinessBasic, 10, endsInDays: 75);

        // The customer removed the partner relationship (NoActiveCustomerPartnerRelationship).
        c = Customer(p, "Graphic Design Institute", "graphicdesigninstitute", relationshipActive: false);
        Legacy(c, BusinessStandard, 14, endsInDays: 48);
    }

    /// <summary>Northwind Sandbox: the sandbox skips the first-month check; rehearsal batches and schedules.</summary>
    private void Northwind()
    {
        var p = _northwind;
        var rehearsal = $"sandbox-rehearsal-{_today.AddDays(-1):yyyyMMdd}";

        // Bought 5 days ago, yet eligible in the sandbox; an add-on bought 10 days ago blocks its bundle for 30 days.
        var c = Customer(p, "Boulder Innovations", "boulderinnovations");
        NewLegacy(c, ProjectPlan3, 5, boughtDaysAgo: 5);
        var boulderStandard = Legacy(c, BusinessStandard, 40, endsInDays: 44);
        Legacy(c, ExtraFileStorage, 5, endsInDays: 44, boughtDaysAgo: 10, baseSubscription: boulderStandard);

        // A monthly bundle ending today: Microsoft schedules base and add-on together, monthly made annual.
        c = Customer(p, "Liberty's Delightful Sinful Bakery & Cafe", "libertysbakery");
        var bakeryExchange = Legacy(c, ExchangeOnlinePlan1, 12, endsInDays: 0, term: Month, billing: Monthly);
        Legacy(c, ExchangeOnlineArchivingForExchange, 12, endsInDays: 0, term: Month, billing: Monthly, baseSubscription: bakeryExchange);
        Legacy(c, BusinessBasic, 12, endsInDays: 25, term: Month, billing: Monthly);
        MicrosoftLedSchedules(c, _today, TermDates.StartInstant(_today));

        // A base with an add-on, both eligible: the add-on may also migrate alone beside its base.
        c = Customer(p, "Woodgrove Credit Union", "woodgrovecu");
        var creditUnionExchange = Legacy(c, ExchangeOnlinePlan1, 80, endsInDays: 77);
        Legacy(c, ExchangeOnlineArchivingForExchange, 20, endsInDays: 77, baseSubscription: creditUnionExchange);

        // The rehearsal batch of yesterday: completed, inside the cancellation window.
        c = Customer(p, "Fabrikam Residences", "fabrikamresidences");
        Completed("residences-basic", Legacy(c, BusinessBasic, 25, endsInDays: 100), _now.AddDays(-1), rehearsal);

        // Failed while suspended 6 hours ago: on its status page the sandbox rehearses Microsoft correcting or reverting it.
        var residences = Request("residences-standard", Legacy(c, BusinessStandard, 10, endsInDays: 100), _now.AddHours(-6));
        residences.Begin(MembersOf(residences));
        residences.Fail(MembersOf(residences), "900013", "Provisioning the New Commerce subscription timed out; Microsoft completes or reverts the migration within 72 hours of the request.", _now.AddHours(-5));

        c = Customer(p, "The Phone Company", "thephonecompany");
        var phoneE3 = Legacy(c, Office365E3, 140, endsInDays: 210);
        Legacy(c, DefenderForOffice365P1, 140, endsInDays: 210, boughtDaysAgo: 200, baseSubscription: phoneE3);
        Completed("phone-e3-bundle", phoneE3, _now.AddDays(-1).AddMinutes(1), rehearsal);

        // Migrated 45 days ago (outside the window); a direct New Commerce purchase two days ago (inside it).
        c = Customer(p, "Coho Vineyard", "cohovineyard");
        Completed("vineyard-premium", Legacy(c, BusinessPremium, 18, endsInDays: 130), _now.AddDays(-45));
        NcePurchase(c, ExchangeOnlinePlan1, 6, boughtDaysAgo: 2, term: Month, billing: Monthly);

        // Microsoft-led migration that ran five days ago: scheduled on the term's last day, executed the day after.
        c = Customer(p, "First Up Consultants", "firstupconsultants");
        Legacy(c, BusinessStandard, 16, endsInDays: -6, term: Month, billing: Monthly);
        var microsoftLed = MicrosoftLedSchedules(c, _today.AddDays(-6), TermDates.StartInstant(_today.AddDays(-6))).Single();
        RunSchedule("firstup-standard", microsoftLed, microsoftLed.DueAt.AddMinutes(30));
        Legacy(c, BusinessBasic, 16, endsInDays: 56);

        c = Customer(p, "School of Fine Art", "schooloffineart", CustomerSegment.Education);
        Legacy(c, Microsoft365A3Faculty, 120, endsInDays: 100);

        c = Customer(p, "Baldwin Museum of Science", "baldwinmuseum", CustomerSegment.Nonprofit);
        Legacy(c, BusinessStandard, 20, endsInDays: 30);

        // A bulk schedule upload (one external reference): a bundle on a date, and a subscription on renewal.
        c = Customer(p, "Fabrikam Fiber", "fabrikamfiber");
        var fiberE3 = Legacy(c, Office365E3, 60, endsInDays: 35);
        Legacy(c, ExchangeOnlineArchiving, 60, endsInDays: 35, baseSubscription: fiberE3);
        PartnerSchedule("fiber-e3-bundle", fiberE3, ScheduleTiming.OnDate(_today.AddDays(7)), _now.AddDays(-1), "bam-sandbox-schedules-01");
        var fiberBasic = Legacy(c, BusinessBasic, 25, endsInDays: 62);
        PartnerSchedule(
            "fiber-basic",
            fiberBasic,
            ScheduleTiming.OnRenewal,
            _now.AddDays(-1),
            "bam-sandbox-schedules-01",
            new MigrationTarget(Year, Monthly, 25, PurchaseFullTerm: true));

        // Renewals spread over the coming weeks, monthly and annual.
        c = Customer(p, "Tailspin Travel", "tailspintravel");
        var travelE1 = Legacy(c, Office365E1, 45, endsInDays: 15);
        Legacy(c, DefenderForOffice365P1, 45, endsInDays: 15, baseSubscription: travelE1);
        Legacy(c, Office365E1, 20, endsInDays: 9, name: "Office 365 E1 - Seasonal staff", term: Month, billing: Monthly);
    }

    private Customer Customer(
        PartnerOrganization partner,
        string name,
        string tenantName,
        CustomerSegment segment = CustomerSegment.Commercial,
        bool relationshipActive = true)
    {
        var domain = $"{tenantName}.onmicrosoft.com";
        var customer = new Customer
        {
            TenantId = DemoIds.Stable("customer:" + domain),
            PartnerTenantId = partner.TenantId,
            Name = name,
            Domain = domain,
            Segment = segment,
            RelationshipActive = relationshipActive,
        };
        _customers.Add(customer);
        return customer;
    }

    /// <summary>
    /// A legacy subscription whose current term ends <paramref name="endsInDays"/> days from today (at 23:59:59 UTC),
    /// first bought <paramref name="boughtDaysAgo"/> days ago; a recent purchase is in its first term.
    /// </summary>
    private LegacySubscription Legacy(
        Customer customer,
        LegacyOffer offer,
        int seats,
        int endsInDays,
        string? name = null,
        TermDuration term = Year,
        BillingCycle billing = Annual,
        double boughtDaysAgo = 800,
        LegacySubscription? baseSubscription = null,
        LegacySubscriptionStatus status = LegacySubscriptionStatus.Active,
        bool trial = false,
        bool activePromotion = false,
        bool promotionAtPurchase = false,
        bool pendingOrder = false,
        bool autoRenew = true,
        string? partnerOfRecord = null)
    {
        var friendlyName = name ?? offer.Name;
        var endDate = _today.AddDays(endsInDays);
        var termEnd = TermDates.EndInstant(endDate);
        var purchase = _now.AddDays(-boughtDaysAgo);
        var termStart = TermDates.StartInstant(endDate.AddDays(1).AddMonths(-term.Months()));
        if (purchase > termStart)
        {
            termStart = purchase;
        }

        var subscription = LegacySubscription.Create(
            DemoIds.Stable($"legacy:{customer.Domain}:{friendlyName}"),
            customer.TenantId,
            offer.Id,
            friendlyName,
            seats,
            term,
            billing,
            termStart,
            termEnd,
            purchase,
            partnerOfRecord ?? PartnerOf(customer).MpnId,
            baseSubscription?.Id,
            status,
            trial,
            activePromotion,
            promotionAtPurchase,
            autoRenew,
            pendingOrder);
        _legacy.Add(subscription);
        return subscription;
    }

    /// <summary>A legacy subscription bought <paramref name="boughtDaysAgo"/> days ago, in its first term.</summary>
    private LegacySubscription NewLegacy(
        Customer customer,
        LegacyOffer offer,
        int seats,
        int boughtDaysAgo,
        string? name = null,
        TermDuration term = Year,
        BillingCycle billing = Annual,
        bool trial = false)
    {
        var purchaseDay = TermDates.UtcDate(_now.AddDays(-boughtDaysAgo));
        var endsInDays = TermDates.FullTermEnd(purchaseDay, term).DayNumber - _today.DayNumber;
        return Legacy(customer, offer, seats, endsInDays, name, term, billing, boughtDaysAgo, trial: trial);
    }

    /// <summary>A New Commerce subscription bought directly (not migrated), in its current term.</summary>
    private NceSubscription NcePurchase(
        Customer customer,
        LegacyOffer offer,
        int seats,
        double boughtDaysAgo,
        TermDuration term = Year,
        BillingCycle billing = Annual,
        string? name = null)
    {
        var created = _now.AddDays(-boughtDaysAgo);
        var start = TermDates.UtcDate(created);
        while (TermDates.FullTermEnd(start, term) < _today)
        {
            start = start.AddMonths(term.Months());
        }

        var termStart = start == TermDates.UtcDate(created) ? created : TermDates.StartInstant(start);
        var friendlyName = name ?? offer.Name;
        var subscription = NceSubscription.Create(
            DemoIds.Stable($"nce:{customer.Domain}:{friendlyName}"),
            customer.TenantId,
            offer.Mapping!.CatalogItemId,
            friendlyName,
            seats,
            term,
            billing,
            termStart,
            TermDates.EndInstant(TermDates.FullTermEnd(start, term)),
            created);
        _nce.Add(subscription);
        return subscription;
    }

    /// <summary>Requests the migration of a subscription with its active add-ons (a bundle), carrying their properties over.</summary>
    private Migration Request(string key, LegacySubscription head, DateTimeOffset at, string? batch = null) =>
        Request(key, LinesFor(head, target: null), at, batch, isMicrosoftLed: false);

    private Migration Request(string key, IReadOnlyList<MigrationLine> lines, DateTimeOffset at, string? batch, bool isMicrosoftLed)
    {
        var members = lines.Select(l => LegacyById(l.LegacySubscriptionId)).ToList();
        var migration = Migration.Request(
            DemoIds.Stable("migration:" + key),
            members[0].CustomerId,
            lines,
            members,
            at,
            batch,
            isMicrosoftLed);
        _migrations.Add(migration);
        return migration;
    }

    /// <summary>A migration that ran its normal course in about an hour: begun, created, provisioned, completed.</summary>
    private Migration Completed(string key, LegacySubscription head, DateTimeOffset requestedAt, string? batch = null)
    {
        var migration = Request(key, head, requestedAt, batch);
        Finish(migration);
        return migration;
    }

    private void Finish(Migration migration)
    {
        var at = migration.RequestedAt;
        migration.Begin(MembersOf(migration));
        CreateNce(migration, at.AddMinutes(40));
        Provision(migration, at.AddMinutes(55));
        migration.Complete(MembersOf(migration), at.AddMinutes(62));
    }

    /// <summary>A schedule came due and its migration ran to completion.</summary>
    private void RunSchedule(string key, MigrationSchedule schedule, DateTimeOffset at)
    {
        var migration = Request(key, schedule.Lines, at, schedule.ExternalReferenceId, schedule.IsMicrosoftLed);
        schedule.MarkCompleted(migration.Id, at);
        Finish(migration);
    }

    /// <summary>Creates the New Commerce subscription of each member (or of one), as Partner Center does mid-migration.</summary>
    private void CreateNce(Migration migration, DateTimeOffset at, Guid? onlyFor = null)
    {
        foreach (var member in migration.Members.Where(m => onlyFor is null || m.LegacySubscriptionId == onlyFor))
        {
            var legacy = LegacyById(member.LegacySubscriptionId);
            var target = member.Target;
            var endDate = EligibilityEvaluator.NceEndDate(legacy, target, migration.RequestedAt);
            var nce = NceSubscription.Create(
                DemoIds.Stable($"nce:{migration.Id}:{legacy.Id}"),
                legacy.CustomerId,
                member.CatalogItemId,
                legacy.FriendlyName,
                target.Quantity,
                target.Term,
                target.Billing,
                at,
                TermDates.EndInstant(endDate),
                at,
                legacy.Id);
            _nce.Add(nce);
            migration.RecordNceSubscriptionCreated(legacy.Id, nce.Id, at);
        }
    }

    private static void Provision(Migration migration, DateTimeOffset at)
    {
        foreach (var member in migration.Members)
        {
            migration.RecordProvisioned(member.LegacySubscriptionId, at);
        }
    }

    private MigrationSchedule PartnerSchedule(
        string key,
        LegacySubscription head,
        ScheduleTiming timing,
        DateTimeOffset createdAt,
        string? externalReferenceId = null,
        MigrationTarget? target = null)
    {
        var result = ScheduleBook.SchedulePartnerMigration(
            _schedules.Where(s => s.SubscriptionId == head.Id),
            DemoIds.Stable("schedule:" + key),
            head.CustomerId,
            head.Id,
            head.TermEnd,
            timing,
            LinesFor(head, target),
            createdAt,
            externalReferenceId);
        if (!result.Outcome.Succeeded || result.Schedule is null)
        {
            throw new InvalidOperationException($"Demo schedule '{key}' was refused: {result.Outcome.Refusal?.Message}");
        }

        _schedules.Add(result.Schedule);
        return result.Schedule;
    }

    /// <summary>What Microsoft plans on <paramref name="day"/> for the customer's subscriptions whose term ends that day.</summary>
    private List<MigrationSchedule> MicrosoftLedSchedules(Customer customer, DateOnly day, DateTimeOffset createdAt)
    {
        var context = ContextFor(customer, createdAt);
        var created = MicrosoftLedMigration.Plan(day, context, _schedules.Where(s => s.CustomerId == customer.TenantId))
            .Where(d => d.WillMigrate)
            .Select(d => d.CreateSchedule(DemoIds.Stable($"schedule:microsoft:{d.Subscription.Id}:{day:yyyy-MM-dd}"), createdAt))
            .ToList();
        if (created.Count == 0)
        {
            throw new InvalidOperationException($"The demo expects Microsoft to schedule a migration for {customer.Name} on {day:yyyy-MM-dd}.");
        }

        _schedules.AddRange(created);
        return created;
    }

    private EligibilityContext ContextFor(Customer customer, DateTimeOffset now) => new()
    {
        Partner = PartnerOf(customer),
        Customer = customer,
        Offers = DemoCatalog.All,
        LegacySubscriptions = _legacy.Where(s => s.CustomerId == customer.TenantId).ToList(),
        NceSubscriptions = _nce.Where(s => s.CustomerId == customer.TenantId).ToList(),
        InFlight = _migrations
            .Where(m => m.CustomerId == customer.TenantId && m.IsInFlight)
            .SelectMany(m => m.Members.Select(x => new InFlightSeats(x.LegacySubscriptionId, string.Join('/', x.CatalogItemId.Split(':').Take(2)), x.Target.Quantity)))
            .ToList(),
        ActivePartnerIds = new HashSet<string> { _contoso.MpnId, _northwind.MpnId },
        Now = now,
    };

    private List<MigrationLine> LinesFor(LegacySubscription head, MigrationTarget? target)
    {
        var members = new List<LegacySubscription> { head };
        if (!head.IsAddOn)
        {
            members.AddRange(_legacy.Where(s => s.ParentSubscriptionId == head.Id && s.Status == LegacySubscriptionStatus.Active));
        }

        return members
            .Select(m => new MigrationLine(
                m.Id,
                m.ParentSubscriptionId,
                _offers[m.OfferId].Mapping?.CatalogItemId ?? throw new InvalidOperationException($"{m.FriendlyName} has no New Commerce mapping."),
                m == head && target is not null ? target : MigrationTarget.CarryOver(m)))
            .ToList();
    }

    private List<LegacySubscription> MembersOf(Migration migration) =>
        migration.Members.Select(m => LegacyById(m.LegacySubscriptionId)).ToList();

    private LegacySubscription LegacyById(Guid id) => _legacy.Single(s => s.Id == id);

    private PartnerOrganization PartnerOf(Customer customer) =>
        customer.PartnerTenantId == _contoso.TenantId ? _contoso : _northwind;
}
