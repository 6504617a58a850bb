using Portal.Domain.Common;
using Portal.Domain.Migrations;

namespace Portal.Domain.Schedules;

/// <summary>The result of asking for a new partner schedule.</summary>
public sealed record SchedulingResult(Outcome Outcome, MigrationSchedule? Schedule, MigrationSchedule? Superseded);

/// <summary>
/// The rules between schedules of one subscription: at most one schedule waits at a time, and a partner's
/// schedule pre-empts a Microsoft-led one (Microsoft prioritizes the partner-led migration).
/// </summary>
public static class ScheduleBook
{
    public static SchedulingResult SchedulePartnerMigration(
        IEnumerable<MigrationSchedule> existingSchedulesOfSubscription,
        Guid id,
        Guid customerId,
        Guid subscriptionId,
        DateTimeOffset subscriptionTermEnd,
        ScheduleTiming timing,
        IReadOnlyList<MigrationLine> lines,
        DateTimeOffset now,
        string? externalReferenceId = null)
    {
        var waiting = existingSchedulesOfSubscription.Where(s => s.Status == ScheduleStatus.Created && s.SubscriptionId == subscriptionId).ToList();
        var partnerMade = waiting.FirstOrDefault(s => !s.IsMicrosoftLed);
        if (partnerMade is not null)
        {
            return new SchedulingResult(
                Outcome.Refused("AlreadyScheduled", $"This subscription already has a migration scheduled for {partnerMade.DueAt:yyyy-MM-dd}. Update or cancel that schedule instead."),
                null,
                null);
        }

        if (timing.TargetDate is { } date && !TargetDateAllowed(date, subscriptionTermEnd, now))
        {
            return new SchedulingResult(
                Outcome.Refused("InvalidTargetDate", TargetDateRange(subscriptionTermEnd, now)),
                null,
                null);
        }

        var schedule = MigrationSchedule.Create(id, customerId, subscriptionId, subscriptionTermEnd, timing, lines, now, externalReferenceId);
        var microsoftLed = waiting.FirstOrDefault(s => s.IsMicrosoftLed);
        microsoftLed?.Cancel(now);
        return new SchedulingResult(Outcome.Success, schedule, microsoftLed);
    }

    /// <summary>
    /// The last target date on which a schedule that keeps the subscription's end date can run: a migration that
    /// starts in the term's last 24 hours must buy a new full term (<see cref="Eligibility.EligibilityEvaluator.LastDayOfTerm"/>),
    /// so the day it starts must begin before them.
    /// </summary>
    public static DateOnly LastTargetDateKeepingTheEndDate(DateTimeOffset subscriptionTermEnd) =>
        Terms.TermDates.UtcDate(subscriptionTermEnd - Eligibility.EligibilityEvaluator.LastDayOfTerm - TimeSpan.FromTicks(1));

    /// <summary>What <see cref="TargetDateAllowed"/> allows, in words.</summary>
    public static string TargetDateRange(DateTimeOffset subscriptionTermEnd, DateTimeOffset now) =>
        $"The target date must be between today ({Terms.TermDates.UtcDate(now):yyyy-MM-dd}) and the last day of the term ({Terms.TermDates.UtcDate(subscriptionTermEnd):yyyy-MM-dd}).";

    /// <summary>A target date runs at 00:00 UTC that day: it must be today or later, and inside the current term.</summary>
    public static bool TargetDateAllowed(DateOnly targetDate, DateTimeOffset subscriptionTermEnd, DateTimeOffset now) =>
        targetDate >= Terms.TermDates.UtcDate(now) && targetDate <= Terms.TermDates.UtcDate(subscriptionTermEnd);
}
