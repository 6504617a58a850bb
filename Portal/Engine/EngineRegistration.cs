using Portal.Migrations;
using Portal.Schedules;
using Portal.Time;

namespace Portal.Engine;

/// <summary>The migration engine: partner clocks, the migration and schedule desks, the commerce backend and the worker.</summary>
public static class EngineRegistration
{
    public static IServiceCollection AddPortalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped<PartnerClock>();
        services.AddScoped<MigrationDesk>();
        services.AddScoped<ScheduleDesk>();
        return services;
    }
}
