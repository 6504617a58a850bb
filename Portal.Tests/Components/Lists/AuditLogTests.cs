using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Audit;
using Portal.Components.Pages.Audit;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Lists;

/// <summary>The audit log in a circuit: the partner's own entries, newest first, paged by the database.</summary>
public class AuditLogTests(PortalFactory factory) : ListPageContext(factory)
{
    private async Task RecordAsync(Guid partnerTenantId, int count, string action = "Tested")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        for (var i = 1; i <= count; i++)
        {
            await log.RecordAsync(partnerTenantId, "tester@test.example", action, $"target {i}", cancellationToken: Xunit.TestContext.Current.CancellationToken);
        }
    }

    private static List<string> Targets(IRenderedComponent<AuditLogPage> page) =>
        [.. page.FindAll("#audit-log tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task A_new_partner_has_nothing_recorded()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, PortalRoles.GlobalAdmin);

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal("Nothing recorded yet.", page.Find("#no-audit-entries").TextContent));
    }

    [Fact]
    public async Task One_entry_shows_who_did_what_on_what()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        await RecordAsync(partner.TenantId, 1, "UserAdded");
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(["target 1"], Targets(page)));
        Assert.Equal(["tester@test.example", "UserAdded"], page.FindAll("#audit-log tbody tr td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Many_entries_are_newest_first_and_paged_with_the_page_in_the_address()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        await RecordAsync(partner.TenantId, 30);
        await RecordAsync(other.TenantId, 3, "Theirs");
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        GoTo("/audit?size=25");

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(25, Targets(page).Count));
        Assert.Equal("target 30", Targets(page)[0]);
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(["target 5", "target 4", "target 3", "target 2", "target 1"], Targets(page)));
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirs", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_log_writes_nothing_to_the_address_and_the_next_page_is_written()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        await RecordAsync(partner.TenantId, AuditLog.DefaultPageSize + 1);
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        GoTo("/audit");

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(AuditLog.DefaultPageSize, Targets(page).Count));
        AssertAddressUntouched("/audit");
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(["target 1"], Targets(page)));
        Assert.EndsWith("/audit?page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.SalesAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task A_role_without_the_audit_policy_is_not_authorized(string role)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, role);

        var route = RenderRoute<AuditLogPage>();

        Assert.NotNull(route.Find("#not-authorized"));
        Assert.Empty(route.FindAll("#audit-log"));
    }
}
