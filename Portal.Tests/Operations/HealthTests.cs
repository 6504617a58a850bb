using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Portal.Operations;
using Portal.Persistence;
using Portal.Tests.Persistence;
using Portal.Tests.Web;

namespace Portal.Tests.Operations;

/// <summary>/health/live and /health/ready (ADR-021): anonymous, the status only, not ready without a migrated database or a live worker.</summary>
public class HealthTests(PortalFactory factory, PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_and_ready_answer_anonymously_with_the_status_alone_and_ready_fails_while_the_schema_is_behind()
    {
        using var client = Anonymous();
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync(Ct)));
        Assert.Equal("text/plain", live.Content.Headers.ContentType?.MediaType);
        await WaitForReadyAsync(client, HttpStatusCode.OK, "Healthy");

        // The last schema migration 'not applied': as an instance of a newer build sees an old database.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var history = db.GetService<IHistoryRepository>();
        var last = (await history.GetAppliedMigrationsAsync(Ct))[^1];
        await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(last.MigrationId), Ct);
        try
        {
            await WaitForReadyAsync(client, HttpStatusCode.ServiceUnavailable, "Unhealthy");
            using var stillLive = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(last), Ct);
        }

        await WaitForReadyAsync(client, HttpStatusCode.OK, "Healthy");
    }

    [Theory, OnBothProviders]
    public async Task The_database_check_is_healthy_only_on_a_reachable_fully_migrated_database(DatabaseProvider provider)
    {
        await using var migrated = await TestStore.CreateAsync(provider, postgres);
        await using var empty = await TestStore.CreateEmptyAsync(provider, postgres);
        var unreachable = provider == DatabaseProvider.PostgreSQL
            ? "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=3"
            : $"Data Source={Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "portal.db")};Mode=ReadWrite";

        Assert.Equal(HealthStatus.Healthy, await DatabaseStatusAsync(provider, migrated.ConnectionString));
        Assert.Equal(HealthStatus.Unhealthy, await DatabaseStatusAsync(provider, empty.ConnectionString));
        Assert.Equal(HealthStatus.Unhealthy, await DatabaseStatusAsync(provider, unreachable));
    }

    [Fact]
    public async Task A_worker_is_ready_from_its_first_beat_until_its_last_one_is_older_than_the_allowed_age()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var heartbeats = new WorkerHeartbeats(time);
        var check = new HeartbeatHealthCheck(heartbeats, WorkerHeartbeats.Engine, TimeSpan.FromMinutes(2), time);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        heartbeats.Beat(WorkerHeartbeats.Engine);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        heartbeats.Beat(WorkerHeartbeats.Webhooks); // another worker's beat does not count for this one
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        heartbeats.Beat(WorkerHeartbeats.Engine);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
    }

    [Fact]
    public void Ready_checks_the_workers_this_instance_runs_and_not_those_turned_off()
    {
        static IReadOnlyList<string> ChecksWith(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var services = new ServiceCollection().AddLogging().AddPortalHealth(configuration).BuildServiceProvider();
            return services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).Order().ToList();
        }

        Assert.Equal(["database", "engine-worker", "webhook-dispatcher"], ChecksWith([]));
        Assert.Equal(["database"], ChecksWith(new() { ["Engine:Worker:Enabled"] = "false", ["Webhooks:DispatcherEnabled"] = "false" }));
    }

    private static async Task<HealthStatus> DatabaseStatusAsync(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddPortalPersistence(configuration, Path.GetTempPath()).BuildServiceProvider();
        var check = new DatabaseHealthCheck(services.GetRequiredService<IServiceScopeFactory>());
        return (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status;
    }

    private HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true) { BaseAddress = factory.ServerAddress };

    /// <summary>Ready is computed per request; the dispatcher's first beat may still be a moment away after start-up.</summary>
    private static async Task WaitForReadyAsync(HttpClient client, HttpStatusCode status, string body)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
            var text = await ready.Content.ReadAsStringAsync(Ct);
            if ((ready.StatusCode, text) == (status, body) || DateTime.UtcNow > deadline)
            {
                Assert.Equal((status, body), (ready.StatusCode, text));
                return;
            }

            await Task.Delay(200, Ct);
        }
    }
}
