using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.PartnerCenter;

/// <summary>
/// Partner Center's published limits as System.Threading.RateLimiting sliding windows, one per key (the client names
/// the key of each call: <c>validate:{customer}</c>, <c>create</c>): at most N calls in any window, further calls
/// queue until the window has room. The windows replenish themselves on the wall clock (System.Threading.RateLimiting
/// cannot follow a <see cref="TimeProvider"/>: a window that is replenished by hand does not refill), so a test of the
/// limits uses a window of seconds. The resilience pipeline acquires a lease before each call (<see cref="PartnerCenterPipeline"/>).
/// </summary>
public sealed class PartnerCenterRateLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Window>> _windows = new(StringComparer.Ordinal);
    private readonly PartnerCenterOptions _options;

    public PartnerCenterRateLimits(IOptions<PartnerCenterOptions> options)
    {
        _options = options.Value;
    }

    /// <summary>The limit of a key: validate calls per customer, or creates per partner.</summary>
    public int LimitOf(string key) => key.StartsWith(PartnerCenterPipeline.ValidateKeyPrefix, StringComparison.Ordinal) ? _options.ValidateLimit : _options.CreateLimit;

    /// <summary>Waits for room in <paramref name="key"/>'s window; a lease that is not acquired means the queue was full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string key, CancellationToken cancellationToken) =>
        _windows.GetOrAdd(key, k => new Lazy<Window>(() => new Window(LimitOf(k), _options))).Value.Limiter.AcquireAsync(1, cancellationToken);

    public void Dispose()
    {
        foreach (var window in _windows.Values.Where(w => w.IsValueCreated))
        {
            window.Value.Dispose();
        }
    }

    private sealed class Window : IDisposable
    {
        public Window(int limit, PartnerCenterOptions options)
        {
            Limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = options.LimitWindow,
                SegmentsPerWindow = options.LimitSegments,
                QueueLimit = options.LimitQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        public SlidingWindowRateLimiter Limiter { get; }

        public void Dispose() => Limiter.Dispose();
    }
}
