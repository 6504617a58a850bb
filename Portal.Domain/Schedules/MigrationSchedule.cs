using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Terms;

namespace Portal.Domain.Schedules;

public enum ScheduleStatus
{
    Created,
    Cancelled,
    Completed,
    Failed,
}

/// <summary>When a scheduled migration runs: on a target date, or on the subscription's renewal date.</summary>
public sealed record ScheduleTiming
{
    private ScheduleTiming(DateOnly? targetDate) => TargetDate = targetDate;

    /// <summary>The UTC date to migrate on; null when the migration runs on renewal.</summary>
    public DateOnly? TargetDate { get; }

    public bool MigrateOnRenewal => TargetDate is null;

    public static ScheduleTiming OnDate(DateOnly targetDate) => new(targetDate);

    public static ScheduleTiming OnRenewal { get; } = new((DateOnly?)null);

    /// <summary>
    /// The instant the migration becomes due: 00:00 UTC of the target date, or of the day after the UTC
    /// term end for a migration on renewal.
    /// </summary>
    public DateTimeOffset DueAt(DateTimeOffset termEnd) =>
        TermDates.StartInstant(TargetDate ?? TermDates.UtcDate(termEnd).AddDays(1));
}

/// <summary>
/// A migration planned for later, made by the partner or by Microsoft. It freezes the targets it was made with:
/// to migrate other properties, update it before its date, or cancel and recreate it.
/// </summary>
public sealed class MigrationSchedule
{
    private List<MigrationLine> _lines = [];

    private MigrationSchedule()
    {
    }

    public Guid Id { get; private init; }

    public Guid CustomerId { get; private init; }

    /// <summary>The subscription the schedule migrates (the base of a bundle, or an add-on alone); it never changes.</summary>
    public Guid SubscriptionId { get; private init; }

    /// <summary>The subscription's term end when the schedule was made; fixes the renewal date.</summary>
    public DateTimeOffset SubscriptionTermEnd { get; private init; }

    public ScheduleTiming Timing { get; private set; } = ScheduleTiming.OnRenewal;

    /// <summary>The bundle's members with the targets frozen when the schedule was made or last updated.</summary>
    public IReadOnlyList<MigrationLine> Lines => _lines;

    public ScheduleStatus Status { get; private set; }

    public bool IsMicrosoftLed { get; private init; }

    public string? ExternalReferenceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public DateTimeOffset LastModifiedAt { get; private set; }

    public Guid? NewCommerceMigrationId { get; private set; }

    public string? ErrorCode { get; private set; }

    public string? ErrorDescription { get; private set; }

    /// <summary>
    /// When the schedule runs: <see cref="ScheduleTiming.DueAt"/>, except that Microsoft runs its own schedules at an
    /// instant of the three-day execution window fixed per subscription (<see cref="MicrosoftLed.MicrosoftLedMigration.ExecutionInstant"/>).
    /// </summary>
    public DateTimeOffset DueAt => IsMicrosoftLed && Timing.MigrateOnRenewal
        ? MicrosoftLed.MicrosoftLedMigration.ExecutionInstant(SubscriptionId, SubscriptionTermEnd)
        : Timing.DueAt(SubscriptionTermEnd);

    public static MigrationSchedule Create(
        Guid id,
        Guid customerId,
        Guid subscriptionId,
        DateTimeOffset subscriptionTermEnd,
        ScheduleTiming timing,
        IReadOnlyList<MigrationLine> lines,
        DateTimeOffset now,
        string? externalReferenceId = null,
        bool isMicrosoftLed = false)
    {
        var schedule = new MigrationSchedule
        {
            Id = id,
            CustomerId = customerId,
            SubscriptionId = subscriptionId,
            SubscriptionTermEnd = subscriptionTermEnd,
            IsMicrosoftLed = isMicrosoftLed,
            CreatedAt = now,
            LastModifiedAt = now,
            Status = ScheduleStatus.Created,
            ExternalReferenceId = externalReferenceId,
        };
        schedule.SetPlan(timing, lines, now);
        return schedule;
    }

    public bool IsDue(DateTimeOffset now) => Status == ScheduleStatus.Created && now >= DueAt;

    /// <summary>Replaces the timing and frozen targets. Allowed only while Created and before the schedule is due.</summary>
    public void Update(ScheduleTiming timing, IReadOnlyList<MigrationLine> lines, DateTimeOffset now, string? externalReferenceId = null)
    {
        EnsureCreated("update");
        if (now >= DueAt)
        {
            throw new DomainException($"Schedule {Id} was due at {DueAt:u} and can no longer be changed.");
        }

        SetPlan(timing, lines, now);
        ExternalReferenceId = externalReferenceId ?? ExternalReferenceId;
        LastModifiedAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        EnsureCreated("cancel");
        Status = ScheduleStatus.Cancelled;
        LastModifiedAt = now;
    }

    /// <summary>The schedule ran and started a migration.</summary>
    public void MarkCompleted(Guid migrationId, DateTimeOffset now)
    {
        EnsureCreated("complete");
        Status = ScheduleStatus.Completed;
        NewCommerceMigrationId = migrationId;
        LastModifiedAt = now;
    }

    /// <summary>The schedule came due but could not start its migration (for example, the subscription became ineligible).</summary>
    public void MarkFailed(string errorCode, string errorDescription, DateTimeOffset now)
    {
        EnsureCreated("fail");
        Status = ScheduleStatus.Failed;
        ErrorCode = errorCode;
        ErrorDescription = errorDescription;
        LastModifiedAt = now;
    }

    private void SetPlan(ScheduleTiming timing, IReadOnlyList<MigrationLine> lines, DateTimeOffset now)
    {
        if (lines.Count == 0 || lines[0].LegacySubscriptionId != SubscriptionId)
        {
            throw new DomainException($"A schedule of {SubscriptionId} must list that subscription first; the subscription of a schedule cannot change.");
        }

        if (lines.Select(l => l.LegacySubscriptionId).Distinct().Count() != lines.Count)
        {
            throw new DomainException("A subscription appears twice in one schedule.");
        }

        if (timing.TargetDate is { } date && !ScheduleBook.TargetDateAllowed(date, SubscriptionTermEnd, now))
        {
            throw new DomainException(
                $"A schedule's target date must be between today ({TermDates.UtcDate(now):yyyy-MM-dd}) and the term end ({TermDates.UtcDate(SubscriptionTermEnd):yyyy-MM-dd}); {date:yyyy-MM-dd} is not.");
        }

        Timing = timing;
        _lines = [.. lines];
    }

    private void EnsureCreated(string action)
    {
        if (Status != ScheduleStatus.Created)
        {
            throw new DomainException($"Cannot {action} schedule {Id}: it is {Status}.");
        }
    }
}
