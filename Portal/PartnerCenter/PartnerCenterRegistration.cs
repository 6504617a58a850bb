using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.Distributed;
using Portal.Accounts.Entra;
using Portal.Engine;

namespace Portal.PartnerCenter;

/// <summary>The Partner Center client: options, the token source (Identity.Web), the published limits and the HTTP clients with their resilience pipeline.</summary>
public static class PartnerCenterRegistration
{
    /// <summary><c>Simulated</c> (default) or <c>PartnerCenter</c>.</summary>
    public const string BackendSetting = "Commerce:Backend";

    /// <summary>
    /// Needs an <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> for the token cache (the
    /// portal's is in its database) and runs after the Entra sign-in's registration, whose token acquisition it shares.
    /// </summary>
    public static IServiceCollection AddPortalPartnerCenter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartnerCenterOptions>().Bind(configuration.GetSection(PartnerCenterOptions.SectionName));
        services.AddHttpClient(PartnerCenterOptions.HttpClientName).AddPartnerCenterResilience();
        services.AddEntraHttpClient();

        // App-only tokens: the PartnerCenter app registration, as Identity.Web's named application options.
        services.AddOptions<MicrosoftIdentityApplicationOptions>(PartnerCenterTokens.AppOnly)
            .Configure<Microsoft.Extensions.Options.IOptions<PartnerCenterOptions>>((app, partnerCenter) =>
            {
                app.Instance = partnerCenter.Value.Instance;
                app.TenantId = partnerCenter.Value.TenantId;
                app.ClientId = partnerCenter.Value.ClientId;
                app.ClientCredentials = [new CredentialDescription { SourceType = CredentialSource.ClientSecret, ClientSecret = partnerCenter.Value.ClientSecret }];
            });

        // Singleton: the worker asks for tokens outside any request (app+user included, by the user's ids).
        services.AddTokenAcquisition(isTokenAcquisitionSingleton: true);
        services.AddDistributedTokenCaches();
        services.AddSingleton<PartnerCenterTokens>();
        services.AddSingleton<PartnerCenterRateLimits>();
        services.AddSingleton<PartnerCenterClient>();

        // The worker drives the real Partner Center instead of the simulated New Commerce when configured so.
        if (string.Equals(configuration[BackendSetting], "PartnerCenter", StringComparison.OrdinalIgnoreCase))
        {
            services.Replace(ServiceDescriptor.Singleton<ICommerceBackend, PartnerCenterCommerceBackend>());
        }

        return services;
    }
}
