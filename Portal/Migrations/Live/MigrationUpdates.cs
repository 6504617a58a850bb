using System.Collections.Concurrent;
using Portal.Domain.Migrations;

namespace Portal.Migrations.Live;

/// <summary>What changed: a migration moved (or was created), finished, or a schedule changed.</summary>
public enum MigrationUpdateKind
{
    MigrationChanged,
    MigrationCompleted,
    MigrationFailed,
    ScheduleChanged,
}

/// <summary>
/// One change of a partner's migration or schedule, as the engine (or the poller, for another instance's engine)
/// saw it after the save. <paramref name="Version"/> is the migration's stored version when the publisher knows it,
/// so the poller does not announce the same change again (ADR-026).
/// </summary>
public sealed record MigrationUpdate(
    Guid PartnerTenantId,
    MigrationUpdateKind Kind,
    Guid? MigrationId = null,
    string? BatchId = null,
    MigrationPhase? Phase = null,
    Guid? ScheduleId = null,
    int? Version = null)
{
    /// <summary>The kind that tells a reader about <paramref name="phase"/>: finished, failed, or still moving.</summary>
    public static MigrationUpdateKind KindOf(MigrationPhase phase) => phase switch
    {
        MigrationPhase.Completed => MigrationUpdateKind.MigrationCompleted,
        MigrationPhase.FailedLegacyActive or MigrationPhase.FailedLegacySuspended => MigrationUpdateKind.MigrationFailed,
        _ => MigrationUpdateKind.MigrationChanged,
    };
}

/// <summary>
/// The in-process, per-partner hub of live updates (ADR-026): open pages subscribe for their partner, the engine
/// publishes after each committed change, and <see cref="MigrationUpdatesPoller"/> publishes what other instances
/// changed. A partner's subscribers never see another partner's updates. Handlers run off the publisher's thread
/// and their failures are logged, so a page never slows or breaks the engine.
/// </summary>
public sealed class MigrationUpdates(ILogger<MigrationUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableHandlers> _byPartner = new();
    private readonly ConcurrentDictionary<Guid, int> _publishedVersions = new();

    /// <summary>Calls <paramref name="handler"/> with each update of <paramref name="partnerTenantId"/> until the answer is disposed.</summary>
    public IDisposable Subscribe(Guid partnerTenantId, Func<MigrationUpdate, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, partnerTenantId, handler);
        _byPartner.AddOrUpdate(partnerTenantId, _ => new ImmutableHandlers([subscription]), (_, existing) => existing.With(subscription));
        return subscription;
    }

    /// <summary>Partners someone is subscribed for right now.</summary>
    public IReadOnlyCollection<Guid> SubscribedPartners => [.. _byPartner.Where(p => p.Value.Items.Length > 0).Select(p => p.Key)];

    public bool HasSubscribers => !_byPartner.IsEmpty;

    /// <summary>Tells the partner's subscribers about <paramref name="update"/>; returns at once.</summary>
    public void Publish(MigrationUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!_byPartner.TryGetValue(update.PartnerTenantId, out var handlers))
        {
            return;
        }

        if (update is { MigrationId: { } id, Version: { } version })
        {
            _publishedVersions[id] = version;
        }

        foreach (var subscription in handlers.Items)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await subscription.Handler(update);
                }
                catch (Exception e)
                {
                    LiveLog.HandlerFailed(logger, e, update.Kind, update.PartnerTenantId);
                }
            });
        }
    }

    /// <summary>For the poller: true when this instance already published <paramref name="migrationId"/> at <paramref name="version"/>.</summary>
    public bool WasPublished(Guid migrationId, int version) =>
        _publishedVersions.TryGetValue(migrationId, out var published) && published >= version;

    /// <summary>For the poller, after each tick: forgets the versions it has compared.</summary>
    public void ForgetPublishedVersions() => _publishedVersions.Clear();

    private void Remove(Subscription subscription)
    {
        while (_byPartner.TryGetValue(subscription.PartnerTenantId, out var existing))
        {
            var remaining = existing.Without(subscription);
            if (remaining.Items.Length == 0
                ? _byPartner.TryRemove(new KeyValuePair<Guid, ImmutableHandlers>(subscription.PartnerTenantId, existing))
                : _byPartner.TryUpdate(subscription.PartnerTenantId, remaining, existing))
            {
                return;
            }
        }
    }

    private sealed record ImmutableHandlers(Subscription[] Items)
    {
        public ImmutableHandlers With(Subscription s) => new([.. Items, s]);

        public ImmutableHandlers Without(Subscription s) => new([.. Items.Where(i => !ReferenceEquals(i, s))]);
    }

    private sealed class Subscription(MigrationUpdates hub, Guid partnerTenantId, Func<MigrationUpdate, Task> handler) : IDisposable
    {
        private int _disposed;

        public Guid PartnerTenantId => partnerTenantId;

        public Func<MigrationUpdate, Task> Handler => handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(this);
            }
        }
    }
}

internal static partial class LiveLog
{
    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "A live-update handler failed on {Kind} for partner {PartnerTenantId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, MigrationUpdateKind kind, Guid partnerTenantId);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "The live-update poller could not read changed migrations; it tries again at its next tick")]
    public static partial void PollFailed(ILogger logger, Exception exception);
}
