using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Migrations;
using Portal.Migrations.Live;
using Portal.Schedules;
using Portal.Time;

namespace Portal.Engine;

/// <summary>The migration engine: partner clocks, the migration and schedule desks, the commerce backend and the worker.</summary>
public static class EngineRegistration
{
    public static IServiceCollection AddPortalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EngineOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<PartnerClock>();
        services.AddScoped<MigrationDesk>();
        services.AddScoped<ScheduleDesk>();
        services.AddScoped<RenewalCalendarQuery>();
        services.AddScoped<FailedMigrationDesk>();

        // The simulated New Commerce unless another backend (Partner Center over HTTP) is registered.
        services.TryAddSingleton<ICommerceBackend, Simulation.SimulatedNewCommerce>();
        services.AddSingleton<WorkClaims>();
        services.AddSingleton<EnginePass>();
        services.AddMetrics(); // IMeterFactory; idempotent, and already there in a web host
        services.AddSingleton<EngineMetrics>();
        services.TryAddSingleton<Operations.WorkerHeartbeats>();
        services.AddLiveMigrationUpdates(configuration); // pages follow the engine (ADR-026)
        if (options.Worker.Enabled)
        {
            services.AddHostedService<EngineWorker>();
        }
        return services;
    }
}
