using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Api;

/// <summary>
/// The API keys page over HTTP: what the prerendered page answers. Creating and revoking keys happen in the circuit
/// and are tested with bUnit (Components/Admin/ApiKeysPageTests).
/// </summary>
public class ApiKeysPageTests(PortalFactory factory)
{
    [Fact]
    public async Task The_prerendered_page_lists_the_partners_keys_by_their_first_characters_only()
    {
        var mine = await factory.CreateApiPartnerAsync(withUsers: true);
        var theirs = await factory.CreateApiPartnerAsync();
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(mine.Partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        var html = await browser.GetStringAsync(new Uri("/admin/api-keys", UriKind.Relative));

        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(PortalRoles.All.Count, document.QuerySelectorAll("#api-keys td[data-prefix]").Length);
        foreach (var role in PortalRoles.All)
        {
            Assert.Contains(mine.Key(role)[..12], html, StringComparison.Ordinal);
            Assert.DoesNotContain(mine.Key(role), html, StringComparison.Ordinal);
            Assert.DoesNotContain(theirs.Key(role)[..12], html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task Only_a_global_admin_may_open_the_api_keys_page(string role)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(partner.Email(role), TestPartner.Password);

        using var response = await browser.GetAsync(new Uri("/admin/api-keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
