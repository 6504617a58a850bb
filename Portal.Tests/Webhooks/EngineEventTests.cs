using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Portal.Audit;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Migrations;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;
using Portal.Webhooks;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Webhooks;

/// <summary>
/// The engine's events, as the real engine raises them (migration desk and worker passes over the simulated New
/// Commerce), reach a local receiver as signed webhooks, and failures become portal notifications.
/// </summary>
public sealed class EngineEventTests(PostgresServer postgres) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    [Theory, OnBothProviders]
    public async Task A_failed_migration_sends_created_then_failed_webhooks_and_leaves_a_notification(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var secret = await RegisterAsync(host, WebhookEventTypes.MigrationCreated, WebhookEventTypes.MigrationFailed);

        var created = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", "FAIL-ACTIVE-1"), Ct));
        var id = created.Value!.Id;
        await host.Singleton<WebhookDispatcher>().RunOnceAsync(Ct);
        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        await host.Singleton<WebhookDispatcher>().RunOnceAsync(Ct);

        Assert.Equal([WebhookEventTypes.MigrationCreated, WebhookEventTypes.MigrationFailed], _receiver.Received.Select(r => r.EventType));
        Assert.All(_receiver.Received, r => Assert.True(WebhookSignature.Verify(secret, r.Timestamp, r.Signature, r.Body, host.Time.Now, TimeSpan.FromMinutes(5))));
        using var failed = JsonDocument.Parse(_receiver.Received.Last().Body);
        var data = failed.RootElement.GetProperty("data");
        Assert.Equal(id, data.GetProperty("migrationId").GetGuid());
        Assert.Equal("Failed", data.GetProperty("status").GetString());
        Assert.Equal(A.CustomerTenantId, data.GetProperty("customerTenantId").GetGuid());
        Assert.Equal(subscription.Id, data.GetProperty("members")[0].GetProperty("currentSubscriptionId").GetGuid());

        await using var db = host.Store.NewContext();
        var notification = await db.Notifications.SingleAsync(Ct);
        Assert.Equal((A.PartnerTenantId, PortalNotification.MigrationFailedKind), (notification.PartnerTenantId, notification.Kind));
        Assert.Contains(subscription.Id.ToString(), notification.Message, StringComparison.Ordinal);
        Assert.Contains("retry the migration", notification.Message, StringComparison.Ordinal);
        Assert.Contains(subscription.FriendlyName, notification.Message, StringComparison.Ordinal);
        Assert.Equal($"migrations/{id}", notification.Link);
    }

    [Theory, OnBothProviders]
    public async Task A_completed_migration_sends_only_the_events_a_webhook_picked_and_no_notification(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        await RegisterAsync(host, WebhookEventTypes.MigrationCompleted);

        await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", null), Ct));
        await host.PassAfterAsync(TimeSpan.FromHours(1));
        await host.Singleton<WebhookDispatcher>().RunOnceAsync(Ct);

        var received = Assert.Single(_receiver.Received);
        Assert.Equal(WebhookEventTypes.MigrationCompleted, received.EventType);
        await using var db = host.Store.NewContext();
        Assert.Equal(0, await db.Notifications.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_migration_refused_by_the_desk_queues_nothing(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        await RegisterAsync(host, WebhookEventTypes.MigrationCreated);

        var answer = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(Guid.NewGuid()), new MigrationOrigin("ana", null), Ct));

        Assert.False(answer.IsDone);
        await using var db = host.Store.NewContext();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_schedule_that_fails_when_it_runs_over_the_seat_cap_sends_a_signed_schedule_failed_webhook_and_leaves_a_notification(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var scheduled = A.Subscription().Of(A.BusinessStandard).WithSeats(200).Build();
        var other = A.Subscription().Of(A.BusinessStandard).WithSeats(200).Build();
        await SeedAsync(host.Store, scheduled, other);
        var secret = await RegisterAsync(host, WebhookEventTypes.ScheduleFailed);
        var schedule = await host.WithAsync<Portal.Schedules.ScheduleDesk, DeskAnswer<Portal.Domain.Schedules.MigrationSchedule>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(scheduled.Id), Portal.Domain.Schedules.ScheduleTiming.OnDate(new DateOnly(2025, 10, 1)), "ana", null, Ct));
        Assert.True(schedule.IsDone, string.Join(" ", schedule.Errors));
        // Meanwhile 200 seats of the same SMB offer migrate: the scheduled 200 would exceed the 300-seat cap.
        Assert.True((await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(other.Id), new MigrationOrigin("ana"), Ct))).IsDone);

        host.Time.Set(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await host.PassAsync()).SchedulesFailed);
        await host.Singleton<WebhookDispatcher>().RunOnceAsync(Ct);

        var received = Assert.Single(_receiver.Received);
        Assert.Equal(WebhookEventTypes.ScheduleFailed, received.EventType);
        Assert.True(WebhookSignature.Verify(secret, received.Timestamp, received.Signature, received.Body, host.Time.Now, TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(WebhookEventTypes.ScheduleFailed, body.RootElement.GetProperty("type").GetString());
        Assert.Contains(EligibilityReasons.LicenseLimitReached.Name, received.Body, StringComparison.Ordinal);
        Assert.Contains(schedule.Value!.Id.ToString(), received.Body, StringComparison.Ordinal);

        await using var db = host.Store.NewContext();
        var notification = await db.Notifications.SingleAsync(Ct);
        Assert.Equal((A.PartnerTenantId, PortalNotification.ScheduleFailedKind), (notification.PartnerTenantId, notification.Kind));
        Assert.Contains(scheduled.Id.ToString(), notification.Message, StringComparison.Ordinal);
        Assert.Contains(EligibilityReasons.LicenseLimitReached.Name, notification.Message, StringComparison.Ordinal);
        Assert.Contains(scheduled.FriendlyName, notification.Message, StringComparison.Ordinal);
        Assert.Equal($"schedules/{schedule.Value!.Id}", notification.Link);
    }

    [Theory, OnBothProviders]
    public async Task A_migration_failed_while_Suspended_sends_a_signed_failed_webhook_naming_the_72_hour_deadline_in_its_notification(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var secret = await RegisterAsync(host, WebhookEventTypes.MigrationFailed);

        var created = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", "FAIL-SUSPENDED"), Ct));
        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        await host.Singleton<WebhookDispatcher>().RunOnceAsync(Ct);

        var received = Assert.Single(_receiver.Received);
        Assert.Equal(WebhookEventTypes.MigrationFailed, received.EventType);
        Assert.True(WebhookSignature.Verify(secret, received.Timestamp, received.Signature, received.Body, host.Time.Now, TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(created.Value!.Id, body.RootElement.GetProperty("data").GetProperty("migrationId").GetGuid());
        await using var db = host.Store.NewContext();
        var notification = await db.Notifications.SingleAsync(Ct);
        Assert.Contains("2025-09-13 12:00 UTC", notification.Message, StringComparison.Ordinal); // requested 2025-09-10 12:00 + 72 h
    }

    private Task<EngineHost> StartAsync(DatabaseProvider provider) =>
        EngineHost.CreateAsync(provider, postgres, MinuteSteps(), services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Webhooks:AllowHttpLoopback"] = "true",
            }).Build();
            services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = Path.GetTempPath() });
            services.AddScoped<AuditLog>();
            services.AddPortalWebhooks(configuration);
        });

    private async Task<string> RegisterAsync(EngineHost host, params string[] events)
    {
        var result = await host.WithAsync<WebhookAdministration, WebhookRegistrationResult>(a =>
            a.RegisterAsync(A.PartnerTenantId, "admin", _receiver.Url.ToString(), events, Ct));
        Assert.True(result.Succeeded);
        return result.Secret!;
    }
}
