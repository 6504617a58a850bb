using Portal.Domain.Partners;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Customers;
using Portal.Tests.Domain;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Persistence.Publishing;

/// <summary>
/// A page of a publisher's offers on a portal (<see cref="OfferQuery"/>), on both providers: the portal filter in SQL
/// agrees with the domain's <see cref="Offer.IsShownOn"/> for every kind of offer, each sort orders the whole list as
/// the domain's fields do across pages, the search and another partner's publisher are filtered by the database, and
/// a page costs two commands whatever its size.
/// </summary>
public class OfferQueryTests(PostgresServer postgres)
{
    private const string NotMigratedId = "fabrikam";
    private static readonly Guid OtherPartner = Guid.Parse("0e7c1a4e-0000-4000-8000-0000000000ff");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Contoso after its migration: Virtual Machines moved from each state, the other types staying (one being staged),
    /// and a Virtual Machine created on the new portal.
    /// </summary>
    private static Publisher Migrated()
    {
        var publisher = APublisher().WithOffers(
            Vm("vm-draft", OfferState.Draft),
            Vm("vm-staged", OfferState.Staged),
            Vm("vm-listed", OfferState.Listed),
            OfferOf(OfferType.SolutionTemplate, "template-listed"),
            OfferOf(OfferType.TestDrive, "testdrive-staged", OfferState.Staged),
            OfferOf(OfferType.ManagedApplication, "managed-draft", OfferState.Draft),
            OfferOf(OfferType.SaaS, "saas-listed")).Build();
        Assert.True(Confirmed(publisher).Run(Slot).Succeeded);
        Assert.True(publisher.CreateOffer(PublishingPortal.New, "vm-new", "Vm New", OfferType.VirtualMachine, OfferPrice.Usd(1)).Succeeded);
        Assert.True(publisher.StartStaging(PublishingPortal.Old, "managed-draft").Succeeded);
        return publisher;
    }

    /// <summary>Fabrikam, not migrated: one offer of each type, the Virtual Machine being published.</summary>
    private static Publisher NotMigrated() => APublisher().Named("Fabrikam", NotMigratedId).WithOffers(
        Vm("fab-vm", OfferState.Staged, OfferActivity.Publishing),
        OfferOf(OfferType.SolutionTemplate, "fab-template"),
        OfferOf(OfferType.TestDrive, "fab-testdrive", OfferState.Draft),
        OfferOf(OfferType.ManagedApplication, "fab-managed"),
        OfferOf(OfferType.SaaS, "fab-saas", OfferState.Staged)).Build();

    public static TheoryData<DatabaseProvider, PublishingPortal> ProvidersAndPortals() => new()
    {
        { DatabaseProvider.Sqlite, PublishingPortal.Old },
        { DatabaseProvider.Sqlite, PublishingPortal.New },
        { DatabaseProvider.PostgreSQL, PublishingPortal.Old },
        { DatabaseProvider.PostgreSQL, PublishingPortal.New },
    };

    [Fact]
    public void The_portal_predicate_answers_as_the_domain_for_every_kind_of_offer()
    {
        var offers = Migrated().Offers.Concat(NotMigrated().Offers).ToList();

        Assert.Contains(offers, o => o.IsMigrated);
        Assert.Contains(offers, o => o.CreatedOn == PublishingPortal.New);
        Assert.Equal(Enum.GetValues<OfferType>().Length, offers.Where(o => !o.IsMigrated).Select(o => o.Type).Distinct().Count());
        foreach (var portal in Enum.GetValues<PublishingPortal>())
        {
            var shown = Offer.ShownOn(portal).Compile();
            Assert.All(offers, o => Assert.True(shown(o) == o.IsShownOn(portal), $"{o.OfferId} on the {portal} portal"));
        }
    }

    [Theory, MemberData(nameof(ProvidersAndPortals))]
    public async Task The_database_lists_exactly_the_offers_the_domain_shows_on_a_portal(DatabaseProvider provider, PublishingPortal portal)
    {
        await using var store = await StoreAsync(provider);
        await using var db = store.NewContext();

        foreach (var publisher in new[] { Migrated(), NotMigrated() })
        {
            var page = await db.OffersPageAsync(A.PartnerTenantId, publisher.PublisherId, portal, OfferSort.Name, null, 1, OfferQuery.MaxPageSize, Ct);

            var expected = publisher.OffersOn(portal).Select(o => o.OfferId).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, page.Items.Select(o => o.OfferId).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Count, page.Total);
            foreach (var offer in page.Items)
            {
                var domain = publisher.OfferNamed(offer.OfferId);
                Assert.Equal(
                    (domain.StateShownOn(portal), domain.IsReadOnlyOn(portal), domain.Activity, domain.IsMigrated, domain.Price),
                    (offer.StateShownOn(portal), offer.IsReadOnlyOn(portal), offer.Activity, offer.IsMigrated, offer.Price));
            }
        }
    }

    [Theory, MemberData(nameof(ProvidersAndPortals))]
    public async Task Every_sort_orders_the_whole_list_across_pages_as_the_domain_fields_do(DatabaseProvider provider, PublishingPortal portal)
    {
        await using var store = await StoreAsync(provider);
        await using var db = store.NewContext();
        var shown = Migrated().OffersOn(portal);
        static int Rank(OfferState state) => state switch { OfferState.Draft => 0, OfferState.Staged => 1, _ => 2 };

        foreach (var sort in Enum.GetValues<OfferSort>())
        {
            var byName = shown.OrderBy(o => o.Name, StringComparer.Ordinal);
            var expected = (sort switch
            {
                OfferSort.NameDescending => shown.OrderByDescending(o => o.Name, StringComparer.Ordinal),
                OfferSort.State => shown.OrderBy(o => Rank(o.StateShownOn(portal))).ThenBy(o => o.Name, StringComparer.Ordinal),
                OfferSort.StateDescending => shown.OrderByDescending(o => Rank(o.StateShownOn(portal))).ThenBy(o => o.Name, StringComparer.Ordinal),
                OfferSort.Type => shown.OrderBy(o => o.Type.ToString(), StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal),
                OfferSort.TypeDescending => shown.OrderByDescending(o => o.Type.ToString(), StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal),
                _ => byName,
            }).Select(o => o.OfferId).ToList();

            var pages = new List<string>();
            for (var page = 1; page <= (expected.Count + 1) / 2; page++)
            {
                var read = await db.OffersPageAsync(A.PartnerTenantId, PublisherId, portal, sort, null, page, 2, Ct);
                Assert.Equal(expected.Count, read.Total);
                pages.AddRange(read.Items.Select(o => o.OfferId));
            }

            Assert.True(expected.SequenceEqual(pages), $"{sort}: expected {string.Join(", ", expected)}, read {string.Join(", ", pages)}");
        }
    }

    [Theory, OnBothProviders]
    public async Task The_search_matches_part_of_a_name_or_an_offer_id_ignoring_case(DatabaseProvider provider)
    {
        await using var store = await StoreAsync(provider);
        await using var db = store.NewContext();

        var byName = await db.OffersPageAsync(A.PartnerTenantId, PublisherId, PublishingPortal.Old, OfferSort.Name, " vM sT ", 1, 25, Ct);
        var byId = await db.OffersPageAsync(A.PartnerTenantId, PublisherId, PublishingPortal.Old, OfferSort.Name, "TEMPLATE-", 1, 25, Ct);
        var none = await db.OffersPageAsync(A.PartnerTenantId, PublisherId, PublishingPortal.New, OfferSort.Name, "template", 1, 25, Ct);

        Assert.Equal(["vm-staged"], byName.Items.Select(o => o.OfferId));
        Assert.Equal(["template-listed"], byId.Items.Select(o => o.OfferId));
        Assert.Equal((0, 0), (none.Items.Count, none.Total));
    }

    [Theory, OnBothProviders]
    public async Task Another_partners_publisher_has_no_offers_and_a_missing_one_neither(DatabaseProvider provider)
    {
        await using var store = await StoreAsync(provider);
        await using var db = store.NewContext();

        var foreign = await db.OffersPageAsync(OtherPartner, PublisherId, PublishingPortal.Old, OfferSort.Name, null, 1, 25, Ct);
        var missing = await db.OffersPageAsync(A.PartnerTenantId, "no-such-publisher", PublishingPortal.Old, OfferSort.Name, null, 1, 25, Ct);
        var own = await db.OffersPageAsync(OtherPartner, "theirs", PublishingPortal.Old, OfferSort.Name, null, 1, 25, Ct);

        Assert.Equal((0, 0), (foreign.Items.Count, foreign.Total));
        Assert.Equal((0, 0), (missing.Items.Count, missing.Total));
        Assert.Equal(["theirs-vm"], own.Items.Select(o => o.OfferId));
    }

    [Theory, OnBothProviders]
    public async Task A_page_costs_two_commands_for_2_or_100_rows(DatabaseProvider provider)
    {
        await using var store = await StoreAsync(provider);
        var counter = new CommandCounter();
        await using var db = PersistenceRegistration.NewContext(provider, store.ConnectionString, options => options.AddInterceptors(counter));

        var small = await db.OffersPageAsync(A.PartnerTenantId, PublisherId, PublishingPortal.Old, OfferSort.StateDescending, null, 2, 2, Ct);
        var smallCost = counter.Count;
        counter.Reset();
        var large = await db.OffersPageAsync(A.PartnerTenantId, PublisherId, PublishingPortal.Old, OfferSort.Type, "e", 1, 100, Ct);

        Assert.Equal((2, 7), (small.Items.Count, small.Total));
        Assert.Equal(2, smallCost);
        Assert.Equal(2, counter.Count);
        Assert.NotEmpty(large.Items);
    }

    /// <summary>Contoso (migrated) and Fabrikam (not) of the test partner, and another partner's publisher "theirs".</summary>
    private async Task<TestStore> StoreAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        await store.SaveAsync(db =>
        {
            db.Partners.Add(A.Partner());
            db.Partners.Add(new PartnerOrganization { TenantId = OtherPartner, Name = "Other Partner", MpnId = "9999999" });
            db.AddPublisher(Migrated(), A.PartnerTenantId);
            db.AddPublisher(NotMigrated(), A.PartnerTenantId);
            db.AddPublisher(APublisher().Named("Theirs", "theirs").WithOffers(Vm("theirs-vm")).Build(), OtherPartner);
        });
        return store;
    }
}
