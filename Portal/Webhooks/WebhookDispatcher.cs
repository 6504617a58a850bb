using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Operations;
using Portal.Persistence;

namespace Portal.Webhooks;

/// <summary>
/// Sends queued deliveries (ADR-009). Each round claims due rows with a lease through one conditional UPDATE, so
/// two instances on one database never send the same row at once; a claim that is not released in time (a killed
/// process) expires and the row is sent again. Each attempt is logged; failures are retried with exponential
/// backoff (or the endpoint's Retry-After) until <see cref="WebhookOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    WebhookSecrets secrets,
    WorkerHeartbeats heartbeats,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int Parallelism = 4;
    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await RunOnceAsync(stoppingToken);
                heartbeats.Beat(WorkerHeartbeats.Webhooks); // the readiness check sees the dispatcher alive (ADR-021)
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
            }

            if (sent < _options.BatchSize)
            {
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims the deliveries due now and makes one attempt at each; returns how many it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid();
        var claimed = await ClaimAsync(claim, cancellationToken);
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, ct) => await AttemptAsync(id, claim, ct));
        return claimed.Count;
    }

    private async Task<List<Guid>> ClaimAsync(Guid claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow();
        var until = now + _options.Lease;
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return due;
        }

        // The conditions are repeated in the UPDATE itself: an instance that read the same rows finds them claimed
        // (PostgreSQL re-checks them on the row it waited for; SQLite runs one writer at a time).
        await db.WebhookDeliveries
            .Where(d => due.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimToken, claim).SetProperty(d => d.ClaimedUntil, until), cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.ClaimToken == claim).Select(d => d.Id).ToListAsync(cancellationToken);
    }

    private async Task AttemptAsync(Guid deliveryId, Guid claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await (
                from d in db.WebhookDeliveries
                where d.Id == deliveryId && d.ClaimToken == claim
                join w in db.Webhooks on d.WebhookId equals w.Id
                select new { Delivery = d, w.Url, w.ProtectedSecret, w.IsActive })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return;
        }

        var delivery = row.Delivery;
        using var logScope = logger.BeginScope(LogScopeOf(delivery));
        if (!row.IsActive)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.CompletedAt = time.GetUtcNow();
            delivery.LastError = "The webhook was turned off before this delivery was sent.";
        }
        else
        {
            var result = await SendAsync(delivery, row.Url, row.ProtectedSecret, cancellationToken);
            Record(db, delivery, result);
            LogAttempt(logger, delivery.Id, delivery.EventType, delivery.AttemptCount, result.StatusCode, result.Succeeded);
        }

        delivery.ClaimToken = null;
        delivery.ClaimedUntil = null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another instance claimed the row: its result stands, ours is dropped.
            LogLeaseLost(logger, deliveryId);
        }
    }

    private void Record(PortalDbContext db, WebhookDelivery delivery, AttemptResult result)
    {
        var now = time.GetUtcNow();
        delivery.AttemptCount++;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastError = result.Error;
        db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
        {
            DeliveryId = delivery.Id,
            Number = delivery.AttemptCount,
            At = result.At,
            StatusCode = result.StatusCode,
            Error = result.Error,
            DurationMilliseconds = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
        });

        if (result.Succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.CompletedAt = now;
        }
        else if (delivery.AttemptCount >= _options.MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.CompletedAt = now;
            LogGaveUp(logger, delivery.Id, delivery.AttemptCount);
        }
        else
        {
            var wait = _options.BackoffAfter(delivery.AttemptCount);
            if (result.RetryAfter is { } asked && asked > wait)
            {
                wait = asked < _options.MaxBackoff ? asked : _options.MaxBackoff;
            }

            delivery.NextAttemptAt = now + wait;
        }
    }

    private async Task<AttemptResult> SendAsync(WebhookDelivery delivery, string url, string protectedSecret, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var started = time.GetTimestamp();
        string secret;
        try
        {
            secret = secrets.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return new AttemptResult(at, null, "The signing secret cannot be read on this instance (Data Protection keys differ).", TimeSpan.Zero, null);
        }

        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, delivery.Payload));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PartnerMigrationPortal-Webhooks", "1.0"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(WebhookOptions.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var succeeded = response.IsSuccessStatusCode;
            return new AttemptResult(
                at,
                status,
                succeeded ? null : $"The endpoint answered {status} {response.ReasonPhrase}.",
                time.GetElapsedTime(started),
                succeeded ? null : RetryAfter(response, at));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(at, null, $"No answer within {_options.Timeout.TotalSeconds:0} seconds.", time.GetElapsedTime(started), null);
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(at, null, Truncate($"Could not reach the endpoint: {e.Message}"), time.GetElapsedTime(started), null);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            ? response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } when date > now => date - now,
                _ => null,
            }
            : null;

    /// <summary>
    /// The ids a log line about this delivery carries (ADR-021): the delivery, its partner, and the migration or schedule
    /// the event reports, read from the payload's <c>data</c>. Never the endpoint's URL nor the secret.
    /// </summary>
    private static Dictionary<string, object> LogScopeOf(WebhookDelivery delivery)
    {
        var scope = new Dictionary<string, object> { ["DeliveryId"] = delivery.Id, ["PartnerTenantId"] = delivery.PartnerTenantId };
        try
        {
            using var payload = JsonDocument.Parse(delivery.Payload);
            if (payload.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "migrationId", "scheduleId" })
                {
                    if (data.TryGetProperty(name, out var id) && id.TryGetGuid(out var value))
                    {
                        scope[char.ToUpperInvariant(name[0]) + name[1..]] = value;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A payload is always our own JSON; without it the line still names the delivery.
        }

        return scope;
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..999] + "…";

    private sealed record AttemptResult(DateTimeOffset At, int? StatusCode, string? Error, TimeSpan Duration, TimeSpan? RetryAfter)
    {
        public bool Succeeded => Error is null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({EventType}) attempt {Attempt}: status {StatusCode}, delivered {Delivered}")]
    private static partial void LogAttempt(ILogger logger, Guid deliveryId, string eventType, int attempt, int? statusCode, bool delivered);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook dispatch round failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: the lease ran out before its result was saved; another instance owns it now.")]
    private static partial void LogLeaseLost(ILogger logger, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed after {Attempts} attempts; no more retries.")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, int attempts);
}
