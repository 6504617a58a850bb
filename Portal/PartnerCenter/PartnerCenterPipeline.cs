using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Portal.PartnerCenter;

/// <summary>
/// The resilience pipeline of the Partner Center <see cref="HttpClient"/> (Microsoft.Extensions.Http.Resilience,
/// ADR-025), outermost first: Partner Center's published limits (a rate limiter that waits for room), a total timeout,
/// retries (exponential backoff from <c>FirstRetryDelay</c>, or Partner Center's <c>Retry-After</c>), a circuit
/// breaker, and a timeout per attempt. Configured from <c>PartnerCenter:*</c>; its events are logged and metered by
/// Polly's telemetry (meter <c>Polly</c>, pipeline <c>partner-center</c>). A request marked
/// <see cref="NotIdempotent"/> (a create) is retried only when Partner Center said it was not applied: a 429.
/// </summary>
public static class PartnerCenterPipeline
{
    public const string Name = "partner-center";

    public const string ValidateKeyPrefix = "validate:";

    public const string CreateKey = "create";

    /// <summary>Which limit a request counts against (<see cref="PartnerCenterRateLimits"/>); none when absent.</summary>
    public static readonly HttpRequestOptionsKey<string> LimitKey = new("PartnerCenter.LimitKey");

    /// <summary>A request that must not be sent twice unless Partner Center refused it unapplied (429).</summary>
    public static readonly HttpRequestOptionsKey<bool> NotIdempotent = new("PartnerCenter.NotIdempotent");

    /// <summary>How many attempts the retry strategy made for the call (1 when it was not retried).</summary>
    public static readonly ResiliencePropertyKey<int> Attempts = new("PartnerCenter.Attempts");

    private static readonly RateLimiter Unlimited = RateLimitPartition.GetNoLimiter("unlimited").Factory("unlimited");

    public static IHttpClientBuilder AddPartnerCenterResilience(this IHttpClientBuilder client)
    {
        client.AddResilienceHandler(Name, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;
            var limits = context.ServiceProvider.GetRequiredService<PartnerCenterRateLimits>();
            pipeline
                .AddRateLimiter(new HttpRateLimiterStrategyOptions
                {
                    Name = "published-limits",
                    RateLimiter = args => args.Context.GetRequestMessage()?.Options.TryGetValue(LimitKey, out var key) == true
                        ? limits.AcquireAsync(key, args.Context.CancellationToken)
                        : Unlimited.AcquireAsync(1, args.Context.CancellationToken),
                })
                .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout })
                .AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.FirstRetryDelay,
                    MaxDelay = options.MaxRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = false,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
                    OnRetry = args =>
                    {
                        args.Context.Properties.Set(Attempts, args.AttemptNumber + 2);
                        return ValueTask.CompletedTask;
                    },
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    Name = "circuit-breaker",
                    FailureRatio = options.CircuitFailureRatio,
                    MinimumThroughput = options.CircuitMinimumThroughput,
                    SamplingDuration = options.CircuitSamplingDuration,
                    BreakDuration = options.CircuitBreakDuration,
                    // Partner Center's limits (429) say nothing about its health.
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                })
                .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
        });
        return client;
    }

    /// <summary>
    /// A transient failure (5xx, 408, 429, a timed-out attempt, a lost connection) is retried, except that a
    /// non-idempotent request is retried only after a 429: anything else may have been applied.
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        var notIdempotent = request?.Options.TryGetValue(NotIdempotent, out var flag) == true && flag;
        return !notIdempotent || outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;
    }
}
