using Bunit;
using Portal.Accounts;
using Portal.Components.Pages.History;
using Portal.Domain.Migrations;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Lists;

/// <summary>The migration history in a circuit: filtered, sorted and paged by the database, the filters kept in the address.</summary>
public class HistoryListTests(PortalFactory factory) : ListPageContext(factory)
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static List<string> Column(IRenderedComponent<HistoryList> page, int column) =>
        [.. page.FindAll($"#history tbody tr td:nth-child({column})").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task A_partner_without_migrations_is_told_none_match()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);

        var page = Render<HistoryList>();

        page.WaitForAssertion(() => Assert.Equal("No migrations match.", page.Find("#no-migrations").TextContent));
        Assert.Equal("history/export.csv", page.Find("#history-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task One_migration_shows_its_status_phase_and_a_link_to_its_events()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var migration = await Factory.AddMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.Completed, Day);
        SignInAs(partner.TenantId, PortalRoles.GlobalAdmin);

        var page = Render<HistoryList>();

        page.WaitForAssertion(() => Assert.Equal(["Completed"], Column(page, 4)));
        Assert.Equal([partner.Customers[0].Name], Column(page, 2));
        Assert.Equal(["Completed"], Column(page, 5));
        Assert.Equal($"history/{migration.Id}", page.Find("#history tbody tr td:nth-child(8) a").GetAttribute("href"));
    }

    [Fact]
    public async Task Many_migrations_are_newest_first_with_nothing_written_to_the_address_and_the_requested_header_writes_oldest_first()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        await Factory.AddMigrationAsync(customer, MigrationPhase.Completed, Day);
        await Factory.AddMigrationAsync(customer, MigrationPhase.FailedLegacyActive, Day.AddDays(1));
        await Factory.AddMigrationAsync(customer, MigrationPhase.Requested, Day.AddDays(2));
        SignInAs(partner.TenantId, PortalRoles.AdminAgent, timeZoneId: "UTC");
        GoTo("/history");

        var page = Render<HistoryList>();

        page.WaitForAssertion(() => Assert.Equal(["Processing", "Failed", "Completed"], Column(page, 4)));
        AssertAddressUntouched("/history"); // the default state: a link clicked during the first load is not undone
        page.FindAll("th .mud-table-sort-label")[0].Click(); // newest first is descending: now ascending
        page.WaitForAssertion(() => Assert.Equal(["Completed", "Failed", "Processing"], Column(page, 4)));
        Assert.EndsWith("/history?sort=Oldest", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_in_the_address_filters_in_the_database_and_the_csv_link_keeps_it()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        await Factory.AddMigrationAsync(customer, MigrationPhase.Completed, Day);
        await Factory.AddMigrationAsync(customer, MigrationPhase.FailedLegacyActive, Day.AddDays(1));
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        GoTo("/history?status=Failed");

        var page = Render<HistoryList>();

        page.WaitForAssertion(() => Assert.Equal(["Failed"], Column(page, 4)));
        Assert.Equal(["FailedLegacyActive"], Column(page, 5));
        Assert.StartsWith("history/export.csv?status=Failed", page.Find("#history-csv").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filtering_by_batch_writes_the_filter_to_the_address_and_shows_the_batch_only()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        await Factory.AddMigrationAsync(customer, MigrationPhase.Completed, Day, batch: "batch-7");
        await Factory.AddMigrationAsync(customer, MigrationPhase.Completed, Day.AddHours(1));
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        var page = Render<HistoryList>();
        page.WaitForAssertion(() => Assert.Equal(2, Column(page, 4).Count));

        page.Find("#batch").Change("batch-7");
        page.Find("#filter-button").Click();

        page.WaitForAssertion(() => Assert.Equal(["batch-7"], Column(page, 7)));
        Assert.Contains("batch=batch-7", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_migrations_never_show()
    {
        var mine = await Factory.CreatePartnerAsync(customers: 1);
        var theirs = await Factory.CreatePartnerAsync(customers: 1);
        await Factory.AddMigrationAsync(theirs.Customers[0].TenantId, MigrationPhase.Completed, Day);
        SignInAs(mine.TenantId, PortalRoles.GlobalAdmin);

        var page = Render<HistoryList>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-migrations")));
    }

    [Theory]
    [InlineData(PortalRoles.SalesAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task A_role_without_the_audit_policy_is_not_authorized(string role)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, role);

        var route = RenderRoute<HistoryList>();

        Assert.NotNull(route.Find("#not-authorized"));
        Assert.Empty(route.FindAll("#history"));
    }
}
