using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Engine;
using Portal.Persistence;
using Portal.Webhooks;

namespace Portal.Operations;

/// <summary><c>Health</c> configuration: how old a worker's last heartbeat may be before the instance is not ready.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>The engine worker beats at every pass (every <c>Engine:Worker:PollInterval</c>, 2 s by default).</summary>
    public TimeSpan EngineHeartbeatMaxAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The webhook dispatcher beats at every round (every <c>Webhooks:PollInterval</c>).</summary>
    public TimeSpan WebhookHeartbeatMaxAge { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database is reachable and fully migrated,
/// the engine worker's heartbeat is recent, the webhook dispatcher is alive), anonymous, answering only the status
/// (<c>Healthy</c> 200, <c>Unhealthy</c> 503): no names, messages or data (ADR-021). A worker turned off in this
/// instance's configuration is not checked.
/// </summary>
public static class PortalHealth
{
    public const string PathPrefix = "/health";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        services.TryAddSingleton<WorkerHeartbeats>();
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        if (EngineOptions.From(configuration).Worker.Enabled)
        {
            checks.Add(new HealthCheckRegistration("engine-worker", sp => new HeartbeatHealthCheck(
                sp.GetRequiredService<WorkerHeartbeats>(), WorkerHeartbeats.Engine, options.EngineHeartbeatMaxAge, sp.GetRequiredService<TimeProvider>()),
                failureStatus: null, tags: [ReadyTag]));
        }

        if (configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>()?.DispatcherEnabled ?? new WebhookOptions().DispatcherEnabled)
        {
            checks.Add(new HealthCheckRegistration("webhook-dispatcher", sp => new HeartbeatHealthCheck(
                sp.GetRequiredService<WorkerHeartbeats>(), WorkerHeartbeats.Webhooks, options.WebhookHeartbeatMaxAge, sp.GetRequiredService<TimeProvider>()),
                failureStatus: null, tags: [ReadyTag]));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks($"{PathPrefix}/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks($"{PathPrefix}/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}

/// <summary>Ready when the database answers and has every schema migration this build knows applied.</summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            return pending.Any()
                ? HealthCheckResult.Unhealthy("The database schema is not migrated to this version.")
                : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", e);
        }
    }
}

/// <summary>Ready when <paramref name="worker"/> beat at most <paramref name="maxAge"/> ago.</summary>
public sealed class HeartbeatHealthCheck(WorkerHeartbeats heartbeats, string worker, TimeSpan maxAge, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(heartbeats.LastBeat(worker) switch
        {
            null => HealthCheckResult.Unhealthy($"The {worker} has not run yet."),
            var at when time.GetUtcNow() - at > maxAge => HealthCheckResult.Unhealthy($"The {worker} last ran at {at:O}, longer ago than {maxAge}."),
            _ => HealthCheckResult.Healthy(),
        });
}
