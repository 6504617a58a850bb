using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Lists;
using Portal.Components.Pages.Publishing;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Publishing;

namespace Portal.Tests.Components.Publishing;

/// <summary>
/// The offer tables of the publisher's status page, each a page at a time from the database: empty, one, many pages,
/// sorted and searched by the address or by the table, both tables paged apart, the prerendered page, and another
/// partner's publisher listing nothing.
/// </summary>
public class PublisherOffersTests(PortalFactory factory) : PublishingPageContext(factory)
{
    private static readonly OfferState[] States = [OfferState.Draft, OfferState.Staged, OfferState.Listed];

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>"Offer 01" (offer-01) to "Offer {count}": the types and states in turn, every one a Virtual Machine if <paramref name="vms"/>.</summary>
    private static Offer[] Offers(int count, bool vms = false) =>
    [
        .. Enumerable.Range(1, count).Select(i => Offer.Existing(
            $"offer-{i:00}",
            $"Offer {i:00}",
            vms ? OfferType.VirtualMachine : Enum.GetValues<OfferType>()[i % 5],
            States[i % 3],
            OfferPrice.Usd(i))),
    ];

    /// <summary>A new partner with a publisher of exactly <paramref name="offers"/> (migrated if asked), signed in as a Sales agent.</summary>
    private async Task<(TestPartner Partner, Publisher Publisher)> PublisherAsync(Offer[] offers, bool migrated = false)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var publisher = Publisher.Create(TestPublishers.PublisherIdOf(partner), TestPublishers.PublisherNameOf(partner), partner.Email(PortalRoles.GlobalAdmin), [], offers);
        if (migrated)
        {
            var now = DateTimeOffset.UtcNow;
            var slot = MigrationSlots.NextBookable(now);
            Assert.True(publisher.SubmitMigration(Guid.NewGuid(), publisher.Name, publisher.PublisherId, now).Succeeded);
            Assert.True(publisher.Migration!.BookSlot(slot, now).Succeeded);
            Assert.True(publisher.Migration.ConfirmSlot(publisher.Admin, now).Succeeded);
            Assert.True(publisher.Migration.Run(slot.AddMinutes(1)).Succeeded);
        }

        await using (var scope = App.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AddPublisher(publisher, partner.TenantId);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        UseApp(App);
        SignInAs(partner, PortalRoles.SalesAgent);
        return (partner, publisher);
    }

    private IRenderedComponent<PublisherStatus> RenderPage(Publisher publisher, string query = "")
    {
        RenderPopovers();
        Navigation.NavigateTo($"/publishing/{publisher.PublisherId}{query}");
        var cut = Render<PublisherStatus>(p => p.Add(x => x.PublisherId, publisher.PublisherId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("h1")));
        return cut;
    }

    /// <summary>The offer ids of a table's rows, in order.</summary>
    private static List<string> Ids(IRenderedComponent<PublisherStatus> cut, string table) =>
        [.. cut.FindAll($"#{table} td[data-offer]").Select(td => td.GetAttribute("data-offer")!)];

    private static List<string> Range(int first, int last, bool descending = false)
    {
        var ids = Enumerable.Range(first, last - first + 1).Select(i => $"offer-{i:00}").ToList();
        return descending ? [.. Enumerable.Reverse(ids)] : ids;
    }

    [Fact]
    public async Task A_publisher_without_offers_says_none_match_on_the_old_portal_and_nothing_yet_on_the_new()
    {
        var (_, publisher) = await PublisherAsync([]);

        var cut = RenderPage(publisher);

        cut.WaitForAssertion(() => Assert.Equal("No offers match.", cut.Find("#old-portal-none").TextContent.Trim()));
        Assert.Empty(Ids(cut, "old-portal-offers"));
        Assert.NotNull(cut.Find("#new-portal-empty"));
        Assert.Empty(cut.FindAll("#new-portal-offers"));
    }

    [Fact]
    public async Task One_offer_shows_its_markers_type_state_price_and_what_can_be_done_here()
    {
        var (_, publisher) = await PublisherAsync([Offer.Existing("vm-one", "VM One", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(0.5m))]);

        var cut = RenderPage(publisher);

        cut.WaitForAssertion(() => Assert.Equal(["vm-one"], Ids(cut, "old-portal-offers")));
        var cell = cut.Find("#old-portal-offers td[data-offer='vm-one']");
        Assert.Equal("false", cell.GetAttribute("data-read-only"));
        Assert.Equal(
            ["VM One vm-one", "Virtual Machine", "Staged", "0.50 USD", "Editable here until migration"],
            cell.ParentElement!.QuerySelectorAll("td").Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public async Task Thirty_offers_show_the_first_25_by_name_with_the_pager_and_the_next_page_goes_to_the_address()
    {
        var (_, publisher) = await PublisherAsync(Offers(30));

        var cut = RenderPage(publisher);

        cut.WaitForAssertion(() => Assert.Equal(Range(1, 25), Ids(cut, "old-portal-offers")));
        Assert.Contains("1-25 of 30", string.Join(" ", cut.FindAll("#old-portal-offers .mud-table-pagination-caption").Select(c => c.TextContent)), StringComparison.Ordinal);
        Assert.DoesNotContain("old-page", Navigation.Uri, StringComparison.Ordinal); // the first page is the default

        cut.Find("#old-portal-offers button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(Range(26, 30), Ids(cut, "old-portal-offers")));
        Assert.EndsWith($"/publishing/{publisher.PublisherId}?old-page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_names_the_page_sort_and_search_of_the_old_portal_table()
    {
        var (_, publisher) = await PublisherAsync(Offers(30));

        var second = RenderPage(publisher, "?old-page=2");
        second.WaitForAssertion(() => Assert.Equal(Range(26, 30), Ids(second, "old-portal-offers")));

        var descending = RenderPage(publisher, "?old-sort=NameDescending&old-size=10");
        descending.WaitForAssertion(() => Assert.Equal(Range(21, 30, descending: true), Ids(descending, "old-portal-offers")));

        var searched = RenderPage(publisher, "?old-q=offer%201");
        searched.WaitForAssertion(() => Assert.Equal(Range(10, 19), Ids(searched, "old-portal-offers")));
    }

    [Fact]
    public async Task Clicking_the_type_then_the_state_header_sorts_every_offer_in_the_database_and_the_address_keeps_the_sort()
    {
        var offers = Offers(30);
        var (_, publisher) = await PublisherAsync(offers);
        var cut = RenderPage(publisher, "?old-size=50");
        cut.WaitForAssertion(() => Assert.Equal(30, Ids(cut, "old-portal-offers").Count));

        cut.FindAll("#old-portal-offers th .mud-table-sort-label")[1].Click(); // Type

        var byType = offers.OrderBy(o => PublishingText.TypeName(o.Type), StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).Select(o => o.OfferId);
        cut.WaitForAssertion(() => Assert.Equal(byType, Ids(cut, "old-portal-offers")));
        Assert.Contains("old-sort=Type", Navigation.Uri, StringComparison.Ordinal);

        cut.FindAll("#old-portal-offers th .mud-table-sort-label")[2].Click(); // State, in publishing order

        var byState = offers.OrderBy(o => Array.IndexOf(States, o.State)).ThenBy(o => o.Name, StringComparer.Ordinal).Select(o => o.OfferId);
        cut.WaitForAssertion(() => Assert.Equal(byState, Ids(cut, "old-portal-offers")));
        Assert.Contains("old-sort=State", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(["Draft", "Staged", "Listed"], cut.FindAll("#old-portal-offers td[data-label='State']").Select(td => td.TextContent.Trim()).Distinct());
    }

    [Fact]
    public async Task A_search_finds_offers_by_name_or_id_from_the_first_page_and_the_address_keeps_it()
    {
        var (_, publisher) = await PublisherAsync(Offers(30));
        var cut = RenderPage(publisher, "?old-page=2");
        cut.WaitForAssertion(() => Assert.Equal(5, Ids(cut, "old-portal-offers").Count));

        cut.Find("#old-offer-q").Input("OFFER-2");
        cut.Find("#old-offer-q-button").Click();

        cut.WaitForAssertion(() => Assert.Equal(Range(20, 29), Ids(cut, "old-portal-offers")));
        Assert.Contains("old-q=OFFER-2", Navigation.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("old-page", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_migration_both_tables_page_apart_under_their_own_address_keys()
    {
        var (_, publisher) = await PublisherAsync(Offers(30, vms: true), migrated: true);

        var cut = RenderPage(publisher, "?old-page=2&new-sort=NameDescending");

        cut.WaitForAssertion(() => Assert.Equal(Range(26, 30), Ids(cut, "old-portal-offers")));
        cut.WaitForAssertion(() => Assert.Equal(Range(6, 30, descending: true), Ids(cut, "new-portal-offers")));
        Assert.All(cut.FindAll("#old-portal-offers td[data-offer]"), td => Assert.Equal("true", td.GetAttribute("data-read-only")));
        Assert.NotNull(cut.Find("#old-portal-creates-blocked"));

        cut.Find("#new-portal-offers button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(Range(1, 5, descending: true), Ids(cut, "new-portal-offers")));
        Assert.Equal(Range(26, 30), Ids(cut, "old-portal-offers"));
        var query = new Uri(Navigation.Uri).Query;
        Assert.Contains("old-page=2", query, StringComparison.Ordinal);
        Assert.Contains("new-page=2", query, StringComparison.Ordinal);
        Assert.Contains("new-sort=NameDescending", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_both_tables_writes_nothing_to_the_address_and_the_next_page_of_one_is_written()
    {
        var (_, publisher) = await PublisherAsync(Offers(30, vms: true), migrated: true);

        var cut = RenderPage(publisher);

        cut.WaitForAssertion(() => Assert.Equal(Range(1, 25), Ids(cut, "old-portal-offers")));
        cut.WaitForAssertion(() => Assert.Equal(Range(1, 25), Ids(cut, "new-portal-offers")));
        AssertAddressUntouched($"/publishing/{publisher.PublisherId}");
        cut.Find("#new-portal-offers button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(Range(26, 30), Ids(cut, "new-portal-offers")));
        Assert.EndsWith($"/publishing/{publisher.PublisherId}?new-page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prerendered_the_tables_show_the_page_the_address_names_with_its_place_in_the_list()
    {
        var (_, publisher) = await PublisherAsync(Offers(30));
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderPage(publisher, "?old-page=2");

        cut.WaitForAssertion(() => Assert.Equal(Range(26, 30), Ids(cut, "old-portal-offers")));
        Assert.Contains("Page 2 of 2 · 30 offers", cut.Find("#old-portal-offers").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prerendered_after_the_migration_both_tables_read_their_page_one_after_the_other_on_the_one_database_context()
    {
        var (_, publisher) = await PublisherAsync(Offers(30, vms: true), migrated: true);
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderPage(publisher, "?old-sort=NameDescending&new-page=2");

        cut.WaitForAssertion(() => Assert.Equal(Range(6, 30, descending: true), Ids(cut, "old-portal-offers")));
        cut.WaitForAssertion(() => Assert.Equal(Range(26, 30), Ids(cut, "new-portal-offers")));
        Assert.Contains("Page 1 of 2 · 30 offers", cut.Find("#old-portal-offers").TextContent, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2 · 30 offers", cut.Find("#new-portal-offers").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_reads_only_in_its_turn_while_an_action_on_the_offers_holds_the_database_context()
    {
        var (_, publisher) = await PublisherAsync(Offers(2));
        using var reads = new OneAtATime();
        var action = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = reads.RunAsync(() => action.Task);

        var cut = Render<OldPortalOffers>(p => p.Add(x => x.Publisher, publisher).Add(x => x.Reads, reads));
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.Empty(cut.FindAll("td[data-offer]")); // still waiting for its turn

        action.SetResult(true);
        await holding;

        cut.WaitForAssertion(() => Assert.Equal(["offer-01", "offer-02"], cut.FindAll("td[data-offer]").Select(td => td.GetAttribute("data-offer"))));
    }

    [Fact]
    public async Task Given_another_partners_publisher_the_table_reads_no_offer_of_it()
    {
        var (_, theirs) = await PublisherAsync(Offers(3));
        await PublisherAsync(Offers(1)); // now signed in as another partner
        using var reads = new OneAtATime();

        var cut = Render<OldPortalOffers>(p => p.Add(x => x.Publisher, theirs).Add(x => x.Reads, reads));

        cut.WaitForAssertion(() => Assert.Equal("No offers match.", cut.Find("#old-portal-none").TextContent.Trim()));
        Assert.Empty(cut.FindAll("td[data-offer]"));
    }

    [Fact]
    public async Task Creating_an_offer_shows_it_on_the_page_the_table_is_on()
    {
        var (_, publisher) = await PublisherAsync(Offers(30));
        var cut = RenderPage(publisher, "?old-page=2");
        cut.WaitForAssertion(() => Assert.Equal(5, Ids(cut, "old-portal-offers").Count));
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<OfferType>>().Instance.ValueChanged.InvokeAsync(OfferType.TestDrive));
        cut.Find("#offer-id").Change("offer-99");
        cut.Find("#offer-name").Change("Offer 99");
        cut.Find("#offer-price").Change("1");

        Click(cut, "Create draft");

        cut.WaitForAssertion(() => Assert.Equal([.. Range(26, 30), "offer-99"], Ids(cut, "old-portal-offers")));
        Assert.Contains("26-31 of 31", string.Join(" ", cut.FindAll("#old-portal-offers .mud-table-pagination-caption").Select(c => c.TextContent)), StringComparison.Ordinal);
        Assert.Contains("Draft offer 'offer-99' created on the old portal", cut.Find("#publishing-message").TextContent, StringComparison.Ordinal);
    }
}
