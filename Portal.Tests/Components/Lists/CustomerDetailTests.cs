using Bunit;
using Portal.Accounts;
using Portal.Components.Pages.Customers;
using Portal.Demo;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Lists;

/// <summary>A customer's page in a circuit: its subscriptions, add-ons under their base, and the not-found answer for other partners' ids.</summary>
public class CustomerDetailTests(PortalFactory factory) : ListPageContext(factory)
{
    private IRenderedComponent<CustomerDetail> RenderCustomer(Guid customerId)
    {
        var page = Render<CustomerDetail>(p => p.Add(x => x.CustomerId, customerId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    private static List<string> LegacyRows(IRenderedComponent<CustomerDetail> page) =>
        [.. page.FindAll("#legacy-subscriptions tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task A_customer_without_subscriptions_says_so_for_both_kinds()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = RenderCustomer(partner.Customers[0].TenantId);

        Assert.Equal(partner.Customers[0].Name, page.Find("h1").TextContent.Trim());
        Assert.Equal("No legacy subscriptions.", page.Find("#no-legacy").TextContent);
        Assert.Equal("No New Commerce subscriptions.", page.Find("#no-nce").TextContent);
    }

    [Fact]
    public async Task One_subscription_links_to_its_page()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var basic = WizardData.Legacy(customer, DemoCatalog.BusinessBasic, 25);
        await Factory.AddSubscriptionsAsync(basic);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);

        var page = RenderCustomer(customer);

        Assert.Equal([basic.FriendlyName], LegacyRows(page));
        Assert.Equal($"customers/{customer}/subscriptions/{basic.Id}", page.Find($"[data-subscription='{basic.Id}'] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Many_subscriptions_list_each_add_on_under_its_base()
    {
        var data = await WizardData.CreateAsync(Factory);
        SignInAs(data.Partner.TenantId, PortalRoles.AdminAgent);

        var page = RenderCustomer(data.CustomerId);

        var rows = page.FindAll("#legacy-subscriptions tbody tr");
        var e3 = rows.ToList().FindIndex(r => r.QuerySelector($"[data-subscription='{data.E3}']") is not null);
        Assert.True(e3 >= 0);
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Skip(e3 + 1).Take(2), r => Assert.Contains("addon-row", r.ClassList));
        Assert.Contains("Add-on: ", rows[e3 + 1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("addon-row", rows[e3].ClassList);
    }

    [Theory]
    [InlineData(PortalRoles.SalesAgent, true)]
    [InlineData(PortalRoles.AdminAgent, true)]
    [InlineData(PortalRoles.HelpdeskAgent, false)]
    public async Task The_bulk_link_shows_to_roles_that_migrate_and_not_to_the_helpdesk(string role, bool shown)
    {
        var data = await WizardData.CreateAsync(Factory);
        SignInAs(data.Partner.TenantId, role);

        var page = RenderCustomer(data.CustomerId);

        Assert.Equal(shown ? [$"migrate/bulk?customer={data.CustomerId}"] : [], page.FindAll("#bulk-link").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Another_partners_customer_shows_the_not_found_page()
    {
        var mine = await Factory.CreatePartnerAsync(customers: 1);
        var theirs = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(mine.TenantId, PortalRoles.GlobalAdmin);

        var page = RenderCustomer(theirs.Customers[0].TenantId);

        Assert.Equal("Page not found", page.Find("h1").TextContent);
        Assert.DoesNotContain(theirs.Customers[0].Name, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_signed_in_is_not_authorized()
    {
        var route = RenderRoute<CustomerDetail>(new Dictionary<string, object?> { ["CustomerId"] = Guid.NewGuid() });

        Assert.NotNull(route.Find("#not-authorized"));
    }
}
