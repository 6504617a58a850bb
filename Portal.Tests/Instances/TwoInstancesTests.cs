using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Persistence;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Instances;

/// <summary>
/// Two real portal processes on one PostgreSQL database, as a partner with many agents deploys the portal behind a load
/// balancer (ADR-019): the Data Protection key ring is in the database, so a cookie issued by one instance is read by
/// the other, and an API key made on one works on the other.
/// </summary>
public class TwoInstancesTests(PostgresServer postgres)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_signed_in_through_one_instance_is_signed_in_on_the_other_and_an_API_key_made_on_one_works_on_the_other()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.PostgreSQL, postgres);

        // The first instance migrates the database and seeds the demo partners; the second starts on what it made.
        using var first = PortalProcess.Start("first", Settings(store, demo: true));
        await first.WaitForStartAsync(Startup);
        using var second = PortalProcess.Start("second", Settings(store, demo: false));
        await second.WaitForStartAsync(Startup);

        // Cookies belong to the host, not the port: one jar is one browser going to either instance.
        var browser = new CookieContainer();
        using var throughFirst = Client(first.Address, browser);
        using var throughSecond = Client(second.Address, browser);
        using (var signedIn = await throughFirst.SignInAsync("globaladmin@contoso.example", "Demo-Password-2026"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using (var page = await throughSecond.GetAsync(new Uri("/customers", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
            Assert.Contains("Adele Vance", document.QuerySelector("#signed-in-user")?.TextContent ?? "", StringComparison.Ordinal);
        }

        using (var stranger = Client(second.Address, new CookieContainer()))
        using (var refused = await stranger.GetAsync(new Uri("/customers", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode); // the other instance does ask who you are
        }

        // The second instance's form (its antiforgery token from the shared key ring) is accepted: the theme switch of the
        // layout, a plain form post on every page (the API keys page, which used to serve here, is interactive now).
        using (var switched = await throughSecond.SubmitFormAsync("/customers", "form[action='account/theme']", new Dictionary<string, string> { ["mode"] = "dark" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        // A key stored by one instance works on the other: only its hash is in the shared database.
        var secret = ApiKeySecret.New();
        await using (var keys = store.NewContext())
        {
            var contoso = await keys.Users.Where(u => u.Email == "globaladmin@contoso.example").Select(u => u.PartnerTenantId).SingleAsync(Ct);
            keys.ApiKeys.Add(new Portal.ApiKeys.ApiKey
            {
                Id = Guid.NewGuid(),
                PartnerTenantId = contoso,
                Name = "two instances",
                Prefix = ApiKeySecret.PrefixOf(secret),
                SecretHash = ApiKeySecret.Hash(secret),
                Role = PortalRoles.HelpdeskAgent,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await keys.SaveChangesAsync(Ct);
        }

        foreach (var instance in new[] { first, second })
        {
            using var api = Client(instance.Address, new CookieContainer());
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var customers = await api.GetAsync(new Uri("/api/v1/customers", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, customers.StatusCode);
        }

        // One key ring for both: the first instance made it, the second found it.
        await using var db = store.NewContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync(Ct));
    }

    private static HttpClient Client(Uri address, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }, disposeHandler: true) { BaseAddress = address };

    private static Dictionary<string, string> Settings(TestStore store, bool demo) => new()
    {
        ["Database__Provider"] = "PostgreSQL",
        ["Database__ConnectionString"] = store.ConnectionString,
        ["Demo__Enabled"] = demo ? "true" : "false",
        ["Engine__Worker__Enabled"] = "false",
        ["Serilog__MinimumLevel__Default"] = "Information",
    };
}
