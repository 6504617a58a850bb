namespace Portal.PartnerCenter;

/// <summary>The Partner Center client: options, the token source (MSAL), the limiter and the HTTP clients.</summary>
public static class PartnerCenterRegistration
{
    public static IServiceCollection AddPortalPartnerCenter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartnerCenterOptions>().Bind(configuration.GetSection(PartnerCenterOptions.SectionName));
        services.AddHttpClient(PartnerCenterOptions.HttpClientName);
        services.AddHttpClient(PartnerCenterOptions.TokenHttpClientName);
        services.AddSingleton<PartnerCenterTokens>();
        services.AddSingleton<PartnerCenterRateLimiter>();
        services.AddSingleton<PartnerCenterClient>();
        return services;
    }
}
