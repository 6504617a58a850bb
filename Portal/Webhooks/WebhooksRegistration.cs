using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Accounts;
using Portal.Notifications;

namespace Portal.Webhooks;

/// <summary>Webhooks (registration, outbox, dispatcher) and portal notifications.</summary>
public static class WebhooksRegistration
{
    public static IServiceCollection AddPortalWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.AddHttpClient(WebhookOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan); // each attempt has its own timeout
        services.AddDataProtection();
        services.AddSingleton<WebhookSecrets>();
        services.TryAddSingleton<Operations.WorkerHeartbeats>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookEngineEvents>();
        services.AddSingleton<Engine.IEngineEvents>(sp => sp.GetRequiredService<WebhookEngineEvents>());
        services.AddScoped<WebhookAdministration>();
        services.AddScoped<PortalNotifications>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
