using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Csv;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Csv;

/// <summary>The CSV pages, downloads and API routes of the running portal (real Kestrel, SQLite, demo data).</summary>
public class CsvPageTests(PortalFactory factory)
{
    private const string BamHeader = "CustomerTenantId,LegacySubscriptionId,StartNewTermInNce,Term,BillingPlan,SeatCount,CustomTermEndDate,AddOn,BaseSubscriptionId\r\n";

    [Fact]
    public async Task Downloads_need_a_signed_in_user_and_show_only_the_users_partner()
    {
        var (mine, mySubscription) = await PartnerWithSubscriptionAsync();
        var (_, theirSubscription) = await PartnerWithSubscriptionAsync();
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
    public async Task The_offer_matrix_page_reports_each_wrong_row_and_applies_nothing()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        var unknown = Guid.NewGuid();
        var file = "LegacyOfferId,NceProductId,NceSkuId,MigrationEnabled\r\n"
            + $"{DemoCatalog.BusinessBasic.Id},CFQ7TTC0LH18,0002,True\r\n"
            + $"{unknown},CFQ7TTC0LH18,0001,True\r\n";

        var html = await PostFileAsync(client, "/imports/offer-matrix", file, mode: null);
        var valid = await PostFileAsync(client, "/imports/offer-matrix", file.Split("\r\n")[0] + "\r\n" + file.Split("\r\n")[1] + "\r\n", mode: "ValidateOnly");

        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Nothing was applied: 1 of 2 rows have errors. Correct them and upload the file again, or choose partial import.", document.QuerySelector("#import-summary")!.TextContent.Trim());
        Assert.Contains($"Offer {unknown} was not found in the legacy catalog.", document.QuerySelector("tr[data-line='3']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("All 1 rows are valid. Nothing was applied (check only).", valid, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var offer = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().LegacyOffers.AsNoTracking().SingleAsync(o => o.Id == DemoCatalog.BusinessBasic.Id);
        Assert.Equal("0001", offer.Mapping!.SkuId);
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("offer-matrix-import"), "_handler" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("LegacyOfferId,NceProductId,NceSkuId,MigrationEnabled\r\n")), "file", "m.csv" },
        };

        using var response = await client.PostAsync(new Uri("/imports/offer-matrix", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_BAM_upload_from_the_page_migrates_and_its_batch_results_can_be_downloaded()
    {
        var (partner, subscription) = await PartnerWithSubscriptionAsync();
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var html = await PostFileAsync(client, "/imports/migrations", BamHeader + $"{subscription.CustomerId},{subscription.Id},False,,,,,,\r\n", mode: null);

        using var document = new HtmlParser().ParseDocument(html);
        Assert.StartsWith("All 1 rows were applied", document.QuerySelector("#import-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        var results = document.QuerySelector("#import-summary a")!.GetAttribute("href")!;
        var file = CsvFile.Read(await client.GetByteArrayAsync(new Uri("/" + results, UriKind.Relative)));
        Assert.Equal([subscription.Id.ToString()], file.Column("LegacySubscriptionId"));
        Assert.Equal(["Processing"], file.Column("MigrationStatus"));
    }

    [Fact]
    public async Task The_API_serves_exports_and_imports_to_a_key_and_refuses_without_one()
    {
        var (partner, subscription) = await PartnerWithSubscriptionAsync();
        var reader = await KeyAsync(partner, PortalRoles.HelpdeskAgent);
        var agent = await KeyAsync(partner, PortalRoles.SalesAgent);
        using var client = factory.CreateClient();
        var upload = BamHeader + $"{subscription.CustomerId},{subscription.Id},False,P1M,Monthly,,,,\r\n";

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

    private async Task<(TestPartner Partner, LegacySubscription Subscription)> PartnerWithSubscriptionAsync()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var end = TermDates.EndInstant(TermDates.UtcDate(now).AddMonths(5));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var mpnId = await db.Partners.Where(p => p.TenantId == partner.TenantId).Select(p => p.MpnId).SingleAsync();
        var subscription = LegacySubscription.Create(
            Guid.NewGuid(), partner.Customers[0].TenantId, DemoCatalog.BusinessStandard.Id, "Business Standard", 10, TermDuration.P1Y, BillingCycle.Annual,
            end.AddYears(-1).AddSeconds(1), end, now.AddYears(-2), mpnId);
        db.LegacySubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return (partner, subscription);
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

    /// <summary>Posts the page's upload form as a browser would: its hidden fields (antiforgery, form name), the mode and the file.</summary>
    private static async Task<string> PostFileAsync(HttpClient client, string page, string csv, string? mode)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        using var content = new MultipartFormDataContent();
        foreach (var hidden in document.QuerySelectorAll("#import-form input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        if (mode is not null)
        {
            content.Add(new StringContent(mode), "mode");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "upload.csv");
        using var response = await client.PostAsync(new Uri(page, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
