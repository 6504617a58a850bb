namespace Portal.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section: how the dispatcher sends and retries (ADR-009).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The named <see cref="HttpClient"/> deliveries are sent with.</summary>
    public const string HttpClientName = "Portal.Webhooks";

    /// <summary>Whether the hosted dispatcher runs in this process (tests drive <see cref="WebhookDispatcher.RunOnceAsync"/> themselves).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per delivery before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; doubled after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claim lasts; a dispatcher that dies mid-send leaves its deliveries to others after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one HTTP attempt may take; must stay well under <see cref="Lease"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Whether <c>http://</c> endpoints on the loopback interface may be registered. On in Development (tests run
    /// there); everywhere else endpoints must use HTTPS.
    /// </summary>
    public bool? AllowHttpLoopback { get; set; }

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan BackoffAfter(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * factor, MaxBackoff.Ticks));
        return wait;
    }
}
