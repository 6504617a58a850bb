using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Persistence;

namespace Portal.Tests.Web.Accounts;

public class UserAdministrationTests(PortalFactory factory)
{
    [Fact]
    public async Task The_last_Global_admin_can_neither_be_demoted_nor_disabled()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var (admin, service, scope) = await ActAsAsync(partner, PortalRoles.GlobalAdmin);
        await using var _ = scope;

        var demote = await service.ChangeRoleAsync(admin, admin.Id, PortalRoles.AdminAgent);
        var disable = await service.SetDisabledAsync(admin, admin.Id, true);

        Assert.Equal("LastGlobalAdmin", demote.Refusal?.Code);
        Assert.Equal("LastGlobalAdmin", disable.Refusal?.Code);
        Assert.Equal(PortalRoles.GlobalAdmin, (await factory.UsersOfAsync(partner.TenantId)).Single(u => u.Id == admin.Id).Role);
    }

    [Fact]
    public async Task With_a_second_Global_admin_the_first_may_step_down()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var (admin, service, scope) = await ActAsAsync(partner, PortalRoles.GlobalAdmin);
        await using var _ = scope;
        var agent = (await factory.UsersOfAsync(partner.TenantId)).Single(u => u.Role == PortalRoles.AdminAgent);

        Assert.True((await service.ChangeRoleAsync(admin, agent.Id, PortalRoles.GlobalAdmin)).Succeeded);
        var stepDown = await service.ChangeRoleAsync(admin, admin.Id, PortalRoles.AdminAgent);

        Assert.True(stepDown.Succeeded, stepDown.Refusal?.Message);
    }

    [Fact]
    public async Task A_user_cannot_raise_their_own_role()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var (agent, service, scope) = await ActAsAsync(partner, PortalRoles.AdminAgent);
        await using var _ = scope;

        var raise = await service.ChangeRoleAsync(agent, agent.Id, PortalRoles.GlobalAdmin);

        Assert.Equal("CannotRaiseOwnRole", raise.Refusal?.Code);
    }

    [Fact]
    public async Task Users_of_another_partner_are_not_found()
    {
        var mine = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await factory.CreatePartnerAsync(customers: 0);
        var (admin, service, scope) = await ActAsAsync(mine, PortalRoles.GlobalAdmin);
        await using var _ = scope;
        var victim = (await factory.UsersOfAsync(theirs.TenantId)).Single(u => u.Role == PortalRoles.GlobalAdmin);

        var disable = await service.SetDisabledAsync(admin, victim.Id, true);

        Assert.Equal("NotFound", disable.Refusal?.Code);
        Assert.False((await factory.UsersOfAsync(theirs.TenantId)).Single(u => u.Id == victim.Id).IsDisabled);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var (admin, service, scope) = await ActAsAsync(partner, PortalRoles.GlobalAdmin);
        await using var _ = scope;
        var sales = (await factory.UsersOfAsync(partner.TenantId)).Single(u => u.Role == PortalRoles.SalesAgent);
        Assert.True((await service.SetDisabledAsync(admin, sales.Id, true)).Succeeded);
        using var client = factory.Browserless();

        using var response = await client.SignInAsync(sales.Email, TestPartner.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is disabled.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(PortalUser Actor, UserAdministration Service, AsyncServiceScope Scope)> ActAsAsync(TestPartner partner, string role)
    {
        var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var actor = (await users.FindByEmailAsync(partner.Email(role)))!;
        return (actor, scope.ServiceProvider.GetRequiredService<UserAdministration>(), scope);
    }
}
