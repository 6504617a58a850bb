using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

/// <summary>
/// What a partner may do after a failed migration: cancel the legacy subscription or retry when it stayed Active;
/// wait for Microsoft when it is Suspended; retry after a revert.
/// </summary>
public class AfterFailureTests
{
    private static readonly DateTimeOffset FailedAt = Bundle.RequestedAt.AddMinutes(5);

    private static Migration FailedWhileActive(Bundle bundle)
    {
        var migration = bundle.Request();
        migration.Fail(bundle.Members, "800040", "Refused before the legacy side was touched.", FailedAt);
        return migration;
    }

    private static Migration FailedWhileSuspended(Bundle bundle)
    {
        var migration = bundle.RequestAndBegin();
        migration.Fail(bundle.Members, "900013", "Provisioning timed out.", FailedAt);
        return migration;
    }

    [Fact]
    public void A_subscription_left_Active_by_a_failed_migration_may_be_cancelled_and_is_then_Cancelled()
    {
        var bundle = Bundle.Alone();
        var failed = FailedWhileActive(bundle);

        var outcome = AfterFailure.CancelLegacy(bundle.Base, failed, []);

        Assert.True(outcome.Succeeded);
        Assert.Equal(LegacySubscriptionStatus.Cancelled, bundle.Base.Status);
    }

    [Fact]
    public void Cancelling_a_base_cancels_its_active_add_ons_with_it()
    {
        var bundle = Bundle.WithAddOns(2);
        var failed = FailedWhileActive(bundle);

        Assert.True(AfterFailure.CancelLegacy(bundle.Base, failed, bundle.AddOns).Succeeded);

        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Cancelled, m.Status));
    }

    [Fact]
    public void A_subscription_without_any_migration_may_not_be_cancelled_here()
    {
        var subscription = A.Subscription().Build();

        var outcome = AfterFailure.CancelLegacy(subscription, null, []);

        Assert.Equal(AfterFailure.NoFailedMigrationCode, outcome.Refusal?.Code);
        Assert.Equal(LegacySubscriptionStatus.Active, subscription.Status);
    }

    [Fact]
    public void While_a_migration_is_in_flight_the_subscription_may_not_be_cancelled()
    {
        var bundle = Bundle.Alone();
        var requested = bundle.Request();

        var outcome = AfterFailure.CancelLegacy(bundle.Base, requested, []);

        Assert.Equal(AfterFailure.InFlightCode, outcome.Refusal?.Code);
        Assert.Equal(LegacySubscriptionStatus.Active, bundle.Base.Status);
    }

    [Fact]
    public void Failed_while_Suspended_the_partner_must_wait_for_Microsoft_and_is_told_the_deadline()
    {
        var bundle = Bundle.Alone();
        var failed = FailedWhileSuspended(bundle);

        var outcome = AfterFailure.CancelLegacy(bundle.Base, failed, []);

        Assert.Equal(AfterFailure.WaitForMicrosoftCode, outcome.Refusal?.Code);
        Assert.Contains($"{failed.ResolutionDeadline:yyyy-MM-dd HH:mm} UTC", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(LegacySubscriptionStatus.Suspended, bundle.Base.Status);
    }

    [Fact]
    public void A_suspended_subscription_not_held_by_a_migration_may_not_be_cancelled_here()
    {
        var subscription = A.Subscription().WithStatus(LegacySubscriptionStatus.Suspended).Build();
        var other = Bundle.Alone();

        var outcome = AfterFailure.CancelLegacy(subscription, FailedWhileActive(other), []);

        Assert.Equal(AfterFailure.NotActiveCode, outcome.Refusal?.Code);
        Assert.Equal(LegacySubscriptionStatus.Suspended, subscription.Status);
    }

    [Fact]
    public void A_cancelled_subscription_is_refused_as_already_cancelled()
    {
        var bundle = Bundle.Alone();
        var failed = FailedWhileActive(bundle);
        AfterFailure.CancelLegacy(bundle.Base, failed, []);

        var again = AfterFailure.CancelLegacy(bundle.Base, failed, []);

        Assert.Equal(AfterFailure.AlreadyCancelledCode, again.Refusal?.Code);
    }

    [Fact]
    public void After_a_revert_or_a_completion_cancelling_is_refused_retry_instead()
    {
        var reverted = Bundle.Alone();
        var revertedMigration = FailedWhileSuspended(reverted);
        revertedMigration.Revert(reverted.Members, revertedMigration.ResolutionDeadline);
        var completed = Bundle.Alone();
        var completedMigration = completed.RequestAndBegin();
        completed.Finish(completedMigration, FailedAt);

        Assert.Equal(AfterFailure.NoFailedMigrationCode, AfterFailure.CancelLegacy(reverted.Base, revertedMigration, []).Refusal?.Code);
        Assert.Equal(LegacySubscriptionStatus.Active, reverted.Base.Status);
        Assert.Equal(LegacySubscriptionStatus.Migrated, completed.Base.Status);
        Assert.NotNull(AfterFailure.CancelLegacy(completed.Base, completedMigration, []).Refusal);
    }

    [Fact]
    public void A_base_whose_add_on_is_being_migrated_alone_is_not_cancelled_and_nothing_changes()
    {
        var bundle = Bundle.WithAddOns(1);
        var failed = FailedWhileActive(bundle);
        var addOnAlone = Bundle.Of(bundle.AddOns[0]).Request();

        var outcome = AfterFailure.CancelLegacy(bundle.Base, failed, bundle.AddOns);

        Assert.Equal(AfterFailure.InFlightCode, outcome.Refusal?.Code);
        Assert.Contains(addOnAlone.Id.ToString(), outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(LegacySubscriptionStatus.Active, bundle.Base.Status);
    }

    [Fact]
    public void A_migration_failed_while_Active_or_reverted_may_be_retried()
    {
        var active = Bundle.Alone();
        var failed = FailedWhileActive(active);
        var suspended = Bundle.Alone();
        var reverted = FailedWhileSuspended(suspended);
        reverted.Revert(suspended.Members, reverted.ResolutionDeadline);

        Assert.True(AfterFailure.MayRetry(failed, failed).Succeeded);
        Assert.True(AfterFailure.MayRetry(reverted, reverted).Succeeded);
    }

    [Fact]
    public void A_migration_in_flight_completed_or_failed_while_Suspended_may_not_be_retried()
    {
        var requested = Bundle.Alone().Request();
        var completedBundle = Bundle.Alone();
        var completed = completedBundle.RequestAndBegin();
        completedBundle.Finish(completed, FailedAt);
        var waiting = FailedWhileSuspended(Bundle.Alone());

        Assert.Equal(AfterFailure.NotRetryableCode, AfterFailure.MayRetry(requested, requested).Refusal?.Code);
        Assert.Equal(AfterFailure.NotRetryableCode, AfterFailure.MayRetry(completed, completed).Refusal?.Code);
        Assert.Equal(AfterFailure.WaitForMicrosoftCode, AfterFailure.MayRetry(waiting, waiting).Refusal?.Code);
    }

    [Fact]
    public void Only_the_latest_migration_of_a_subscription_may_be_retried()
    {
        var bundle = Bundle.Alone();
        var failed = FailedWhileActive(bundle);
        var later = bundle.Request(at: FailedAt.AddMinutes(1));

        var outcome = AfterFailure.MayRetry(failed, later);

        Assert.Equal(AfterFailure.SupersededCode, outcome.Refusal?.Code);
        Assert.True(AfterFailure.MayRetry(failed, null).Succeeded);
    }

    [Fact]
    public void The_retry_request_names_the_same_members_with_the_same_targets()
    {
        var bundle = Bundle.WithAddOns(2);
        var failed = FailedWhileActive(bundle);

        var request = AfterFailure.RetryRequest(failed);

        Assert.Equal(bundle.Base.Id, request.SubscriptionId);
        Assert.Equal(bundle.Lines[0].Target, request.Target);
        Assert.Equal(bundle.AddOns.Select(a => a.Id).Order(), request.AddOnTargets.Keys.Order());
        Assert.All(bundle.Lines.Skip(1), l => Assert.Equal(l.Target, request.AddOnTargets[l.LegacySubscriptionId]));
        Assert.False(request.OnRenewal);
        Assert.Null(request.At);
    }
}
