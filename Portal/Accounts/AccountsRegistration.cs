using Microsoft.AspNetCore.Identity;
using Portal.Accounts.Entra;

namespace Portal.Accounts;

public static class AccountsRegistration
{
    /// <summary>Cookie sign-in for the Identity users registered by <c>AddPortalPersistence</c>, and the named policies.</summary>
    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "portal.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddScoped<IUserClaimsPrincipalFactory<PortalUser>, PortalClaimsFactory>();
        services.AddAuthorization(PortalPolicies.Register);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitUser>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitUserHandler>();
        services.AddScoped<CurrentPartner>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<UserAdministration>();
        services.AddPortalEntraSignIn(configuration); // organizational sign-in; off until Entra:ClientId is set (ADR-019)

        // Registered after AddPortalPersistence, so it starts after the schema migration.
        services.AddHostedService<RoleBootstrapper>();
        return services;
    }
}
