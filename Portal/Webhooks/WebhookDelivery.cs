namespace Portal.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first or next attempt (at <see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>The endpoint answered with a 2xx status.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the webhook was turned off or removed before it could be sent.</summary>
    Failed,
}

/// <summary>
/// One event for one webhook: a row of the outbox (ADR-009). It is added in the same unit of work as the change it
/// reports, claimed by one dispatcher at a time through a lease, and retried with exponential backoff.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; }

    public Guid PartnerTenantId { get; init; }

    public Guid WebhookId { get; init; }

    /// <summary>The event (one of <see cref="WebhookEventTypes"/>); one event sent to several webhooks shares <see cref="EventId"/>.</summary>
    public string EventType { get; init; } = "";

    public Guid EventId { get; init; }

    /// <summary>The JSON body, exactly as it is sent and signed on every attempt.</summary>
    public string Payload { get; init; } = "";

    public WebhookDeliveryStatus Status { get; set; }

    public int AttemptCount { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The claim of the dispatcher sending it now; a concurrency token, so a dispatcher whose lease ran out cannot overwrite another's result.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }
}

/// <summary>One HTTP attempt of a delivery, for the delivery log.</summary>
public sealed class WebhookDeliveryAttempt
{
    public long Id { get; init; }

    public Guid DeliveryId { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The endpoint's HTTP status; null when no answer came (refused connection, timeout).</summary>
    public int? StatusCode { get; init; }

    public string? Error { get; init; }

    public int DurationMilliseconds { get; init; }
}
