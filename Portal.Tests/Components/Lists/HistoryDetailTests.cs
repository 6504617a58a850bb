using Bunit;
using Portal.Accounts;
using Portal.Components.Pages.History;
using Portal.Domain.Migrations;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Lists;

/// <summary>One migration of the history in a circuit: its properties, members and Migration Activity events.</summary>
public class HistoryDetailTests(PortalFactory factory) : ListPageContext(factory)
{
    private static readonly DateTimeOffset Day = new(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<HistoryDetailPage> RenderMigration(Guid migrationId)
    {
        var page = Render<HistoryDetailPage>(p => p.Add(x => x.MigrationId, migrationId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    [Fact]
    public async Task A_completed_migration_shows_its_status_members_and_every_event()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var migration = await Factory.AddMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.Completed, Day);
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);

        var page = RenderMigration(migration.Id);

        Assert.Equal("Completed (Completed)", page.Find("#migration-status").TextContent);
        Assert.Single(page.FindAll("#migration-members tbody tr"));
        Assert.Equal("Open", page.Find("#migration-members tbody tr td:last-child a").TextContent);
        Assert.Equal(
            ["MigrationStarted", "NewCommerceSubscriptionCreated", "NewCommerceSubscriptionProvisioned", "MigrationCompleted"],
            page.FindAll("#migration-activity tr[data-event]").Select(r => r.GetAttribute("data-event")));
    }

    [Fact]
    public async Task A_failed_migration_shows_its_error_and_no_new_commerce_subscription()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var migration = await Factory.AddMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacyActive, Day);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = RenderMigration(migration.Id);

        Assert.Equal("Failed (FailedLegacyActive)", page.Find("#migration-status").TextContent);
        Assert.Equal("900013: Simulated failure for a test.", page.Find("#migration-error").TextContent);
        Assert.Equal("–", page.Find("#migration-members tbody tr td:last-child").TextContent.Trim());
        Assert.Single(page.FindAll("#migration-activity tr[data-event=MigrationFailed]"));
    }

    [Fact]
    public async Task Another_partners_migration_shows_the_not_found_page()
    {
        var mine = await Factory.CreatePartnerAsync(customers: 1);
        var theirs = await Factory.CreatePartnerAsync(customers: 1);
        var migration = await Factory.AddMigrationAsync(theirs.Customers[0].TenantId, MigrationPhase.Completed, Day);
        SignInAs(mine.TenantId, PortalRoles.GlobalAdmin);

        var page = RenderMigration(migration.Id);

        Assert.Equal("Page not found", page.Find("h1").TextContent);
        Assert.Empty(page.FindAll("#migration-status"));
    }

    [Fact]
    public void Nobody_signed_in_is_not_authorized()
    {
        var route = RenderRoute<HistoryDetailPage>(new Dictionary<string, object?> { ["MigrationId"] = Guid.NewGuid() });

        Assert.NotNull(route.Find("#not-authorized"));
    }
}
