using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Api;

public class ApiKeysPageTests(PortalFactory factory)
{
    [Fact]
    public async Task A_global_admin_creates_a_key_that_is_shown_once_stored_hashed_and_works_with_its_role()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        using var created = await browser.SubmitFormAsync("/admin/api-keys", "#create-key", new Dictionary<string, string>
        {
            ["NewKey.Name"] = "billing sync",
            ["NewKey.Role"] = PortalRoles.HelpdeskAgent,
        });
        var html = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var document = new HtmlParser().ParseDocument(html);
        var secret = document.QuerySelector("#issued-secret")?.GetAttribute("value");
        Assert.NotNull(secret);
        Assert.StartsWith("pmp_", secret, StringComparison.Ordinal);

        // Shown once: the list page afterwards has the prefix only.
        var again = await browser.GetStringAsync(new Uri("/admin/api-keys", UriKind.Relative));
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        Assert.Contains(secret[..12], again, StringComparison.Ordinal);
        Assert.Contains("billing sync", again, StringComparison.Ordinal);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.ApiKeys.SingleAsync(k => k.PartnerTenantId == partner.TenantId);
            Assert.NotEqual(secret, stored.SecretHash);
            Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
            Assert.Equal(PortalRoles.HelpdeskAgent, stored.Role);
            Assert.True(await db.AuditLog.AnyAsync(e => e.PartnerTenantId == partner.TenantId && e.Action == "ApiKeyCreated"));
        }

        using var api = factory.ApiClient(secret);
        using var read = await api.GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(partner.Customers[0].Name, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var write = await api.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Not allowed", domain = "notallowed.onmicrosoft.com" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Revoking_on_the_page_makes_the_key_answer_401()
    {
        var partner = await factory.CreateApiPartnerAsync(withUsers: true);
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(partner.Partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        var prefix = partner.Key(PortalRoles.SalesAgent)[..12];

        using var revoked = await browser.SubmitFormAsync("/admin/api-keys", $"tr[data-prefix='{prefix}'] form", new Dictionary<string, string>());
        var page = await browser.FollowAsync(revoked);

        Assert.Contains("revoked", page, StringComparison.Ordinal);
        using var api = factory.ApiClient(partner.Key(PortalRoles.SalesAgent));
        using var response = await api.GetAsync("/api/v1/customers");
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_name_left_empty_is_refused_with_a_message_naming_the_field_and_nothing_is_stored()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        using var created = await browser.SubmitFormAsync("/admin/api-keys", "#create-key", new Dictionary<string, string>
        {
            ["NewKey.Name"] = "",
            ["NewKey.Role"] = PortalRoles.AdminAgent,
        });

        var html = await created.Content.ReadAsStringAsync();
        Assert.Contains("Name: give the key a name", html, StringComparison.Ordinal);
        Assert.DoesNotContain("issued-secret", html, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys.AnyAsync(k => k.PartnerTenantId == partner.TenantId));
    }

    [Fact]
    public async Task Another_partners_key_cannot_be_revoked_and_answers_404()
    {
        var mine = await factory.CreateApiPartnerAsync(withUsers: true);
        var theirs = await factory.CreateApiPartnerAsync();
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(mine.Partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        var html = await browser.GetStringAsync(new Uri("/admin/api-keys", UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        var token = document.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Guid theirKey;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            theirKey = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys
                .Where(k => k.PartnerTenantId == theirs.TenantId).Select(k => k.Id).FirstAsync();
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var response = await browser.PostAsync(new Uri($"/admin/api-keys/{theirKey}/revoke", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var stillWorks = await factory.ApiClient(theirs.Key()).GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
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
