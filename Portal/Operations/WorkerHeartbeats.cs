using System.Collections.Concurrent;

namespace Portal.Operations;

/// <summary>
/// The last moment each background worker of this instance showed it was alive (the engine worker at each pass, the
/// webhook dispatcher at each round), read by the readiness check (<see cref="PortalHealth"/>).
/// </summary>
public sealed class WorkerHeartbeats(TimeProvider time)
{
    public const string Engine = "engine-worker";
    public const string Webhooks = "webhook-dispatcher";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _beats = new(StringComparer.Ordinal);

    public void Beat(string worker) => _beats[worker] = time.GetUtcNow();

    /// <summary>When <paramref name="worker"/> last beat; null when it has not yet.</summary>
    public DateTimeOffset? LastBeat(string worker) => _beats.TryGetValue(worker, out var at) ? at : null;
}
