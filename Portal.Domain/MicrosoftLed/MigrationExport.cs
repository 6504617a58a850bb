using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;

namespace Portal.Domain.MicrosoftLed;

/// <summary>MigrationEligibilityStatus of Partner Center's Microsoft-led migration data export.</summary>
public enum MigrationEligibilityStatus
{
    Eligible,
    Ineligible,
    PendingValidation,
    ScheduleCreated,
}

/// <summary>Which subscriptions the Microsoft-led export lists, and with which status.</summary>
public static class MigrationExport
{
    /// <summary>The export looks three months ahead.</summary>
    public const int WindowMonths = 3;

    /// <summary>ScheduleCreated shows only in the last 48 hours before the term ends.</summary>
    public static readonly TimeSpan ScheduleCreationPeriod = TimeSpan.FromHours(48);

    public static bool InWindow(LegacySubscription subscription, DateTimeOffset now) =>
        subscription.TermEnd > now && subscription.TermEnd <= now.AddMonths(WindowMonths);

    /// <param name="eligibility">The last evaluation of the subscription for Microsoft-led migration; null while one is pending.</param>
    public static MigrationEligibilityStatus Status(LegacySubscription subscription, BundleEligibility? eligibility, DateTimeOffset now)
    {
        if (eligibility is null)
        {
            return MigrationEligibilityStatus.PendingValidation;
        }

        return Status(subscription.TermEnd, eligibility.IsEligible, now);
    }

    /// <summary>The status of a subscription ending at <paramref name="termEnd"/> whose last evaluation for Microsoft-led migration said <paramref name="isEligible"/>.</summary>
    public static MigrationEligibilityStatus Status(DateTimeOffset termEnd, bool isEligible, DateTimeOffset now)
    {
        if (!isEligible)
        {
            return MigrationEligibilityStatus.Ineligible;
        }

        return now >= termEnd - ScheduleCreationPeriod
            ? MigrationEligibilityStatus.ScheduleCreated
            : MigrationEligibilityStatus.Eligible;
    }

    /// <summary>MigrationIneligibilityReasons: every distinct reason of every ineligible member, in the seed's words.</summary>
    public static string IneligibilityReasons(BundleEligibility? eligibility) =>
        eligibility is null
            ? ""
            : string.Join("; ", eligibility.IneligibleMembers.SelectMany(m => m.Reasons).Select(r => r.Description).Distinct());
}
