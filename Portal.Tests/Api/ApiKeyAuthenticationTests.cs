using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Demo;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Api;

public class ApiKeyAuthenticationTests(PortalFactory factory)
{
    [Fact]
    public async Task A_call_without_a_key_answers_401_with_a_bearer_challenge_and_a_problem()
    {
        using var client = factory.ApiClient(key: null);

        using var response = await client.GetAsync("/api/v1/customers");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pmp_not-a-key-anyone-made")]
    [InlineData("something-else")]
    public async Task An_unknown_key_answers_401(string key)
    {
        using var client = factory.ApiClient(key);

        using var response = await client.GetAsync("/api/v1/customers");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_sent_with_another_scheme_than_bearer_answers_401()
    {
        var partner = await factory.CreateApiPartnerAsync();
        using var client = factory.ApiClient(key: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + partner.Key());

        using var response = await client.GetAsync("/api/v1/customers");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_answers_401_while_the_partners_other_keys_still_work()
    {
        var partner = await factory.CreateApiPartnerAsync();
        using var revokedClient = factory.ApiClient(partner.Key(PortalRoles.SalesAgent));
        using var before = await revokedClient.GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var hash = ApiKeySecret.Hash(partner.Key(PortalRoles.SalesAgent));
            var keyId = await db.ApiKeys.Where(k => k.SecretHash == hash).Select(k => k.Id).SingleAsync();
            var outcome = await scope.ServiceProvider.GetRequiredService<ApiKeyDesk>().RevokeAsync(partner.TenantId, "test", keyId);
            Assert.True(outcome.Succeeded);
        }

        using var after = await revokedClient.GetAsync("/api/v1/customers");
        var problem = await after.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var other = await factory.ApiClient(partner.Key(PortalRoles.AdminAgent)).GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_does_not_authenticate_the_api()
    {
        var partner = await factory.CreateApiPartnerAsync(withUsers: true);
        using var browser = factory.Browserless();
        using var _ = await browser.SignInAsync(partner.Partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        using var response = await browser.GetAsync(new Uri("/api/v1/customers", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(PortalRoles.GlobalAdmin, true)]
    [InlineData(PortalRoles.AdminAgent, true)]
    [InlineData(PortalRoles.SalesAgent, true)]
    [InlineData(PortalRoles.HelpdeskAgent, false)]
    public async Task Only_roles_that_may_migrate_can_write_and_every_role_can_read(string role, bool mayWrite)
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key(role));

        using var read = await client.GetAsync("/api/v1/customers");
        using var write = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Role Test", domain = $"role{Guid.NewGuid():N}.onmicrosoft.com" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        if (mayWrite)
        {
            Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        }
        else
        {
            var problem = await write.ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains(role, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_documented_development_demo_key_acts_for_northwind_sandbox()
    {
        using var client = factory.ApiClient(DemoApiKeySeeder.NorthwindDemoKey);

        using var response = await client.GetAsync("/api/v1/customers?size=500");

        var body = await response.JsonAsync(HttpStatusCode.OK);
        var domains = body.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("companyProfile").GetProperty("domain").GetString()).ToList();
        Assert.Contains("boulderinnovations.onmicrosoft.com", domains);
        Assert.DoesNotContain("fabrikaminc.onmicrosoft.com", domains); // a Contoso customer
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "Portal", "Demo", "README.md"));
        Assert.Contains(DemoApiKeySeeder.NorthwindDemoKey, readme, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys.SingleAsync(k => k.PartnerTenantId == DemoIds.NorthwindTenantId);
        Assert.NotEqual(DemoApiKeySeeder.NorthwindDemoKey, stored.SecretHash);
        Assert.Equal(ApiKeySecret.Hash(DemoApiKeySeeder.NorthwindDemoKey), stored.SecretHash);
    }
}
