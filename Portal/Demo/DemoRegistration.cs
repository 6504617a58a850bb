using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Demo;

public static class DemoRegistration
{
    /// <summary>
    /// The demo seeder as a hosted service. Call after <c>AddPortalPersistence</c>: hosted services start in the order
    /// they are registered, so the schema migrator runs first.
    /// </summary>
    public static IServiceCollection AddPortalDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(DemoOptions.From(configuration));
        services.AddSingleton<ScaleDataGenerator>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddHostedService(provider => provider.GetRequiredService<DemoDataSeeder>());
        return services;
    }
}
