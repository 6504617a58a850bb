using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using Portal.Webhooks;

namespace Portal.Tests.Webhooks;

/// <summary>
/// Deliveries from the outbox to a real local receiver, on SQLite and PostgreSQL: signed, retried with backoff after
/// failures, logged attempt by attempt, never sent twice by two instances, and picked up again when a claim expires.
/// </summary>
public sealed class WebhookDeliveryTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _keyRing = Directory.CreateTempSubdirectory("portal-webhook-keys-").FullName;
    private readonly List<IAsyncDisposable> _disposables = [];
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    [Theory, OnBothProviders]
    public async Task A_delivery_arrives_signed_with_the_registered_secret_and_its_attempt_is_logged(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider);
        var (webhookId, secret) = await RegisterAsync(instance, WebhookEventTypes.MigrationCreated);
        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationCreated, new { migrationId = Guid.NewGuid() });

        Assert.Equal(1, await instance.Dispatcher.RunOnceAsync(Ct));

        var received = Assert.Single(_receiver.Received);
        Assert.True(WebhookSignature.Verify(secret, received.Timestamp, received.Signature, received.Body, _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret + "x", received.Timestamp, received.Signature, received.Body, _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, received.Timestamp, received.Signature, received.Body + " ", _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), received.Timestamp);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.Equal(WebhookEventTypes.MigrationCreated, received.EventType);
        using var json = JsonDocument.Parse(received.Body);
        Assert.Equal(WebhookEventTypes.MigrationCreated, json.RootElement.GetProperty("type").GetString());
        Assert.Equal(A.PartnerTenantId, json.RootElement.GetProperty("partnerTenantId").GetGuid());

        var log = await instance.InScopeAsync<WebhookAdministration, DeliveryLogPage>(a => a.DeliveriesAsync(A.PartnerTenantId, webhookId, 1, Ct));
        var entry = Assert.Single(log.Items);
        Assert.Equal(WebhookDeliveryStatus.Delivered, entry.Delivery.Status);
        Assert.Equal(received.DeliveryId, entry.Delivery.Id.ToString());
        Assert.Equal(200, Assert.Single(entry.Attempts).StatusCode);
        Assert.Equal(0, await instance.Dispatcher.RunOnceAsync(Ct)); // delivered: never sent again
    }

    [Theory, OnBothProviders]
    public async Task Failed_attempts_are_retried_after_doubling_waits_until_one_succeeds(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider);
        var (webhookId, secret) = await RegisterAsync(instance, WebhookEventTypes.MigrationFailed);
        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationFailed, new { migrationId = Guid.NewGuid() });
        _receiver.AnswerNext(500, 503);

        Assert.Equal(1, await instance.Dispatcher.RunOnceAsync(Ct)); // 500
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await instance.Dispatcher.RunOnceAsync(Ct)); // 30 s wait not over
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await instance.Dispatcher.RunOnceAsync(Ct)); // 503
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await instance.Dispatcher.RunOnceAsync(Ct)); // 60 s wait not over
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await instance.Dispatcher.RunOnceAsync(Ct)); // 200

        Assert.Equal([500, 503, 200], _receiver.Received.Select(r => r.AnsweredWith));
        Assert.Single(_receiver.Received.Select(r => r.Body).Distinct());
        Assert.All(_receiver.Received, r => Assert.True(WebhookSignature.Verify(secret, r.Timestamp, r.Signature, r.Body, _time.GetUtcNow(), TimeSpan.FromMinutes(5))));
        var entry = Assert.Single((await instance.InScopeAsync<WebhookAdministration, DeliveryLogPage>(a => a.DeliveriesAsync(A.PartnerTenantId, webhookId, 1, Ct))).Items);
        Assert.Equal(WebhookDeliveryStatus.Delivered, entry.Delivery.Status);
        Assert.Equal([500, 503, 200], entry.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal([Start, Start.AddSeconds(30), Start.AddSeconds(90)], entry.Attempts.Select(a => a.At));
    }

    [Theory, OnBothProviders]
    public async Task A_delivery_fails_for_good_after_the_last_attempt(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider, new Dictionary<string, string?> { ["Webhooks:MaxAttempts"] = "3" });
        var (webhookId, _) = await RegisterAsync(instance, WebhookEventTypes.MigrationFailed);
        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationFailed, new { });
        _receiver.AnswerNext(500, 500, 500, 500);

        for (var round = 0; round < 5; round++)
        {
            await instance.Dispatcher.RunOnceAsync(Ct);
            _time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, _receiver.Received.Count);
        var entry = Assert.Single((await instance.InScopeAsync<WebhookAdministration, DeliveryLogPage>(a => a.DeliveriesAsync(A.PartnerTenantId, webhookId, 1, Ct))).Items);
        Assert.Equal(WebhookDeliveryStatus.Failed, entry.Delivery.Status);
        Assert.Equal(3, entry.Attempts.Count);
    }

    [Theory, OnBothProviders]
    public async Task An_unreachable_endpoint_is_logged_without_a_status_code_and_retried(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider);
        await using var closed = await WebhookReceiver.StartAsync();
        var closedUrl = closed.Url.ToString();
        await closed.DisposeAsync(); // nobody listens there any more
        var registered = await instance.InScopeAsync<WebhookAdministration, WebhookRegistrationResult>(a =>
            a.RegisterAsync(A.PartnerTenantId, "test", closedUrl, [WebhookEventTypes.MigrationCompleted], Ct));
        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationCompleted, new { });

        await instance.Dispatcher.RunOnceAsync(Ct);

        var entry = Assert.Single((await instance.InScopeAsync<WebhookAdministration, DeliveryLogPage>(a => a.DeliveriesAsync(A.PartnerTenantId, registered.Id!.Value, 1, Ct))).Items);
        Assert.Equal(WebhookDeliveryStatus.Pending, entry.Delivery.Status);
        var attempt = Assert.Single(entry.Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith("Could not reach the endpoint", attempt.Error, StringComparison.Ordinal);
        Assert.Equal(Start.AddSeconds(30), entry.Delivery.NextAttemptAt);
    }

    [Theory, OnBothProviders]
    public async Task Only_webhooks_that_picked_the_event_and_are_on_get_it(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider);
        await RegisterAsync(instance, WebhookEventTypes.MigrationCreated);
        var (failedOnly, _) = await RegisterAsync(instance, WebhookEventTypes.MigrationFailed);
        var (off, _) = await RegisterAsync(instance, WebhookEventTypes.MigrationFailed, WebhookEventTypes.ScheduleFailed);
        await instance.InScopeAsync<WebhookAdministration, bool>(a => a.SetActiveAsync(A.PartnerTenantId, "test", off, false, Ct));

        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationFailed, new { });

        await using var db = store.NewContext();
        var queued = await db.WebhookDeliveries.Select(d => d.WebhookId).ToListAsync(Ct);
        Assert.Equal([failedOnly], queued);
    }

    [Theory, OnBothProviders]
    public async Task Two_instances_running_at_once_send_each_delivery_exactly_once(DatabaseProvider provider)
    {
        var (store, first) = await StartAsync(provider, new Dictionary<string, string?> { ["Webhooks:BatchSize"] = "50" });
        var second = Track(WebhookInstance.Start(store, _time, _keyRing, new Dictionary<string, string?> { ["Webhooks:BatchSize"] = "50" }));
        await RegisterAsync(first, WebhookEventTypes.MigrationCreated);
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync(store, first, WebhookEventTypes.MigrationCreated, new { number = i });
        }

        var claimed = await Task.WhenAll(
            Task.Run(() => first.Dispatcher.RunOnceAsync(Ct), Ct),
            Task.Run(() => second.Dispatcher.RunOnceAsync(Ct), Ct));

        Assert.Equal(30, claimed.Sum());
        Assert.Equal(30, _receiver.Received.Count);
        Assert.Equal(30, _receiver.Received.Select(r => r.DeliveryId).Distinct().Count());
        await using var db = store.NewContext();
        Assert.Equal(30, await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Delivered, Ct));
        Assert.Equal(30, await db.WebhookDeliveryAttempts.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_claim_left_by_a_stopped_instance_is_taken_over_once_its_lease_ends(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider);
        await RegisterAsync(instance, WebhookEventTypes.MigrationCreated);
        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationCreated, new { });
        await using (var db = store.NewContext())
        {
            // What an instance killed after claiming leaves behind: a claim with a two-minute lease.
            await db.WebhookDeliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimToken, Guid.NewGuid()).SetProperty(d => d.ClaimedUntil, Start.AddMinutes(2)), Ct);
        }

        Assert.Equal(0, await instance.Dispatcher.RunOnceAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await instance.Dispatcher.RunOnceAsync(Ct));

        Assert.Single(_receiver.Received);
    }

    [Theory, OnBothProviders]
    public async Task A_delivery_to_a_webhook_turned_off_after_it_was_queued_is_not_sent(DatabaseProvider provider)
    {
        var (store, instance) = await StartAsync(provider);
        var (webhookId, _) = await RegisterAsync(instance, WebhookEventTypes.MigrationCreated);
        await EnqueueAsync(store, instance, WebhookEventTypes.MigrationCreated, new { });
        await instance.InScopeAsync<WebhookAdministration, bool>(a => a.SetActiveAsync(A.PartnerTenantId, "test", webhookId, false, Ct));

        await instance.Dispatcher.RunOnceAsync(Ct);

        Assert.Empty(_receiver.Received);
        await using var db = store.NewContext();
        Assert.Equal(WebhookDeliveryStatus.Failed, (await db.WebhookDeliveries.SingleAsync(Ct)).Status);
    }

    private async Task<(TestStore Store, WebhookInstance Instance)> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        _disposables.Add(store);
        await using (var db = store.NewContext())
        {
            db.Partners.Add(A.Partner());
            await db.SaveChangesAsync(Ct);
        }

        return (store, Track(WebhookInstance.Start(store, _time, _keyRing, settings)));
    }

    private WebhookInstance Track(WebhookInstance instance)
    {
        _disposables.Add(instance);
        return instance;
    }

    private async Task<(Guid Id, string Secret)> RegisterAsync(WebhookInstance instance, params string[] events)
    {
        var result = await instance.InScopeAsync<WebhookAdministration, WebhookRegistrationResult>(a =>
            a.RegisterAsync(A.PartnerTenantId, "test admin", _receiver.Url.ToString(), events, Ct));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return (result.Id!.Value, result.Secret!);
    }

    private static async Task EnqueueAsync(TestStore store, WebhookInstance instance, string eventType, object data)
    {
        await using var db = store.NewContext();
        instance.Services.GetRequiredService<WebhookOutbox>().Enqueue(db, A.PartnerTenantId, eventType, data);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }

        Directory.Delete(_keyRing, recursive: true);
    }
}
