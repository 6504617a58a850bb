namespace Portal.Migrations.Live;

/// <summary><c>Engine:LiveUpdates</c>: how often this instance looks for what other instances changed (ADR-026).</summary>
public sealed class LiveUpdateOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);
}

public static class LiveUpdatesRegistration
{
    /// <summary>The per-partner hub of live updates and this instance's poller (idle while nobody is subscribed).</summary>
    public static IServiceCollection AddLiveMigrationUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Engine:LiveUpdates").Get<LiveUpdateOptions>() ?? new LiveUpdateOptions());
        services.AddSingleton<MigrationUpdates>();
        services.AddScoped<MigrationPages>();
        services.AddSingleton<MigrationUpdatesPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<MigrationUpdatesPoller>());
        return services;
    }
}
