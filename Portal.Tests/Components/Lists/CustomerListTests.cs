using Bunit;
using Portal.Accounts;
using Portal.Components.Pages.Customers;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Lists;

/// <summary>The customers list in a circuit: search, sort and page done by the database, the state kept in the address.</summary>
public class CustomerListTests(PortalFactory factory) : ListPageContext(factory)
{
    private static List<string> Names(IRenderedComponent<CustomerList> page) =>
        [.. page.FindAll("#customers tbody tr td:first-child a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task A_partner_without_customers_is_told_none_match()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = Render<CustomerList>();

        page.WaitForAssertion(() => Assert.Equal("No customers match.", page.Find("#no-customers").TextContent));
    }

    [Fact]
    public async Task One_customer_shows_with_its_link_and_counts()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);

        var page = Render<CustomerList>();

        page.WaitForAssertion(() => Assert.Equal([partner.Customers[0].Name], Names(page)));
        Assert.Equal($"customers/{partner.Customers[0].TenantId}", page.Find("#customers tbody tr td:first-child a").GetAttribute("href"));
        Assert.Equal(["0", "0"], page.FindAll("#customers tbody tr td").Skip(4).Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Many_customers_are_paged_and_sorted_by_the_address_and_the_next_page_keeps_search_and_sort()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 5);
        var tag = partner.Name["Partner ".Length..];
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);
        GoTo($"/customers?q={tag}&sort=NameDescending&size=2");

        var page = Render<CustomerList>();

        page.WaitForAssertion(() => Assert.Equal([$"Customer 5 of {tag}", $"Customer 4 of {tag}"], Names(page)));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal([$"Customer 3 of {tag}", $"Customer 2 of {tag}"], Names(page)));
        Assert.EndsWith($"/customers?q={tag}&sort=NameDescending&size=2&page=2", Navigation.Uri, StringComparison.Ordinal);
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal([$"Customer 1 of {tag}"], Names(page)));
        Assert.True(page.Find("button[aria-label='Next page']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Opening_writes_nothing_to_the_address_and_clicking_a_header_sorts_in_the_database_and_writes_the_sort()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 3);
        var tag = partner.Name["Partner ".Length..];
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        GoTo("/customers");
        var page = Render<CustomerList>();
        page.WaitForAssertion(() => Assert.Equal(3, Names(page).Count));
        AssertAddressUntouched("/customers"); // the default state: a link clicked during the first load is not undone

        page.FindAll("th .mud-table-sort-label")[0].Click(); // Name is ascending already: now descending

        page.WaitForAssertion(() => Assert.Equal([$"Customer 3 of {tag}", $"Customer 2 of {tag}", $"Customer 1 of {tag}"], Names(page)));
        Assert.EndsWith("/customers?sort=NameDescending", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_filters_in_the_database_and_finds_no_other_partners_customer()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 3);
        var other = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);
        var page = Render<CustomerList>();
        page.WaitForAssertion(() => Assert.Equal(3, Names(page).Count));

        page.Find("#q").Change(partner.Customers[1].Domain);
        page.Find("#search-button").Click();
        page.WaitForAssertion(() => Assert.Equal([partner.Customers[1].Name], Names(page)));
        Assert.Contains($"q={partner.Customers[1].Domain}", Navigation.Uri, StringComparison.Ordinal);

        page.Find("#q").Change(other.Customers[0].TenantId.ToString());
        page.Find("#search-button").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-customers")));
    }

    [Fact]
    public void Nobody_signed_in_is_not_authorized()
    {
        var route = RenderRoute<CustomerList>();

        Assert.NotNull(route.Find("#not-authorized"));
        Assert.Empty(route.FindAll("#customers"));
    }
}
