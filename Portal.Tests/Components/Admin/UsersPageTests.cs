using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Admin;
using Portal.Persistence;
using Portal.Tests.Components.Lists;
using Portal.Tests.Components.Subscriptions;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Admin;

/// <summary>
/// The Users page in a circuit (what used to be form posts): the partner's own users paged in the database, adding a
/// user with messages next to the fields, changing a role, disabling after a confirmation, the desk's rules (last
/// Global admin, no role above your own) shown as refusals, and nothing of another partner.
/// </summary>
public class UsersPageTests(PortalFactory factory) : ListPageContext(factory)
{
    private IRenderedComponent<MudDialogProvider>? dialogs;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static List<string> Emails(IRenderedComponent<Users> page) =>
        [.. page.FindAll("#users tbody td[data-email]").Select(td => td.GetAttribute("data-email")!)];

    /// <summary>Signs in as the partner's user with <paramref name="role"/> (their real id, as the desk finds the actor by it) and opens the page.</summary>
    private async Task<IRenderedComponent<Users>> OpenAsync(TestPartner partner, string role = PortalRoles.GlobalAdmin, string address = "admin/users")
    {
        var me = (await Factory.UsersOfAsync(partner.TenantId)).Single(u => u.Email == partner.Email(role));
        var identity = (ClaimsIdentity)SignInAs(partner.TenantId, role, me.DisplayName).Identity!;
        identity.RemoveClaim(identity.FindFirst(ClaimTypes.NameIdentifier));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, me.Id.ToString()));
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        GoTo(address);
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.NotEmpty(Emails(page)));
        return page;
    }

    private static async Task PickRoleAsync(IRenderedComponent<Users> page, Guid userId, string role)
    {
        var row = page.FindComponents<UserRoleChange>().Single(c => c.Instance.User.Id == userId);
        await page.InvokeAsync(() => row.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(role));
        row.Find("button.change-role").Click();
    }

    private static async Task AddAsync(IRenderedComponent<Users> page, string email, string name, string password, string? role = null)
    {
        page.Find("#new-email").Input(email);
        page.Find("#new-name").Input(name);
        page.Find("#new-password").Input(password);
        if (role is not null)
        {
            var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Role");
            await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(role));
        }

        page.Find("#add-user-button").Click();
    }

    private async Task<PartnerUserRow> StoredAsync(Guid partnerTenantId, string email) =>
        (await Factory.UsersOfAsync(partnerTenantId)).Single(u => u.Email == email);

    [Fact]
    public async Task The_page_lists_the_partners_own_users_with_their_roles_and_never_another_partners()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var other = await Factory.CreatePartnerAsync(customers: 0);

        var page = await OpenAsync(partner);

        Assert.Equal(PortalRoles.All.Select(partner.Email).Order(StringComparer.Ordinal), Emails(page).Order(StringComparer.Ordinal));
        Assert.EndsWith("(you)", page.Find($"#users td[data-email='{partner.Email(PortalRoles.GlobalAdmin)}']").TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(PortalRoles.All, role => Assert.DoesNotContain(other.Email(role), page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_users_are_paged_and_sorted_by_the_database_with_the_state_in_the_address()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);

        var page = await OpenAsync(partner, address: "admin/users?sort=EmailDescending&page=2&size=2");

        // By email descending: salesagent, operator | helpdeskagent, globaladmin | adminagent.
        Assert.Equal([partner.Email(PortalRoles.HelpdeskAgent), partner.Email(PortalRoles.GlobalAdmin)], Emails(page));
        Assert.Contains("sort=EmailDescending", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_list_writes_nothing_to_the_address_and_another_sort_is_written()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);

        var page = await OpenAsync(partner);

        AssertAddressUntouched("admin/users");
        page.FindAll("#users th .mud-table-sort-label")[0].Click(); // by name
        page.WaitForAssertion(() => Assert.EndsWith("/admin/users?sort=Name", Navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Global_admin_adds_a_user_who_then_signs_in_and_it_is_audited()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = await OpenAsync(partner);
        var email = $"new-{Guid.NewGuid():N}@test.example";

        await AddAsync(page, email, "Nadia New", "Brand-New-Pass-1", PortalRoles.SalesAgent);

        page.WaitForAssertion(() => Assert.Equal($"{email} can now sign in as {PortalRoles.SalesAgent}.", page.Find("#users-message").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Contains(email, Emails(page)));
        Assert.Equal("", page.Find("#new-email").GetAttribute("value") ?? "");
        page.WaitForAssertion(() => Assert.DoesNotContain("Enter the user's email address.", page.Find("#add-user").TextContent, StringComparison.Ordinal));
        Assert.Equal(PortalRoles.SalesAgent, (await StoredAsync(partner.TenantId, email)).Role);
        using var client = Factory.Browserless();
        using var signedIn = await client.SignInAsync(email, "Brand-New-Pass-1");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditLog
            .AnyAsync(e => e.PartnerTenantId == partner.TenantId && e.Action == "UserAdded" && e.Target.Contains(email), Ct));
    }

    [Theory]
    [InlineData("", "Nadia", "Brand-New-Pass-1", "Enter the user's email address.")]
    [InlineData("not-an-email", "Nadia", "Brand-New-Pass-1", "Enter a valid email address, like name@example.com.")]
    [InlineData("nadia@test.example", "", "Brand-New-Pass-1", "Enter the user's name.")]
    [InlineData("nadia@test.example", "Nadia", "Short-1", "The password needs at least 12 characters.")]
    [InlineData("nadia@test.example", "Nadia", "alllowercase-no-digit", "Passwords must have at least one")]
    public async Task Bad_input_gets_a_message_next_to_the_field_and_nobody_is_added(string email, string name, string password, string message)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = await OpenAsync(partner);

        await AddAsync(page, email, name, password);

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("#add-user").TextContent, StringComparison.Ordinal));
        Assert.Equal(PortalRoles.All.Count, (await Factory.UsersOfAsync(partner.TenantId)).Count);
    }

    [Fact]
    public async Task An_email_already_used_is_refused_next_to_the_email_field()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = await OpenAsync(partner);

        await AddAsync(page, partner.Email(PortalRoles.SalesAgent), "Someone else", "Brand-New-Pass-1");

        page.WaitForAssertion(() => Assert.Contains($"A user with the email {partner.Email(PortalRoles.SalesAgent)} already exists.", page.Find("#add-user").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", page.Find("#users-message").GetAttribute("role"));
        Assert.Equal(PortalRoles.All.Count, (await Factory.UsersOfAsync(partner.TenantId)).Count);
    }

    [Fact]
    public async Task Changing_a_role_is_stored_and_the_last_Global_admin_cannot_step_down()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var helpdesk = await StoredAsync(partner.TenantId, partner.Email(PortalRoles.HelpdeskAgent));
        var admin = await StoredAsync(partner.TenantId, partner.Email(PortalRoles.GlobalAdmin));
        var page = await OpenAsync(partner);

        await PickRoleAsync(page, helpdesk.Id, PortalRoles.AdminAgent);

        page.WaitForAssertion(() => Assert.Equal($"{helpdesk.Email} is now {PortalRoles.AdminAgent}.", page.Find("#users-message").TextContent.Trim()));
        Assert.Equal(PortalRoles.AdminAgent, (await StoredAsync(partner.TenantId, helpdesk.Email)).Role);

        await PickRoleAsync(page, admin.Id, PortalRoles.AdminAgent);

        page.WaitForAssertion(() => Assert.Contains("last active Global admin", page.Find("#users-message").TextContent, StringComparison.Ordinal));
        Assert.Equal(PortalRoles.GlobalAdmin, (await StoredAsync(partner.TenantId, admin.Email)).Role);
        // The row shows the stored role again: nothing left to change.
        page.WaitForAssertion(() => Assert.True(page.FindComponents<UserRoleChange>().Single(c => c.Instance.User.Id == admin.Id).Find("button.change-role").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Disabling_asks_first_then_the_user_cannot_sign_in_until_enabled_again()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var sales = partner.Email(PortalRoles.SalesAgent);
        var page = await OpenAsync(partner);

        page.Find($"button[aria-label='Disable {sales}']").Click();
        Assert.Contains("can no longer sign in", dialogs!.Question(), StringComparison.Ordinal);
        dialogs!.Press("Keep active");
        page.WaitForAssertion(() => Assert.True(dialogs!.Closed()));
        Assert.False((await StoredAsync(partner.TenantId, sales)).IsDisabled);

        page.Find($"button[aria-label='Disable {sales}']").Click();
        dialogs!.Press("Disable");

        page.WaitForAssertion(() => Assert.Equal($"{sales} is disabled.", page.Find("#users-message").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal("Disabled", page.Find($"#users td[data-email='{sales}'] ~ td.user-status").TextContent.Trim()));
        Assert.True((await StoredAsync(partner.TenantId, sales)).IsDisabled);
        using (var client = Factory.Browserless())
        using (var refused = await client.SignInAsync(sales, TestPartner.Password))
        {
            Assert.Contains("This account is disabled.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        page.Find($"button[aria-label='Enable {sales}']").Click();

        page.WaitForAssertion(() => Assert.Equal($"{sales} can sign in again.", page.Find("#users-message").TextContent.Trim()));
        Assert.False((await StoredAsync(partner.TenantId, sales)).IsDisabled);
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task A_role_below_Global_admin_is_not_authorized_and_cannot_change_a_role_in_an_open_circuit_either(string role)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var helpdesk = await StoredAsync(partner.TenantId, partner.Email(PortalRoles.HelpdeskAgent));

        SignInAs(partner.TenantId, role);
        Assert.NotNull(RenderRoute<Users>().Find("#not-authorized"));

        // A page left open after the role changed: the action checks the policy again.
        var page = await OpenAsync(partner, role);
        await PickRoleAsync(page, helpdesk.Id, PortalRoles.GlobalAdmin);

        page.WaitForAssertion(() => Assert.Equal(AdminAccess.Refused.Refusal!.Message, page.Find("#users-message").TextContent.Trim()));
        Assert.Equal(PortalRoles.HelpdeskAgent, (await StoredAsync(partner.TenantId, helpdesk.Email)).Role);
    }
}
