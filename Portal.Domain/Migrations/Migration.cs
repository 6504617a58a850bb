using Portal.Domain.Common;
using Portal.Domain.Subscriptions;

namespace Portal.Domain.Migrations;

/// <summary>Partner Center's migration status.</summary>
public enum MigrationStatus
{
    Processing,
    Completed,
    Failed,
}

/// <summary>Where the legacy side of a migration stands; finer than <see cref="MigrationStatus"/>.</summary>
public enum MigrationPhase
{
    /// <summary>Requested; the legacy subscriptions are still Active and billed.</summary>
    Requested,

    /// <summary>Begun: the legacy subscriptions are Suspended and no longer billed.</summary>
    LegacySuspended,

    Completed,

    /// <summary>Failed before the legacy side was touched: final, the partner may retry or cancel the legacy subscription.</summary>
    FailedLegacyActive,

    /// <summary>Failed after the legacy side was suspended: must be completed or reverted within 72 hours of the request.</summary>
    FailedLegacySuspended,

    /// <summary>Rolled back: the legacy subscriptions are Active again and the suspended days are not billed.</summary>
    Reverted,
}

/// <summary>One legacy subscription inside a migration, with what became of it.</summary>
public sealed class MigrationMember
{
    internal MigrationMember(MigrationLine line)
    {
        LegacySubscriptionId = line.LegacySubscriptionId;
        ParentSubscriptionId = line.ParentSubscriptionId;
        CatalogItemId = line.CatalogItemId;
        Target = line.Target;
        HoldsSubscription = true;
    }

    private MigrationMember()
    {
        Target = null!;
    }

    public Guid LegacySubscriptionId { get; private init; }

    public Guid? ParentSubscriptionId { get; private init; }

    public string CatalogItemId { get; private init; } = "";

    public MigrationTarget Target { get; private init; }

    public MigrationLine Line => new(LegacySubscriptionId, ParentSubscriptionId, CatalogItemId, Target);

    public Guid? NceSubscriptionId { get; internal set; }

    public DateTimeOffset? ProvisionedAt { get; internal set; }

    /// <summary>
    /// True while the migration holds the legacy subscription (in flight). The store keeps at most one holding
    /// member per legacy subscription, so two migrations of one subscription cannot both be in flight.
    /// </summary>
    public bool HoldsSubscription { get; internal set; }
}

/// <summary>
/// A migration of one legacy subscription, or of a base with its add-ons (a bundle), to New Commerce.
/// Usually done in 0-6 hours, at most 72.
/// </summary>
public sealed class Migration
{
    /// <summary>A migration that failed with its legacy side suspended must be completed or reverted within this time of its request.</summary>
    public static readonly TimeSpan ResolutionWindow = TimeSpan.FromHours(72);

    private readonly List<MigrationMember> _members = [];
    private readonly List<MigrationEvent> _events = [];
    private MigrationPhase _phase;

    private Migration()
    {
    }

    public Guid Id { get; private init; }

    public Guid CustomerId { get; private init; }

    /// <summary>The subscription the request named: the base of a bundle, or an add-on migrating alone.</summary>
    public Guid CurrentSubscriptionId { get; private init; }

    public string? ExternalReferenceId { get; private init; }

    public bool IsMicrosoftLed { get; private init; }

    public DateTimeOffset RequestedAt { get; private init; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public MigrationPhase Phase
    {
        get => _phase;
        private set
        {
            _phase = value;
            foreach (var member in _members)
            {
                member.HoldsSubscription = IsInFlight;
            }
        }
    }

    public string? ErrorCode { get; private set; }

    public string? ErrorDescription { get; private set; }

    public IReadOnlyList<MigrationMember> Members => _members;

    public IReadOnlyList<MigrationEvent> Events => _events;

    public MigrationStatus Status => Phase switch
    {
        MigrationPhase.Requested or MigrationPhase.LegacySuspended => MigrationStatus.Processing,
        MigrationPhase.Completed => MigrationStatus.Completed,
        _ => MigrationStatus.Failed,
    };

    public DateTimeOffset ResolutionDeadline => RequestedAt + ResolutionWindow;

    /// <summary>True while the legacy subscriptions are held by this migration.</summary>
    public bool IsInFlight => Phase is MigrationPhase.Requested or MigrationPhase.LegacySuspended or MigrationPhase.FailedLegacySuspended;

    /// <summary>Starts a migration: reserves each legacy member and records MigrationStarted for each.</summary>
    public static Migration Request(
        Guid id,
        Guid customerId,
        IReadOnlyList<MigrationLine> lines,
        IReadOnlyCollection<LegacySubscription> legacyMembers,
        DateTimeOffset requestedAt,
        string? externalReferenceId = null,
        bool isMicrosoftLed = false)
    {
        if (lines.Count == 0)
        {
            throw new DomainException("A migration needs at least one subscription.");
        }

        if (lines.Select(l => l.LegacySubscriptionId).Distinct().Count() != lines.Count)
        {
            throw new DomainException("A subscription appears twice in one migration.");
        }

        var migration = new Migration
        {
            Id = id,
            CustomerId = customerId,
            CurrentSubscriptionId = lines[0].LegacySubscriptionId,
            ExternalReferenceId = externalReferenceId,
            IsMicrosoftLed = isMicrosoftLed,
            RequestedAt = requestedAt,
            Phase = MigrationPhase.Requested,
        };
        migration._members.AddRange(lines.Select(l => new MigrationMember(l)));

        // Check every member before claiming any, so a refused request leaves the whole bundle untouched.
        var members = migration.Match(legacyMembers).ToList();
        foreach (var legacy in members)
        {
            if (legacy.CustomerId != customerId)
            {
                throw new DomainException($"Subscription {legacy.Id} belongs to another customer.");
            }

            legacy.EnsureReservable(id);
        }

        foreach (var legacy in members)
        {
            legacy.Reserve(id);
        }

        migration.RecordForEach(MigrationEventName.MigrationStarted, requestedAt);
        return migration;
    }

    /// <summary>The migration begins: the legacy subscriptions are suspended and their billing stops.</summary>
    public void Begin(IReadOnlyCollection<LegacySubscription> legacyMembers)
    {
        EnsurePhase(MigrationPhase.Requested, "begin");
        foreach (var legacy in Match(legacyMembers))
        {
            legacy.SuspendForMigration(Id);
        }

        Phase = MigrationPhase.LegacySuspended;
    }

    public void RecordNceSubscriptionCreated(Guid legacySubscriptionId, Guid nceSubscriptionId, DateTimeOffset at)
    {
        EnsureLegacySuspended("create a New Commerce subscription", at);
        var member = Member(legacySubscriptionId);
        if (member.NceSubscriptionId is not null)
        {
            throw new DomainException($"A New Commerce subscription was already created for {legacySubscriptionId}.");
        }

        member.NceSubscriptionId = nceSubscriptionId;
        Record(MigrationEventName.NewCommerceSubscriptionCreated, legacySubscriptionId, at, nceSubscriptionId.ToString());
    }

    public void RecordProvisioned(Guid legacySubscriptionId, DateTimeOffset at)
    {
        EnsureLegacySuspended("provision", at);
        var member = Member(legacySubscriptionId);
        if (member.NceSubscriptionId is null)
        {
            throw new DomainException($"Nothing to provision for {legacySubscriptionId}: its New Commerce subscription was not created.");
        }

        if (member.ProvisionedAt is not null)
        {
            throw new DomainException($"{legacySubscriptionId} is already provisioned.");
        }

        member.ProvisionedAt = at;
        Record(MigrationEventName.NewCommerceSubscriptionProvisioned, legacySubscriptionId, at);
    }

    /// <summary>Every member's New Commerce subscription is provisioned: the legacy subscriptions become Migrated.</summary>
    public void Complete(IReadOnlyCollection<LegacySubscription> legacyMembers, DateTimeOffset at)
    {
        EnsureLegacySuspended("complete", at);
        var unprovisioned = _members.Where(m => m.ProvisionedAt is null).Select(m => m.LegacySubscriptionId).ToList();
        if (unprovisioned.Count > 0)
        {
            throw new DomainException($"Cannot complete: not provisioned yet: {string.Join(", ", unprovisioned)}.");
        }

        foreach (var legacy in Match(legacyMembers))
        {
            legacy.MarkMigrated(Id);
        }

        Phase = MigrationPhase.Completed;
        CompletedAt = at;
        ErrorCode = null;
        ErrorDescription = null;
        RecordForEach(MigrationEventName.MigrationCompleted, at);
    }

    /// <summary>
    /// The migration failed. Before the legacy side was suspended this is final and the legacy subscriptions are
    /// free again; afterwards it stays held until it is completed or reverted, within 72 hours of the request.
    /// </summary>
    public void Fail(IReadOnlyCollection<LegacySubscription> legacyMembers, string errorCode, string errorDescription, DateTimeOffset at)
    {
        switch (Phase)
        {
            case MigrationPhase.Requested:
                foreach (var legacy in Match(legacyMembers))
                {
                    legacy.Release(Id);
                }

                Phase = MigrationPhase.FailedLegacyActive;
                CompletedAt = at;
                break;
            case MigrationPhase.LegacySuspended:
                Phase = MigrationPhase.FailedLegacySuspended;
                break;
            default:
                throw new DomainException($"Migration {Id} is {Phase} and cannot fail now.");
        }

        ErrorCode = errorCode;
        ErrorDescription = errorDescription;
        RecordForEach(MigrationEventName.MigrationFailed, at, errorDescription);
    }

    /// <summary>Rolls back a migration that failed with its legacy side suspended: the legacy subscriptions are Active again.</summary>
    public void Revert(IReadOnlyCollection<LegacySubscription> legacyMembers, DateTimeOffset at)
    {
        EnsurePhase(MigrationPhase.FailedLegacySuspended, "revert");
        foreach (var legacy in Match(legacyMembers))
        {
            legacy.Release(Id);
        }

        Phase = MigrationPhase.Reverted;
        CompletedAt = at;
    }

    /// <summary>True when a failed, suspended migration has reached its 72-hour deadline and must be reverted.</summary>
    public bool MustRevert(DateTimeOffset now) => Phase == MigrationPhase.FailedLegacySuspended && now >= ResolutionDeadline;

    public MigrationMember Member(Guid legacySubscriptionId) =>
        _members.FirstOrDefault(m => m.LegacySubscriptionId == legacySubscriptionId)
        ?? throw new DomainException($"Subscription {legacySubscriptionId} is not part of migration {Id}.");

    private void EnsurePhase(MigrationPhase expected, string action)
    {
        if (Phase != expected)
        {
            throw new DomainException($"Cannot {action} migration {Id}: it is {Phase}, not {expected}.");
        }
    }

    /// <summary>Work on the New Commerce side goes on while suspended, also after a failure, until the 72-hour deadline.</summary>
    private void EnsureLegacySuspended(string action, DateTimeOffset at)
    {
        if (Phase == MigrationPhase.FailedLegacySuspended && at >= ResolutionDeadline)
        {
            throw new DomainException($"Cannot {action} migration {Id}: its 72-hour deadline passed at {ResolutionDeadline:u}; it must be reverted.");
        }

        if (Phase is not (MigrationPhase.LegacySuspended or MigrationPhase.FailedLegacySuspended))
        {
            throw new DomainException($"Cannot {action} migration {Id}: it is {Phase}.");
        }
    }

    private IEnumerable<LegacySubscription> Match(IReadOnlyCollection<LegacySubscription> legacyMembers)
    {
        var expected = _members.Select(m => m.LegacySubscriptionId).ToHashSet();
        if (legacyMembers.Count != expected.Count || !legacyMembers.All(l => expected.Contains(l.Id)))
        {
            throw new DomainException($"Migration {Id} needs exactly its own legacy subscriptions.");
        }

        return legacyMembers;
    }

    private void RecordForEach(MigrationEventName name, DateTimeOffset at, string? detail = null)
    {
        foreach (var member in _members)
        {
            Record(name, member.LegacySubscriptionId, at, detail);
        }
    }

    private void Record(MigrationEventName name, Guid subscriptionId, DateTimeOffset at, string? detail = null) =>
        _events.Add(new MigrationEvent(Guid.CreateVersion7(at), Id, subscriptionId, name, at, detail));
}
