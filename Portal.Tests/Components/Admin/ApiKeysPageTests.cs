using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Components.Pages.Admin;
using ApiKeysPage = Portal.Components.Pages.Admin.ApiKeys;
using Portal.Persistence;
using Portal.Tests.Api;
using Portal.Tests.Components.Lists;
using Portal.Tests.Components.Subscriptions;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Admin;

/// <summary>
/// The API keys page in a circuit (what used to be form posts): a key made is shown once and stored only as a hash,
/// the name is checked with a message naming the field, revoking asks first and the key then answers 401 on the API,
/// and another partner's keys are never shown or changed.
/// </summary>
public class ApiKeysPageTests(PortalFactory factory) : ListPageContext(factory)
{
    private IRenderedComponent<MudDialogProvider>? dialogs;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static List<string> Names(IRenderedComponent<ApiKeysPage> page) =>
        [.. page.FindAll("#api-keys tbody td.key-name").Select(td => td.TextContent.Trim())];

    private IRenderedComponent<ApiKeysPage> Open(Guid partnerTenantId, string address = "admin/api-keys")
    {
        SignInAs(partnerTenantId, PortalRoles.GlobalAdmin, "Gina Global");
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        GoTo(address);
        return Render<ApiKeysPage>();
    }

    private static async Task ChooseRoleAsync(IRenderedComponent<ApiKeysPage> page, string role)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Role");
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(role));
    }

    [Fact]
    public async Task A_partner_without_keys_is_told_so()
    {
        var partner = await Factory.CreateApiPartnerAsync(customers: 0);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys.Where(k => k.PartnerTenantId == partner.TenantId).ExecuteDeleteAsync(Ct);
        }

        var page = Open(partner.TenantId);

        page.WaitForAssertion(() => Assert.Equal("Your organization has no API keys yet.", page.Find("#no-keys").TextContent.Trim()));
    }

    [Fact]
    public async Task A_global_admin_creates_a_key_that_is_shown_once_stored_hashed_audited_and_works_with_its_role()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var page = Open(partner.TenantId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-keys")));

        page.Find("#key-name").Input("billing sync");
        await ChooseRoleAsync(page, PortalRoles.HelpdeskAgent);
        page.Find("#create-key").Click();

        var secret = page.WaitForElement("#issued-secret", TimeSpan.FromSeconds(5)).GetAttribute("value")!;
        Assert.StartsWith("pmp_", secret, StringComparison.Ordinal);
        Assert.Contains("Copy the key now.", page.Find("#issued-key").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["billing sync"], Names(page)));
        Assert.Equal("", page.Find("#key-name").GetAttribute("value") ?? "");
        page.WaitForAssertion(() => Assert.DoesNotContain("Name: give the key a name", page.Find("#create-key-form").TextContent, StringComparison.Ordinal));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.ApiKeys.SingleAsync(k => k.PartnerTenantId == partner.TenantId, Ct);
            Assert.Equal(ApiKeySecret.Hash(secret), stored.SecretHash);
            Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
            Assert.Equal(PortalRoles.HelpdeskAgent, stored.Role);
            Assert.True(await db.AuditLog.AnyAsync(e => e.PartnerTenantId == partner.TenantId && e.Action == "ApiKeyCreated", Ct));
        }

        // Shown once: the page opened again lists the key by its first characters only.
        var again = Render<ApiKeysPage>();
        again.WaitForAssertion(() => Assert.Single(again.FindAll("#api-keys tbody tr")));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
        Assert.Contains(secret[..12], again.Markup, StringComparison.Ordinal);
        Assert.Empty(again.FindAll("#issued-secret"));

        using var api = Factory.ApiClient(secret);
        using var read = await api.GetAsync("/api/v1/customers", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(partner.Customers[0].Name, await read.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var write = await api.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Not allowed", domain = "notallowed.onmicrosoft.com" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Theory]
    [InlineData("", "Name: give the key a name that says what uses it")]
    [InlineData("   ", "Name: give the key a name that says what uses it")]
    public async Task A_name_left_empty_is_refused_next_to_the_field_and_nothing_is_stored(string name, string message)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = Open(partner.TenantId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-keys")));

        page.Find("#key-name").Input(name);
        page.Find("#create-key").Click();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("#create-key-form").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#issued-secret"));
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys.AnyAsync(k => k.PartnerTenantId == partner.TenantId, Ct));
    }

    [Fact]
    public void The_desk_refuses_the_same_names_and_roles_the_page_checks_while_typing()
    {
        Assert.StartsWith("Name: at most 100", ApiKeyDesk.NameProblem(new string('x', 101)), StringComparison.Ordinal);
        Assert.Null(ApiKeyDesk.NameProblem("billing sync"));
        Assert.StartsWith("Role: choose one of", ApiKeyDesk.RoleProblem("Emperor"), StringComparison.Ordinal);
        Assert.Null(ApiKeyDesk.RoleProblem(PortalRoles.SalesAgent));
    }

    [Fact]
    public async Task Revoking_asks_first_and_then_the_key_answers_401_on_the_API()
    {
        var partner = await Factory.CreateApiPartnerAsync();
        var key = partner.Key(PortalRoles.SalesAgent);
        var page = Open(partner.TenantId);
        page.WaitForAssertion(() => Assert.Equal(PortalRoles.All.Count, Names(page).Count));
        var dialogs = this.dialogs!;

        page.Find($"button[aria-label='Revoke the key {PortalRoles.SalesAgent} key']").Click();
        Assert.Contains("will be refused with 401", dialogs.Question(), StringComparison.Ordinal);
        Assert.Contains(key[..12], dialogs.Question(), StringComparison.Ordinal);
        dialogs.Press("Keep it");

        page.WaitForAssertion(() => Assert.True(dialogs.Closed()));
        using (var kept = await Factory.ApiClient(key).GetAsync("/api/v1/customers", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }

        page.Find($"button[aria-label='Revoke the key {PortalRoles.SalesAgent} key']").Click();
        dialogs.Press("Revoke the key");

        page.WaitForAssertion(() => Assert.Equal("The key was revoked; calls with it now answer 401.", page.Find("#keys-message").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.StartsWith("Revoked", page.Find($"#api-keys td[data-prefix='{key[..12]}'] ~ td.key-status").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(page.FindAll($"button[aria-label='Revoke the key {PortalRoles.SalesAgent} key']"));
        using var api = Factory.ApiClient(key);
        using var response = await api.GetAsync("/api/v1/customers", Ct);
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        using var other = await Factory.ApiClient(partner.Key(PortalRoles.AdminAgent)).GetAsync("/api/v1/customers", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Another_partners_keys_are_never_shown_nor_revoked()
    {
        var mine = await Factory.CreateApiPartnerAsync();
        var theirs = await Factory.CreateApiPartnerAsync();
        var page = Open(mine.TenantId);
        page.WaitForAssertion(() => Assert.Equal(PortalRoles.All.Count, Names(page).Count));

        Assert.DoesNotContain(theirs.Key()[..12], page.Markup, StringComparison.Ordinal);
        await using var scope = Factory.Services.CreateAsyncScope();
        var theirKey = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys
            .Where(k => k.PartnerTenantId == theirs.TenantId).Select(k => k.Id).FirstAsync(Ct);
        var refused = await scope.ServiceProvider.GetRequiredService<ApiKeyDesk>().RevokeAsync(mine.TenantId, "Gina Global", theirKey, Ct);
        Assert.Equal("NotFound", refused.Refusal?.Code);
        using var stillWorks = await Factory.ApiClient(theirs.Key()).GetAsync("/api/v1/customers", Ct);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Many_keys_are_paged_and_sorted_by_the_database_with_the_state_in_the_address()
    {
        var partner = await Factory.CreateApiPartnerAsync(customers: 0);

        var page = Open(partner.TenantId, "admin/api-keys?sort=NameDescending&page=2&size=2");

        // Five keys named "<role> key", by name descending: Sales, Operator | Helpdesk, Global | Admin.
        page.WaitForAssertion(() => Assert.Equal([$"{PortalRoles.HelpdeskAgent} key", $"{PortalRoles.GlobalAdmin} key"], Names(page)));
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("sort=NameDescending", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_list_writes_nothing_to_the_address_and_another_sort_is_written()
    {
        var partner = await Factory.CreateApiPartnerAsync(customers: 0);

        var page = Open(partner.TenantId);

        page.WaitForAssertion(() => Assert.Equal(5, Names(page).Count));
        AssertAddressUntouched("admin/api-keys");
        page.FindAll("#api-keys th .mud-table-sort-label")[0].Click(); // by name
        page.WaitForAssertion(() => Assert.EndsWith("/admin/api-keys?sort=Name", Navigation.Uri, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    [InlineData(PortalRoles.Operator)]
    public async Task Only_a_global_admin_may_open_the_page(string role)
    {
        var partner = await Factory.CreateApiPartnerAsync(customers: 0);
        SignInAs(partner.TenantId, role);

        var route = RenderRoute<ApiKeysPage>();

        Assert.NotNull(route.Find("#not-authorized"));
        Assert.DoesNotContain(partner.Key()[..12], route.Markup, StringComparison.Ordinal);
    }
}
