using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Entra;

/// <summary>A Global admin maps the people of their Entra tenant to portal users (and so to roles).</summary>
public class EntraLinksTests(EntraFixture entra)
{
    private const string Page = "/admin/users/entra";

    [Fact]
    public async Task A_Global_admin_links_an_Entra_account_which_then_signs_in_with_that_users_role_until_unlinked()
    {
        var partner = await entra.CreatePartnerAsync(customers: 1);
        using var admin = entra.Browserless();
        using (var signedIn = await admin.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password, Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var helpdesk = await UserIdAsync(admin, partner.Email(PortalRoles.HelpdeskAgent));
        var person = FakeEntraUser.Of(partner.TenantId);

        using (var refused = await admin.SubmitFormAsync(Page, "#link-entra-form", new Dictionary<string, string> { ["Link.UserId"] = helpdesk, ["Link.ObjectId"] = "not-a-guid" }))
        {
            Assert.StartsWith("Enter the user's Microsoft Entra object id: a GUID", await MessageAsync(refused), StringComparison.Ordinal);
        }

        using (var linked = await admin.SubmitFormAsync(Page, "#link-entra-form", new Dictionary<string, string> { ["Link.UserId"] = helpdesk, ["Link.ObjectId"] = person.ObjectId.ToString().ToUpperInvariant() }))
        {
            using var document = new HtmlParser().ParseDocument(await linked.Content.ReadAsStringAsync());
            Assert.Equal("status", document.QuerySelector("#entra-links-message")!.GetAttribute("role"));
            var row = document.QuerySelector($"tr[data-email='{partner.Email(PortalRoles.HelpdeskAgent)}'] .entra-object-id")!;
            Assert.Equal(person.ObjectId.ToString(), row.TextContent.Trim());
        }

        using (var portal = entra.Browserless())
        using (var attempt = await entra.SignInWithMicrosoftAsync(portal, person))
        {
            Assert.Equal("/customers", attempt.Location);
            var html = await portal.GetStringAsync(new Uri("/customers", UriKind.Relative));
            Assert.Contains(PortalRoles.HelpdeskAgent, new HtmlParser().ParseDocument(html).QuerySelector("#signed-in-user")!.TextContent, StringComparison.Ordinal);
        }

        using (var unlinked = await admin.SubmitFormAsync(Page, $"tr[data-email='{partner.Email(PortalRoles.HelpdeskAgent)}'] form", new Dictionary<string, string>()))
        {
            Assert.Equal($"{partner.Email(PortalRoles.HelpdeskAgent)} can no longer sign in with Microsoft.", await MessageAsync(unlinked));
        }

        using (var portal = entra.Browserless())
        using (var attempt = await entra.SignInWithMicrosoftAsync(portal, person))
        {
            await portal.AssertRefusedAsync(attempt, "unmapped", "No portal role is mapped to your account");
        }
    }

    [Fact]
    public async Task One_Entra_account_links_to_one_user_of_the_partner()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.SalesAgent);
        using var admin = entra.Browserless();
        (await admin.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password)).Dispose();
        var agent = await UserIdAsync(admin, partner.Email(PortalRoles.AdminAgent));

        using var refused = await admin.SubmitFormAsync(Page, "#link-entra-form", new Dictionary<string, string> { ["Link.UserId"] = agent, ["Link.ObjectId"] = person.ObjectId.ToString() });

        Assert.Equal($"That Microsoft Entra account is already linked to {partner.Email(PortalRoles.SalesAgent)}. Unlink it there first.", await MessageAsync(refused));
    }

    [Fact]
    public async Task A_user_of_another_partner_cannot_be_linked()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var other = await entra.CreatePartnerAsync(customers: 0);
        using var otherAdmin = entra.Browserless();
        (await otherAdmin.SignInAsync(other.Email(PortalRoles.GlobalAdmin), TestPartner.Password)).Dispose();
        var foreignUser = await UserIdAsync(otherAdmin, other.Email(PortalRoles.SalesAgent));
        using var admin = entra.Browserless();
        (await admin.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password)).Dispose();

        using var refused = await admin.SubmitFormAsync(Page, "#link-entra-form", new Dictionary<string, string> { ["Link.UserId"] = foreignUser, ["Link.ObjectId"] = Guid.NewGuid().ToString() });

        Assert.Equal("There is no such user in your organization.", await MessageAsync(refused));
        Assert.All(await entra.LinksOfAsync(other.TenantId), row => Assert.Null(row.EntraObjectId));
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.SalesAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task Only_a_Global_admin_opens_the_links_page(string role)
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        using var client = entra.Browserless();
        (await client.SignInAsync(partner.Email(role), TestPartner.Password)).Dispose();

        using var response = await client.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("#entra-links-message")?.TextContent.Trim() ?? "(no message)";
    }

    private static async Task<string> UserIdAsync(HttpClient admin, string email)
    {
        var html = await admin.GetStringAsync(new Uri(Page, UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        var option = document.QuerySelectorAll("#link-user option").SingleOrDefault(o => o.TextContent.StartsWith(email + " ", StringComparison.Ordinal));
        Assert.NotNull(option);
        return option.GetAttribute("value")!;
    }
}
