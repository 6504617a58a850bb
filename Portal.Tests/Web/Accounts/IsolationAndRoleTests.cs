using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;

namespace Portal.Tests.Web.Accounts;

public class IsolationAndRoleTests(PortalFactory factory)
{
    [Fact]
    public async Task Another_partners_customer_answers_404_exactly_like_a_missing_one()
    {
        var mine = await factory.CreatePartnerAsync(customers: 1);
        var theirs = await factory.CreatePartnerAsync(customers: 1);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(mine.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        using var own = await client.GetAsync(new Uri($"/customers/{mine.Customers[0].TenantId}", UriKind.Relative));
        using var foreign = await client.GetAsync(new Uri($"/customers/{theirs.Customers[0].TenantId}", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri($"/customers/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(mine.Customers[0].Name, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var foreignHtml = await foreign.Content.ReadAsStringAsync();
        Assert.DoesNotContain(theirs.Customers[0].Name, foreignHtml, StringComparison.Ordinal);
        Assert.Equal(MainOf(await missing.Content.ReadAsStringAsync()), MainOf(foreignHtml));
    }

    [Fact]
    public async Task The_customer_list_shows_only_the_signed_in_partners_customers()
    {
        var mine = await factory.CreatePartnerAsync(customers: 2);
        var theirs = await factory.CreatePartnerAsync(customers: 2);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(mine.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);

        var html = await client.GetStringAsync(new Uri("/customers", UriKind.Relative));

        foreach (var customer in mine.Customers)
        {
            Assert.Contains(customer.Name, html, StringComparison.Ordinal);
        }

        foreach (var customer in theirs.Customers)
        {
            Assert.DoesNotContain(customer.Name, html, StringComparison.Ordinal);
        }

        // Searching by another partner's tenant id finds nothing either.
        var search = await client.GetStringAsync(new Uri($"/customers?q={theirs.Customers[0].TenantId}", UriKind.Relative));
        Assert.Contains("No customers match.", search, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> PageAccess => new()
    {
        { PortalRoles.GlobalAdmin, "/customers", true },
        { PortalRoles.AdminAgent, "/customers", true },
        { PortalRoles.SalesAgent, "/customers", true },
        { PortalRoles.HelpdeskAgent, "/customers", true },
        { PortalRoles.GlobalAdmin, "/audit", true },
        { PortalRoles.AdminAgent, "/audit", true },
        { PortalRoles.SalesAgent, "/audit", false },
        { PortalRoles.HelpdeskAgent, "/audit", false },
        { PortalRoles.GlobalAdmin, "/admin/users", true },
        { PortalRoles.AdminAgent, "/admin/users", false },
        { PortalRoles.SalesAgent, "/admin/users", false },
        { PortalRoles.HelpdeskAgent, "/admin/users", false },
    };

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task Each_role_reaches_exactly_the_pages_its_policy_allows(string role, string page, bool allowed)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);

        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", new Uri(factory.ServerAddress, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        }
    }

    private static string MainOf(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("main")?.TextContent.Trim() ?? "";
}
