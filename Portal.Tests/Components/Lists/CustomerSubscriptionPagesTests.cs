using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Customers;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Lists;

/// <summary>
/// A customer's subscriptions paged, sorted and filtered by the database: counted by base subscription, each add-on on
/// the same page under its base, the state in the address, and the New Commerce list paged beside it.
/// </summary>
public class CustomerSubscriptionPagesTests(PortalFactory factory) : ListPageContext(factory)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static LegacySubscription Named(Guid customerId, string name, int seats, Guid? parent = null, int endsInDays = 100)
    {
        var end = TermDates.EndInstant(TermDates.UtcDate(Now).AddDays(endsInDays));
        return LegacySubscription.Create(
            Guid.NewGuid(), customerId, DemoCatalog.Office365E3.Id, name, seats, TermDuration.P1Y, BillingCycle.Annual, end.AddDays(-365).AddSeconds(1), end, Now.AddDays(-800), "",
            parentSubscriptionId: parent);
    }

    private IRenderedComponent<CustomerDetail> Open(Guid customerId, string query = "")
    {
        GoTo($"/customers/{customerId}{query}");
        var page = Render<CustomerDetail>(p => p.Add(x => x.CustomerId, customerId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#legacy-subscriptions tbody tr td[data-subscription]")));
        return page;
    }

    private static List<string> Rows(IRenderedComponent<CustomerDetail> page) =>
        [.. page.FindAll("#legacy-subscriptions tbody tr").Select(tr => (tr.ClassList.Contains("addon-row") ? "  " : "") + tr.QuerySelector("td a")!.TextContent.Trim())];

    private static NceSubscription Nce(Guid customerId, string name, int seats, Guid? migratedFrom = null) =>
        NceSubscription.Create(Guid.NewGuid(), customerId, "CFQ7TTC0LF8R:0001:0001", name, seats, TermDuration.P1Y, BillingCycle.Annual, Now, TermDates.EndInstant(TermDates.UtcDate(Now).AddYears(1)), Now, migratedFrom);

    private async Task AddNceAsync(params NceSubscription[] subscriptions)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.NceSubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private async Task<Guid> CustomerWithAsync(params LegacySubscription[] subscriptions)
    {
        await Factory.AddSubscriptionsAsync(subscriptions);
        return subscriptions[0].CustomerId;
    }

    [Fact]
    public async Task Pages_count_base_subscriptions_and_an_add_on_is_never_split_from_its_base()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var bases = Enumerable.Range(1, 12).Select(i => Named(customer, $"Sub {i:00}", i)).ToList();
        // Named to sort last if add-ons were paged on their own.
        var addOns = "abc".Select(letter => Named(customer, $"Zz add-on {letter}", 5, bases[4].Id)).ToList();
        await CustomerWithAsync([.. bases, .. addOns]);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = Open(customer, "?size=5");

        Assert.Equal(["Sub 01", "Sub 02", "Sub 03", "Sub 04", "Sub 05", "  Zz add-on a", "  Zz add-on b", "  Zz add-on c"], Rows(page));
        Assert.Contains("1-5 of 12", page.Find("#legacy-subscriptions .mud-table-pagination").TextContent, StringComparison.Ordinal);
        page.Find("#legacy-subscriptions button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(["Sub 06", "Sub 07", "Sub 08", "Sub 09", "Sub 10"], Rows(page)));
        page.Find("#legacy-subscriptions button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(["Sub 11", "Sub 12"], Rows(page)));
        Assert.Contains("page=3", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("size=5", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_page_writes_nothing_to_the_address_so_a_link_clicked_meanwhile_is_not_undone()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var legacy = Named(customer, "Old E3", 12);
        await CustomerWithAsync(legacy);
        await AddNceAsync(Nce(customer, "New E3", 12, legacy.Id));

        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = Open(customer);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#nce-subscriptions tbody tr")));

        AssertAddressUntouched($"/customers/{customer}");
    }

    [Fact]
    public async Task The_status_filter_keeps_bundles_with_a_member_in_that_status_sorted_as_the_address_says()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var small = Named(customer, "Small active", 10);
        var cancelledAddOn = Named(customer, "Cancelled add-on", 10, small.Id);
        var cancelled = Named(customer, "Cancelled base", 30);
        var untouched = Named(customer, "Untouched", 20);
        cancelledAddOn.Cancel();
        cancelled.Cancel();
        await CustomerWithAsync(small, cancelledAddOn, cancelled, untouched);
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);

        var page = Open(customer, "?status=Cancelled&sort=SeatsDescending");

        Assert.Equal(["Cancelled base", "Small active", "  Cancelled add-on"], Rows(page));
    }

    [Fact]
    public async Task Choosing_a_status_filters_from_the_first_page_and_writes_it_to_the_address()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var gone = Named(customer, "Gone", 3);
        gone.Cancel();
        await CustomerWithAsync([.. Enumerable.Range(1, 4).Select(i => Named(customer, $"Kept {i}", i)), gone]);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);
        var page = Open(customer, "?size=2&page=2");
        Assert.Equal(["Kept 2", "Kept 3"], Rows(page)); // "Gone" sorts first

        var select = page.FindComponent<MudSelect<LegacySubscriptionStatus?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(LegacySubscriptionStatus.Cancelled));

        page.WaitForAssertion(() => Assert.Equal(["Gone"], Rows(page)));
        Assert.Contains("status=Cancelled", Navigation.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("page=", Navigation.Uri, StringComparison.Ordinal); // the first page is the default
        Assert.Contains("size=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_the_term_end_header_sorts_by_renewal_in_the_database()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        await CustomerWithAsync(Named(customer, "A renews last", 1, endsInDays: 300), Named(customer, "B renews first", 1, endsInDays: 10), Named(customer, "C renews second", 1, endsInDays: 50));
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        var page = Open(customer);
        Assert.Equal(["A renews last", "B renews first", "C renews second"], Rows(page));

        page.FindAll("#legacy-subscriptions th .mud-table-sort-label")[2].Click();

        page.WaitForAssertion(() => Assert.Equal(["B renews first", "C renews second", "A renews last"], Rows(page)));
        Assert.Contains("sort=TermEnd", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_lists_show_together_with_the_legacy_subscription_each_new_commerce_one_came_from()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var legacy = Named(customer, "Old E3", 12);
        await CustomerWithAsync(legacy);
        await AddNceAsync(Nce(customer, "New E3", 12, legacy.Id), Nce(customer, "Bought E3", 2));

        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = Open(customer);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#nce-subscriptions tbody tr").Count));
        var rows = page.FindAll("#nce-subscriptions tbody tr");
        Assert.Equal("Bought E3", rows[0].QuerySelector("td a")!.TextContent.Trim());
        Assert.Contains("Bought directly", rows[0].TextContent, StringComparison.Ordinal);
        var links = rows[1].QuerySelectorAll("td a");
        var from = links[^1];
        Assert.Equal("Old E3", from.TextContent.Trim());
        Assert.Equal($"customers/{customer}/subscriptions/{legacy.Id}", from.GetAttribute("href"));
        Assert.Equal(["Old E3"], Rows(page));
    }

    [Fact]
    public async Task The_first_byte_is_the_page_the_address_names()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        await CustomerWithAsync([.. Enumerable.Range(1, 7).Select(i => Named(customer, $"Sub {i}", i))]);
        var client = await Factory.SignedInAsync(partner.Email(PortalRoles.HelpdeskAgent));

        var response = await client.GetAsync(new Uri($"customers/{customer}?size=3&page=3", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Sub 7</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Sub 6</a>", html, StringComparison.Ordinal);
        Assert.Contains("Page 3 of 3 · 7 base subscriptions", html, StringComparison.Ordinal);
    }
}
