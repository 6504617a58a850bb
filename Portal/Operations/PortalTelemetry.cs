using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Portal.Engine;

namespace Portal.Operations;

/// <summary><c>Telemetry:Metrics</c>: which exporters (none by default), the scrape path and the OTLP endpoint.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Telemetry:Metrics";

    /// <summary><c>None</c> (default), <c>Prometheus</c>, <c>Otlp</c>, or both separated by a comma.</summary>
    public string Exporter { get; set; } = "None";

    /// <summary>Where Prometheus scrapes, when the Prometheus exporter is on.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>The OTLP collector (e.g. http://collector:4317); unset, the exporter reads <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or its default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public bool Prometheus => Exporters.Contains("prometheus");

    public bool Otlp => Exporters.Contains("otlp");

    public IReadOnlySet<string> Exporters =>
        Exporter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.ToLowerInvariant())
            .Where(e => e != "none")
            .ToHashSet();
}

/// <summary>
/// OpenTelemetry metrics (ADR-021): the engine's meter (<see cref="EngineMetrics"/>) and ASP.NET Core's own HTTP and
/// Kestrel meters, exported in Prometheus format at <see cref="MetricsOptions.PrometheusPath"/> and/or over OTLP. Off by
/// default: then no OpenTelemetry service, listener or endpoint exists at all, and the instruments record into nothing.
/// </summary>
public static class PortalTelemetry
{
    /// <summary>ASP.NET Core's built-in meters: request durations and active requests, connections, rate limiting.</summary>
    public static readonly string[] HttpMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing"];

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Read(configuration);
        var unknown = options.Exporters.Except(["prometheus", "otlp"]).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{MetricsOptions.Section}:Exporter: '{string.Join(", ", unknown)}' is not an exporter; use None, Prometheus, Otlp or Prometheus,Otlp.");
        }

        services.AddSingleton(options);
        if (options.Exporters.Count == 0)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("partner-migration-portal"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineMetrics.MeterName).AddMeter(HttpMeters);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.Otlp)
                {
                    metrics.AddOtlpExporter(otlp =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                        {
                            otlp.Endpoint = endpoint;
                        }
                    });
                }
            });
        return services;
    }

    /// <summary>The Prometheus scrape endpoint, only when that exporter is configured.</summary>
    public static IEndpointRouteBuilder MapPortalTelemetry(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<MetricsOptions>();
        if (options.Exporters.Count > 0)
        {
            // The engine's instruments exist from start-up, so the first scrape or export lists them (at zero).
            endpoints.ServiceProvider.GetRequiredService<EngineMetrics>();
        }

        if (options.Prometheus)
        {
            endpoints.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }

        return endpoints;
    }

    private static MetricsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
}
