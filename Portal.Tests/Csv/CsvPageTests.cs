using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Csv;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Csv;

/// <summary>The CSV pages' access, downloads and API routes of the running portal (real Kestrel, SQLite, demo data).</summary>
public class CsvPageTests(PortalFactory factory)
{
    [Fact]
    public async Task Downloads_need_a_signed_in_user_and_show_only_the_users_partner()
    {
        var (mine, mySubscription) = await CsvTestData.PartnerWithSubscriptionAsync(factory);
        var (_, theirSubscription) = await CsvTestData.PartnerWithSubscriptionAsync(factory);
        using var anonymous = factory.Browserless();
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(mine.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);

        using var refused = await anonymous.GetAsync(new Uri("/exports/subscriptions.csv", UriKind.Relative));
        using var response = await client.GetAsync(new Uri("/exports/subscriptions.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/sign-in", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("subscriptions-with-eligibility.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var file = CsvFile.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(BamColumns.Subscriptions, file.Header);
        Assert.Equal([mySubscription.Id.ToString()], file.Column("LegacySubscriptionId"));
        Assert.DoesNotContain(theirSubscription.Id.ToString(), Encoding.UTF8.GetString(file.Bytes), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> UploadAccess => new()
    {
        { PortalRoles.GlobalAdmin, "/imports/offer-matrix", true },
        { PortalRoles.AdminAgent, "/imports/offer-matrix", false },
        { PortalRoles.HelpdeskAgent, "/imports/offer-matrix", false },
        { PortalRoles.SalesAgent, "/imports/migrations", true },
        { PortalRoles.SalesAgent, "/imports/schedules", true },
        { PortalRoles.HelpdeskAgent, "/imports/migrations", false },
        { PortalRoles.HelpdeskAgent, "/exports", true },
    };

    [Theory]
    [MemberData(nameof(UploadAccess))]
    public async Task Each_role_reaches_exactly_the_upload_pages_its_policy_allows(string role, string page, bool allowed)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);

        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        if (!allowed)
        {
            Assert.StartsWith("/account/access-denied", new Uri(factory.ServerAddress, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_API_serves_exports_and_imports_to_a_key_and_refuses_without_one()
    {
        var (partner, subscription) = await CsvTestData.PartnerWithSubscriptionAsync(factory);
        var reader = await KeyAsync(partner, PortalRoles.HelpdeskAgent);
        var agent = await KeyAsync(partner, PortalRoles.SalesAgent);
        using var client = factory.CreateClient();
        var upload = CsvTestData.BamHeader + $"{subscription.CustomerId},{subscription.Id},False,P1M,Monthly,,,,\r\n";

        using var noKey = await client.GetAsync(new Uri("/api/v1/exports/subscriptions", UriKind.Relative));
        using var export = await SendAsync(client, HttpMethod.Get, "/api/v1/exports/subscriptions", reader);
        using var helpdeskImport = await SendAsync(client, HttpMethod.Post, "/api/v1/imports/migrations?mode=ValidateOnly", reader, upload);
        using var badMode = await SendAsync(client, HttpMethod.Post, "/api/v1/imports/migrations?mode=Sometimes", agent, upload);
        using var check = await SendAsync(client, HttpMethod.Post, "/api/v1/imports/migrations?mode=ValidateOnly", agent, upload);
        using var empty = await SendAsync(client, HttpMethod.Post, "/api/v1/imports/migrations", agent, "");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal([subscription.Id.ToString()], CsvFile.Read(await export.Content.ReadAsByteArrayAsync()).Column("LegacySubscriptionId"));
        Assert.Equal(HttpStatusCode.Forbidden, helpdeskImport.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        using var report = JsonDocument.Parse(await check.Content.ReadAsStringAsync());
        Assert.StartsWith("All 1 rows are valid.", report.RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("The file is empty.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> KeyAsync(TestPartner partner, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var (_, issued) = await scope.ServiceProvider.GetRequiredService<ApiKeyDesk>().CreateAsync(partner.TenantId, "test", $"csv {role}", role);
        return issued!.Secret;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string key, string? csv = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (csv is not null)
        {
            request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        }

        return await client.SendAsync(request);
    }
}
