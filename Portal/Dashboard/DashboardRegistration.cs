using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Engine;

namespace Portal.Dashboard;

public static class DashboardRegistration
{
    /// <summary>
    /// The stored eligibility figures and their background pass (ADR-022). Call after <c>AddPortalEngine</c>: the pass
    /// runs wherever the engine worker runs unless <c>Dashboard:Figures:WorkerEnabled</c> says otherwise.
    /// </summary>
    public static IServiceCollection AddPortalDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EligibilityFiguresOptions.From(configuration);
        services.AddSingleton(options);
        services.TryAddScoped<EligibilityFigureStore>();
        services.AddScoped<DashboardTrends>();
        services.AddSingleton<EligibilityFiguresWorker>();
        if (options.WorkerEnabled ?? EngineOptions.From(configuration).Worker.Enabled)
        {
            services.AddHostedService(provider => provider.GetRequiredService<EligibilityFiguresWorker>());
        }

        return services;
    }
}
