using Portal.Domain.Common;
using Portal.Domain.Subscriptions;

namespace Portal.Domain.Migrations;

/// <summary>
/// What a partner may do after a migration failed, as the seed puts it: when the legacy subscription is still
/// Active, cancel it or retry; when it is Suspended, wait: Microsoft completes or reverts the migration within 72
/// hours of the request, and after a revert the partner may retry. The portal cancels a legacy subscription only in
/// the first case (ADR-015): nothing else in the seed lets a partner cancel a legacy subscription.
/// </summary>
public static class AfterFailure
{
    public const string AlreadyCancelledCode = "AlreadyCancelled";
    public const string InFlightCode = "MigrationInFlight";
    public const string WaitForMicrosoftCode = "WaitForMicrosoft";
    public const string NotActiveCode = "SubscriptionNotActive";
    public const string NoFailedMigrationCode = "NoFailedMigration";
    public const string NotRetryableCode = "NotRetryable";
    public const string SupersededCode = "Superseded";

    /// <summary>
    /// May the partner cancel <paramref name="subscription"/> now? Only when it is Active, free, and the latest
    /// migration it was part of (<paramref name="latest"/>) failed while it stayed Active. A base's active add-ons are
    /// cancelled with it, so none of them may be held by a migration either.
    /// </summary>
    public static Outcome MayCancelLegacy(LegacySubscription subscription, Migration? latest, IReadOnlyCollection<LegacySubscription> activeAddOns)
    {
        if (subscription.Status == LegacySubscriptionStatus.Cancelled)
        {
            return Outcome.Refused(AlreadyCancelledCode, $"{subscription.FriendlyName} is already cancelled.");
        }

        if (subscription.InFlightMigrationId is not null)
        {
            return latest is { Phase: MigrationPhase.FailedLegacySuspended } suspended && suspended.Id == subscription.InFlightMigrationId
                ? Outcome.Refused(WaitForMicrosoftCode, $"{subscription.FriendlyName} is Suspended by a migration that failed after it began: Microsoft completes or reverts it by {suspended.ResolutionDeadline:yyyy-MM-dd HH:mm} UTC (72 hours after the request). It cannot be cancelled meanwhile.")
                : Outcome.Refused(InFlightCode, $"{subscription.FriendlyName} is being migrated (migration {subscription.InFlightMigrationId}); it cannot be cancelled while the migration is in flight.");
        }

        if (subscription.Status != LegacySubscriptionStatus.Active)
        {
            return Outcome.Refused(NotActiveCode, $"{subscription.FriendlyName} is {subscription.Status}; only a subscription still Active after a failed migration can be cancelled here.");
        }

        if (latest is not { Phase: MigrationPhase.FailedLegacyActive })
        {
            return Outcome.Refused(
                NoFailedMigrationCode,
                latest is null
                    ? $"{subscription.FriendlyName} has no failed migration. The portal cancels a legacy subscription only when its latest migration failed while it stayed Active."
                    : $"The latest migration of {subscription.FriendlyName} is {latest.Status} ({latest.Phase}). The portal cancels a legacy subscription only when its latest migration failed while it stayed Active.");
        }

        if (activeAddOns.FirstOrDefault(a => a.InFlightMigrationId is not null) is { } held)
        {
            return Outcome.Refused(InFlightCode, $"Its add-on {held.FriendlyName} is being migrated (migration {held.InFlightMigrationId}); a base cannot be cancelled while an add-on that goes with it is in flight.");
        }

        return Outcome.Success;
    }

    /// <summary>Cancels the subscription and its active add-ons when <see cref="MayCancelLegacy"/> allows it; changes nothing otherwise.</summary>
    public static Outcome CancelLegacy(LegacySubscription subscription, Migration? latest, IReadOnlyCollection<LegacySubscription> activeAddOns)
    {
        var verdict = MayCancelLegacy(subscription, latest, activeAddOns);
        if (!verdict.Succeeded)
        {
            return verdict;
        }

        subscription.Cancel();
        foreach (var addOn in activeAddOns)
        {
            addOn.Cancel();
        }

        return verdict;
    }

    /// <summary>
    /// May the partner retry <paramref name="failed"/> (a new migration of the same members and targets)? When it
    /// failed with the legacy side still Active, or was reverted, and no later migration of its subscription exists.
    /// Eligibility is checked again when the new migration is created.
    /// </summary>
    public static Outcome MayRetry(Migration failed, Migration? latestOfSubscription)
    {
        switch (failed.Phase)
        {
            case MigrationPhase.Requested or MigrationPhase.LegacySuspended:
                return Outcome.Refused(NotRetryableCode, "The migration is still in progress; it can be retried only if it fails.");
            case MigrationPhase.Completed:
                return Outcome.Refused(NotRetryableCode, "The migration completed; there is nothing to retry.");
            case MigrationPhase.FailedLegacySuspended:
                return Outcome.Refused(WaitForMicrosoftCode, $"The migration failed after the legacy subscription was suspended: Microsoft completes or reverts it by {failed.ResolutionDeadline:yyyy-MM-dd HH:mm} UTC. It can be retried once reverted.");
        }

        if (latestOfSubscription is not null && latestOfSubscription.Id != failed.Id)
        {
            return Outcome.Refused(SupersededCode, $"A later migration of this subscription exists ({latestOfSubscription.Id}, {latestOfSubscription.Status}); only the latest failed migration can be retried.");
        }

        return Outcome.Success;
    }

    /// <summary>The request that migrates the same members to the same targets again.</summary>
    public static Eligibility.MigrationRequest RetryRequest(Migration failed) => new(failed.CurrentSubscriptionId)
    {
        Target = failed.Member(failed.CurrentSubscriptionId).Target,
        AddOnTargets = failed.Members.Where(m => m.LegacySubscriptionId != failed.CurrentSubscriptionId).ToDictionary(m => m.LegacySubscriptionId, m => m.Target),
    };

    /// <summary>What the partner can do now about a failed migration, in the seed's words.</summary>
    public static string Advice(Migration migration) => migration.Phase switch
    {
        MigrationPhase.FailedLegacyActive => "The legacy subscription is still Active and billed as before. You may retry the migration, or cancel the legacy subscription.",
        MigrationPhase.FailedLegacySuspended => "The legacy subscription is Suspended without a New Commerce subscription; service continues and nothing is billed for these days. Nothing to do: Microsoft diagnoses the problem and either completes the migration or reverts it",
        MigrationPhase.Reverted => "The migration was reverted: the legacy subscription is Active again, its billing resumed, and the suspended days are not charged. You may retry the migration.",
        _ => "",
    };
}
