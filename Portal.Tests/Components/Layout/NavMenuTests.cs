using Bunit;
using Portal.Accounts;
using Portal.Components.Layout;

namespace Portal.Tests.Components.Layout;

/// <summary>The drawer's navigation under the portal's real policies: each role sees exactly the workspaces it may open.</summary>
public class NavMenuTests : PortalPageContext
{
    private static string[] Links(IRenderedComponent<NavMenu> menu) =>
        [.. menu.FindAll("a").Select(a => a.TextContent.Trim())];

    [Fact]
    public void A_global_admin_sees_every_workspace_with_the_administration_pages()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.GlobalAdmin);

        var menu = Render<NavMenu>();

        Assert.Equal(["Home", "Customers", "Bulk migration", "Migration history", "CSV exports and imports", "Migration rules",
            "Schedules", "Renewal calendar", "Publisher migration", "Audit log", "Users", "API keys", "Webhooks"], Links(menu));
        Assert.Contains("Admin", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_agent_sees_history_and_the_audit_log_but_no_user_or_key_administration()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.AdminAgent);

        var links = Links(Render<NavMenu>());

        Assert.Contains("Migration history", links);
        Assert.Contains("Audit log", links);
        Assert.DoesNotContain("Users", links);
        Assert.DoesNotContain("API keys", links);
    }

    [Fact]
    public void A_helpdesk_agent_reads_but_cannot_start_migrations_or_open_the_calendar()
    {
        SignInAs(Guid.NewGuid(), PortalRoles.HelpdeskAgent);

        var links = Links(Render<NavMenu>());

        Assert.Contains("Customers", links);
        Assert.Contains("Schedules", links);
        Assert.DoesNotContain("Bulk migration", links);
        Assert.DoesNotContain("Renewal calendar", links);
        Assert.DoesNotContain("Migration history", links);
    }

    [Fact]
    public void Nobody_signed_in_sees_home_and_the_public_rules_only()
    {
        var menu = Render<NavMenu>();

        Assert.Equal(["Home", "Migration rules"], Links(menu));
        Assert.DoesNotContain("Admin", menu.Markup, StringComparison.Ordinal);
    }
}
