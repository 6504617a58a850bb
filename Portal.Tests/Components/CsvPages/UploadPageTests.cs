using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Imports;
using Portal.Csv;
using Portal.Csv.Uploads;
using Portal.Demo;
using Portal.Persistence;
using Portal.Tests.Csv;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.CsvPages;

/// <summary>
/// The upload pages in the circuit: a file chosen with MudFileUpload goes to the same import code as the API; all or
/// nothing by default, a report naming line and column of each wrong row, and the size refused before parsing.
/// </summary>
public class UploadPageTests(PortalFactory factory) : PortalPageContext
{
    private IRenderedComponent<TPage> RenderPage<TPage>(TestPartner partner, string role, string uri)
        where TPage : class, IComponent
    {
        UseApp(factory.Services);
        SignInAs(partner.TenantId, role, partner.Email(role));
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<TPage>();
    }

    private static void Upload<TPage>(IRenderedComponent<TPage> cut, InputFileContent file, ImportMode? mode = null)
        where TPage : class, IComponent
    {
        cut.FindComponent<InputFile>().UploadFiles(file);
        cut.WaitForAssertion(() => Assert.DoesNotContain("No file chosen.", cut.Find("#chosen-file").TextContent, StringComparison.Ordinal));
        if (mode is { } chosen)
        {
            cut.InvokeAsync(() => cut.FindComponent<MudRadioGroup<ImportMode>>().Instance.ValueChanged.InvokeAsync(chosen)).GetAwaiter().GetResult();
        }

        cut.Find("button#upload").Click();
    }

    private async Task<string?> SkuOfBusinessBasicAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var offer = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().LegacyOffers.AsNoTracking().SingleAsync(o => o.Id == DemoCatalog.BusinessBasic.Id, Xunit.TestContext.Current.CancellationToken);
        return offer.Mapping?.SkuId;
    }

    [Fact]
    public async Task The_offer_matrix_page_reports_each_wrong_row_by_line_and_applies_nothing()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var before = await SkuOfBusinessBasicAsync();
        var unknown = Guid.NewGuid();
        var file = "LegacyOfferId,NceProductId,NceSkuId,MigrationEnabled\r\n"
            + $"{DemoCatalog.BusinessBasic.Id},CFQ7TTC0LH18,0002,True\r\n"
            + $"{unknown},CFQ7TTC0LH18,0001,True\r\n";
        var cut = RenderPage<OfferMatrixImportPage>(partner, PortalRoles.GlobalAdmin, "imports/offer-matrix");

        Upload(cut, InputFileContent.CreateFromText(file, "matrix.csv", contentType: "text/csv"));

        cut.WaitForAssertion(() => Assert.Equal(
            "Nothing was applied: 1 of 2 rows have errors. Correct them and upload the file again, or choose partial import.",
            cut.Find("#import-summary").TextContent.Trim()));
        Assert.Contains($"Offer {unknown} was not found in the legacy catalog.", cut.Find("tr[data-line='3']").TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await SkuOfBusinessBasicAsync());
    }

    [Fact]
    public async Task Checking_only_reports_a_valid_file_and_applies_nothing()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var before = await SkuOfBusinessBasicAsync();
        var file = "LegacyOfferId,NceProductId,NceSkuId,MigrationEnabled\r\n" + $"{DemoCatalog.BusinessBasic.Id},CFQ7TTC0LH18,0002,True\r\n";
        var cut = RenderPage<OfferMatrixImportPage>(partner, PortalRoles.GlobalAdmin, "imports/offer-matrix");

        Upload(cut, InputFileContent.CreateFromText(file, "matrix.csv"), ImportMode.ValidateOnly);

        cut.WaitForAssertion(() => Assert.Contains("All 1 rows are valid. Nothing was applied (check only).", cut.Find("#import-summary").TextContent, StringComparison.Ordinal));
        Assert.Equal(before, await SkuOfBusinessBasicAsync());
    }

    [Fact]
    public async Task Uploading_without_a_file_names_the_file_field()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var cut = RenderPage<OfferMatrixImportPage>(partner, PortalRoles.GlobalAdmin, "imports/offer-matrix");

        cut.Find("button#upload").Click();

        cut.WaitForAssertion(() => Assert.Equal("File: choose a CSV file to upload.", cut.Find("#import-summary").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#import-rows"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_parsed_and_nothing_is_stored()
    {
        var (partner, subscription) = await CsvTestData.PartnerWithSubscriptionAsync(factory);
        var row = $"{subscription.CustomerId},{subscription.Id},False,,,,,,\r\n";
        var big = CsvTestData.BamHeader + row + new string('x', (int)CsvUpload.MaxBytes);
        var cut = RenderPage<BamImportPage>(partner, PortalRoles.SalesAgent, "imports/migrations");

        Upload(cut, InputFileContent.CreateFromText(big, "big.csv"));

        cut.WaitForAssertion(() => Assert.Equal("File: " + CsvUpload.TooLarge(), cut.Find("#import-summary").TextContent.Trim()));
        Assert.Equal(0, await MigrationsOfAsync(subscription.CustomerId));
    }

    [Fact]
    public async Task A_BAM_upload_with_one_wrong_row_names_line_and_column_and_migrates_nothing()
    {
        var (partner, subscription) = await CsvTestData.PartnerWithSubscriptionAsync(factory);
        var missing = Guid.NewGuid();
        var file = CsvTestData.BamHeader + $"{subscription.CustomerId},{subscription.Id},False,,,,,,\r\n" + $"{subscription.CustomerId},{missing},False,,,,,,\r\n";
        var cut = RenderPage<BamImportPage>(partner, PortalRoles.SalesAgent, "imports/migrations");
        Assert.Equal("Migrate from a BAM file", cut.Find("h1").TextContent.Trim());

        Upload(cut, InputFileContent.CreateFromText(file, "bam.csv"));

        cut.WaitForAssertion(() => Assert.StartsWith("Nothing was applied: 1 of 2 rows have errors.", cut.Find("#import-summary").TextContent.Trim(), StringComparison.Ordinal));
        var wrong = cut.Find("tr[data-line='3']");
        Assert.Equal("LegacySubscriptionId", wrong.QuerySelector("strong")!.TextContent);
        Assert.Contains($"Subscription {missing} was not found", wrong.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await MigrationsOfAsync(subscription.CustomerId));
    }

    [Fact]
    public async Task A_BAM_upload_from_the_page_migrates_and_links_to_its_batch_results()
    {
        var (partner, subscription) = await CsvTestData.PartnerWithSubscriptionAsync(factory);
        var cut = RenderPage<BamImportPage>(partner, PortalRoles.SalesAgent, "imports/migrations");

        Upload(cut, InputFileContent.CreateFromText(CsvTestData.BamHeader + $"{subscription.CustomerId},{subscription.Id},False,,,,,,\r\n", "bam.csv"));

        cut.WaitForAssertion(() => Assert.StartsWith("All 1 rows were applied", cut.Find("#import-summary").TextContent.Trim(), StringComparison.Ordinal));
        Assert.StartsWith("history/export.csv?batchId=", cut.Find("#import-summary a").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(1, await MigrationsOfAsync(subscription.CustomerId));
    }

    [Fact]
    public async Task The_schedules_page_asks_for_the_schedule_columns()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);

        var cut = RenderPage<BamImportPage>(partner, PortalRoles.SalesAgent, "imports/schedules");

        Assert.Equal("Schedule from a BAM file", cut.Find("h1").TextContent.Trim());
        Assert.Contains("MigrateOnRenewal", cut.Markup, StringComparison.Ordinal);
    }

    private async Task<int> MigrationsOfAsync(Guid customerId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations.CountAsync(m => m.CustomerId == customerId, Xunit.TestContext.Current.CancellationToken);
    }
}
