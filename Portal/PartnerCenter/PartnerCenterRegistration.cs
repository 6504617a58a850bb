using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Engine;

namespace Portal.PartnerCenter;

/// <summary>The Partner Center client: options, the token source (MSAL), the published limits and the HTTP clients with their resilience pipeline.</summary>
public static class PartnerCenterRegistration
{
    /// <summary><c>Simulated</c> (default) or <c>PartnerCenter</c>.</summary>
    public const string BackendSetting = "Commerce:Backend";

    public static IServiceCollection AddPortalPartnerCenter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartnerCenterOptions>().Bind(configuration.GetSection(PartnerCenterOptions.SectionName));
        services.AddHttpClient(PartnerCenterOptions.HttpClientName).AddPartnerCenterResilience();
        services.AddHttpClient(PartnerCenterOptions.TokenHttpClientName);
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
