using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Portal.Accounts;

namespace Portal.Tests.Components;

/// <summary>
/// A bUnit context for the portal's components and pages: MudBlazor's services, loose JS interop (MudBlazor calls
/// its own script), the portal's real authorization policies, and a signed-in user chosen by the test.
/// Pages that read the database get the real app's services of a running <c>PortalFactory</c> through
/// <see cref="UseApp"/>, so a page test sees exactly what the page shows a partner.
/// </summary>
public class PortalPageContext : BunitContext
{
    private readonly CircuitUser _user = new();
    private AsyncServiceScope? _appScope;

    public PortalPageContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // bUnit registers placeholders; the portal's real policies replace them.
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();
        Services.AddAuthorizationCore(PortalPolicies.Register);
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(new UserState(_user));
        Services.AddSingleton(_user);
        Services.AddSingleton<Microsoft.AspNetCore.Http.IHttpContextAccessor>(new Microsoft.AspNetCore.Http.HttpContextAccessor());
        Services.AddScoped<CurrentPartner>();
    }

    /// <summary>The principal the components see (anonymous until <see cref="SignInAs"/>).</summary>
    public ClaimsPrincipal User => _user.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    /// <summary>Signs in a user of <paramref name="partnerTenantId"/> with <paramref name="role"/>, as the portal's claims factory would.</summary>
    public ClaimsPrincipal SignInAs(Guid partnerTenantId, string role, string displayName = "Test user", string timeZoneId = "UTC")
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Name, displayName),
            new Claim(PortalClaims.DisplayName, displayName),
            new Claim(PortalClaims.PartnerTenantId, partnerTenantId.ToString()),
            new Claim(PortalClaims.TimeZone, timeZoneId),
            new Claim(ClaimTypes.Role, role),
        ], "Test", ClaimTypes.Name, ClaimTypes.Role));
        _user.User = principal;
        if (_appScope is { } scope)
        {
            scope.ServiceProvider.GetRequiredService<CircuitUser>().User = principal;
        }

        return principal;
    }

    /// <summary>
    /// Asserts that the address is still <paramref name="address"/>, reached by the test's one navigation and replaced by
    /// none: what a list opened at its default state leaves, so that a link clicked during its first load is not undone
    /// by a write of the list's state landing after it.
    /// </summary>
    public void AssertAddressUntouched(string address)
    {
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        var expected = navigation.ToAbsoluteUri(address).ToString();
        Assert.Equal(expected, navigation.Uri);
        var only = Assert.Single(navigation.History);
        Assert.Equal(expected, navigation.ToAbsoluteUri(only.Uri).ToString());
        Assert.False(only.Options.ReplaceHistoryEntry);
    }

    /// <summary>
    /// Resolves what the test did not register from a scope of the real app (<paramref name="appServices"/>, e.g. a
    /// <c>PortalFactory</c>'s services): desks, queries and the database, scoped like one circuit.
    /// </summary>
    public void UseApp(IServiceProvider appServices)
    {
        var scope = appServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CircuitUser>().User = _user.User;
        _appScope = scope;
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_appScope is { } scope)
        {
            await scope.DisposeAsync();
        }
    }

    private sealed class UserState(CircuitUser user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(user.User ?? new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
