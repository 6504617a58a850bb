namespace Portal.PartnerCenter;

/// <summary>
/// Client-side sliding-window limits, per key (e.g. <c>validate:{customer}</c>, <c>create</c>): at most N calls in
/// any window. A call over the limit waits until the oldest call in the window leaves it. Time comes from the
/// caller, so tests move it.
/// </summary>
public sealed class PartnerCenterRateLimiter
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);

    /// <summary>Records a call at <paramref name="now"/> and answers null when it fits; otherwise records nothing and answers how long to wait.</summary>
    public TimeSpan? TryReserve(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        lock (_calls)
        {
            if (!_calls.TryGetValue(key, out var calls))
            {
                _calls[key] = calls = new Queue<DateTimeOffset>();
            }

            while (calls.Count > 0 && calls.Peek() <= now - window)
            {
                calls.Dequeue();
            }

            if (calls.Count < limit)
            {
                calls.Enqueue(now);
                return null;
            }

            return calls.Peek() + window - now;
        }
    }
}
