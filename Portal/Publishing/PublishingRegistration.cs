namespace Portal.Publishing;

/// <summary>The publisher migration capability: its desk, its runner and the worker that runs due migrations.</summary>
public static class PublishingRegistration
{
    public static IServiceCollection AddPortalPublishing(this IServiceCollection services)
    {
        services.AddScoped<PublisherDesk>();
        services.AddSingleton<PublisherMigrationRunner>();
        services.AddHostedService<PublisherMigrationWorker>();
        return services;
    }
}
