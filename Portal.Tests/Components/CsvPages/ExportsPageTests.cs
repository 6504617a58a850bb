using Bunit;
using Portal.Accounts;
using Portal.Components.Pages.Exports;

namespace Portal.Tests.Components.CsvPages;

/// <summary>The exports page: plain links to the CSV downloads, a batch's results, and the uploads the role may use.</summary>
public class ExportsPageTests : PortalPageContext
{
    [Fact]
    public void Every_export_is_a_plain_download_link_and_a_Helpdesk_agent_sees_no_uploads()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.HelpdeskAgent);

        var cut = Render<ExportsPage>();

        var links = cut.FindAll("#exports a");
        Assert.Equal(["exports/microsoft-led.csv", "exports/subscriptions.csv", "history/export.csv", "exports/offer-matrix.csv"], links.Select(a => a.GetAttribute("href") ?? ""));
        Assert.All(links, a => Assert.True(a.HasAttribute("download")));
        Assert.DoesNotContain(cut.FindAll("a"), a => a.GetAttribute("href")?.StartsWith("imports/", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_Global_admin_sees_every_upload()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.GlobalAdmin);

        var admin = Render<ExportsPage>();

        Assert.Equal(["imports/migrations", "imports/schedules", "imports/offer-matrix"], Uploads(admin));
    }

    [Fact]
    public void A_Sales_agent_sees_the_BAM_uploads_only()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.SalesAgent);

        var agent = Render<ExportsPage>();

        Assert.Equal(["imports/migrations", "imports/schedules"], Uploads(agent));
    }

    [Fact]
    public void Typing_a_batch_id_points_the_download_link_at_that_batchs_results()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.HelpdeskAgent);
        var cut = Render<ExportsPage>();
        Assert.Equal("history/export.csv", cut.Find("#batch-download").GetAttribute("href"));

        cut.Find("#batchId").Input(" csv-42 ");

        cut.WaitForAssertion(() => Assert.Equal("history/export.csv?batchId=csv-42", cut.Find("#batch-download").GetAttribute("href")));
    }

    private static string[] Uploads(IRenderedComponent<ExportsPage> cut) =>
        [.. cut.FindAll("a").Select(a => a.GetAttribute("href") ?? "").Where(h => h.StartsWith("imports/", StringComparison.Ordinal))];
}
