using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Portal.Operations;
using Portal.Tests.Web;

namespace Portal.Tests.Operations;

/// <summary>Metrics are exported only when configured: Prometheus at /metrics, or OTLP; off by default, nothing at all (ADR-021).</summary>
public class TelemetryTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task By_default_there_is_no_meter_provider_and_no_metrics_endpoint()
    {
        using var client = new HttpClient { BaseAddress = factory.ServerAddress };
        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_the_prometheus_exporter_metrics_are_scraped_at_metrics_with_http_and_engine_instruments()
    {
        using var portal = new ConfiguredPortal(new Dictionary<string, string> { ["Telemetry:Metrics:Exporter"] = "Prometheus", ["Demo:Enabled"] = "false" });
        using var client = portal.Anonymous();
        using (await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct))
        {
        }

        using var scrape = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        var text = await scrape.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("portal_engine_queue_depth", text, StringComparison.Ordinal);
        Assert.NotNull(portal.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_only_the_otlp_exporter_there_is_a_meter_provider_but_no_scrape_endpoint()
    {
        using var portal = new ConfiguredPortal(new Dictionary<string, string>
        {
            ["Telemetry:Metrics:Exporter"] = "Otlp",
            ["Telemetry:Metrics:OtlpEndpoint"] = "http://127.0.0.1:4317",
            ["Demo:Enabled"] = "false",
        });
        using var client = portal.Anonymous();
        using var scrape = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
        Assert.NotNull(portal.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void An_unknown_exporter_stops_start_up_with_a_message_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Metrics:Exporter"] = "Prometheus,Graphite" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPortalTelemetry(configuration));

        Assert.Equal("Telemetry:Metrics:Exporter: 'graphite' is not an exporter; use None, Prometheus, Otlp or Prometheus,Otlp.", error.Message);
    }
}
