using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

/// <summary>
/// A migration that fails after its legacy subscriptions were suspended: still held, and Microsoft has 72 hours
/// from the request to complete it or revert it.
/// </summary>
public class FailingWhileSuspendedTests
{
    private static readonly DateTimeOffset FailedAt = Bundle.RequestedAt.AddHours(1);
    private static readonly DateTimeOffset Deadline = Bundle.RequestedAt.AddHours(72);

    private static (Bundle Bundle, Migration Migration) FailedWhileSuspended(int addOns = 0)
    {
        var bundle = Bundle.WithAddOns(addOns);
        var migration = bundle.RequestAndBegin();
        migration.Fail(bundle.Members, "NceOrderTimeout", "The New Commerce order timed out.", FailedAt);
        return (bundle, migration);
    }

    [Fact]
    public void The_migration_is_Failed_with_its_legacy_side_suspended()
    {
        var (_, migration) = FailedWhileSuspended();

        Assert.Equal(MigrationStatus.Failed, migration.Status);
        Assert.Equal(MigrationPhase.FailedLegacySuspended, migration.Phase);
        Assert.Null(migration.CompletedAt);
    }

    [Fact]
    public void The_migration_still_holds_its_legacy_subscriptions()
    {
        var (bundle, migration) = FailedWhileSuspended(addOns: 1);

        Assert.True(migration.IsInFlight);
        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Suspended, m.Status));
        Assert.All(bundle.Members, m => Assert.Equal(migration.Id, m.InFlightMigrationId));
    }

    [Fact]
    public void The_event_list_records_MigrationFailed_with_the_error()
    {
        var (bundle, migration) = FailedWhileSuspended();

        var failed = Assert.Single(migration.Events, e => e.Name == MigrationEventName.MigrationFailed);
        Assert.Equal("The New Commerce order timed out.", failed.Detail);
        Assert.Equal(bundle.Base.Id, failed.CurrentSubscriptionId);
        Assert.Equal(FailedAt, failed.CreatedAt);
    }

    [Fact]
    public void The_partner_cannot_cancel_a_legacy_subscription_the_failed_migration_still_holds()
    {
        var (bundle, _) = FailedWhileSuspended();

        Assert.Throws<DomainException>(() => bundle.Base.Cancel());
        Assert.Equal(LegacySubscriptionStatus.Suspended, bundle.Base.Status);
    }

    [Fact]
    public void The_partner_cannot_retry_while_the_failed_migration_still_holds_it()
    {
        var (bundle, migration) = FailedWhileSuspended();

        Assert.Throws<DomainException>(() => bundle.Request(at: FailedAt.AddHours(1)));
        Assert.Equal(migration.Id, bundle.Base.InFlightMigrationId);
    }

    [Fact]
    public void It_can_still_be_completed_one_second_before_the_72_hour_deadline()
    {
        var (bundle, migration) = FailedWhileSuspended(addOns: 1);
        var lastSecond = Deadline.AddSeconds(-1);

        bundle.Finish(migration, lastSecond);

        Assert.Equal(MigrationStatus.Completed, migration.Status);
        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Migrated, m.Status));
    }

    [Fact]
    public void Completing_it_clears_the_error()
    {
        var (bundle, migration) = FailedWhileSuspended();

        bundle.Finish(migration, FailedAt.AddHours(5));

        Assert.Null(migration.ErrorCode);
        Assert.Null(migration.ErrorDescription);
    }

    [Fact]
    public void Completing_it_after_the_failure_appends_the_remaining_events()
    {
        var (bundle, migration) = FailedWhileSuspended();

        bundle.Finish(migration, FailedAt.AddHours(5));

        Assert.Equal(
            [
                MigrationEventName.MigrationStarted,
                MigrationEventName.MigrationFailed,
                MigrationEventName.NewCommerceSubscriptionCreated,
                MigrationEventName.NewCommerceSubscriptionProvisioned,
                MigrationEventName.MigrationCompleted,
            ],
            migration.Events.Select(e => e.Name));
    }

    [Fact]
    public void Completing_it_at_exactly_72_hours_after_the_request_throws()
    {
        var (bundle, migration) = FailedWhileSuspended();
        bundle.CreateAndProvisionAll(migration, Deadline.AddHours(-1));

        Assert.Throws<DomainException>(() => migration.Complete(bundle.Members, Deadline));

        Assert.Equal(MigrationPhase.FailedLegacySuspended, migration.Phase);
        Assert.Equal(LegacySubscriptionStatus.Suspended, bundle.Base.Status);
    }

    [Fact]
    public void Creating_the_New_Commerce_subscription_at_the_deadline_throws()
    {
        var (bundle, migration) = FailedWhileSuspended();

        Assert.Throws<DomainException>(() => migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), Deadline));
    }

    [Fact]
    public void Provisioning_at_the_deadline_throws()
    {
        var (bundle, migration) = FailedWhileSuspended();
        migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), Deadline.AddSeconds(-1));

        Assert.Throws<DomainException>(() => migration.RecordProvisioned(bundle.Base.Id, Deadline));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(71 * 3600, false)]
    [InlineData((72 * 3600) - 1, false)]
    [InlineData(72 * 3600, true)]
    [InlineData(96 * 3600, true)]
    public void It_must_be_reverted_from_72_hours_after_the_request(int secondsAfterRequest, bool mustRevert)
    {
        var (_, migration) = FailedWhileSuspended();

        Assert.Equal(mustRevert, migration.MustRevert(Bundle.RequestedAt.AddSeconds(secondsAfterRequest)));
    }

    [Fact]
    public void The_deadline_counts_from_the_request_not_from_the_failure()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();
        var lateFailure = Bundle.RequestedAt.AddHours(70);

        migration.Fail(bundle.Members, "Late", "Failed late.", lateFailure);

        Assert.True(migration.MustRevert(Deadline));
        Assert.Equal(Deadline, migration.ResolutionDeadline);
    }

    [Fact]
    public void A_migration_that_is_merely_processing_never_must_be_reverted()
    {
        var migration = Bundle.Alone().RequestAndBegin();

        Assert.False(migration.MustRevert(Deadline.AddDays(1)));
    }

    [Fact]
    public void Reverting_makes_every_legacy_member_Active_and_free_again()
    {
        var (bundle, migration) = FailedWhileSuspended(addOns: 2);

        migration.Revert(bundle.Members, Deadline);

        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Active, m.Status));
        Assert.All(bundle.Members, m => Assert.Null(m.InFlightMigrationId));
    }

    [Fact]
    public void A_reverted_migration_is_Failed_and_no_longer_in_flight()
    {
        var (bundle, migration) = FailedWhileSuspended();

        migration.Revert(bundle.Members, Deadline);

        Assert.Equal(MigrationPhase.Reverted, migration.Phase);
        Assert.Equal(MigrationStatus.Failed, migration.Status);
        Assert.False(migration.IsInFlight);
        Assert.False(migration.MustRevert(Deadline));
        Assert.Equal(Deadline, migration.CompletedAt);
    }

    [Fact]
    public void After_a_revert_the_partner_can_retry()
    {
        var (bundle, migration) = FailedWhileSuspended();
        migration.Revert(bundle.Members, Deadline);

        var retry = bundle.Request(at: Deadline.AddHours(1));

        Assert.Equal(retry.Id, bundle.Base.InFlightMigrationId);
    }

    [Fact]
    public void After_a_revert_the_partner_can_cancel_the_legacy_subscription()
    {
        var (bundle, migration) = FailedWhileSuspended();
        migration.Revert(bundle.Members, Deadline);

        bundle.Base.Cancel();

        Assert.Equal(LegacySubscriptionStatus.Cancelled, bundle.Base.Status);
    }

    [Fact]
    public void A_reverted_migration_cannot_be_completed()
    {
        var (bundle, migration) = FailedWhileSuspended();
        bundle.CreateAndProvisionAll(migration, FailedAt.AddHours(1));
        migration.Revert(bundle.Members, Deadline);

        Assert.Throws<DomainException>(() => migration.Complete(bundle.Members, Deadline.AddHours(1)));
        Assert.Equal(LegacySubscriptionStatus.Active, bundle.Base.Status);
    }

    [Fact]
    public void Failing_it_a_second_time_throws()
    {
        var (bundle, migration) = FailedWhileSuspended();

        Assert.Throws<DomainException>(() => migration.Fail(bundle.Members, "Again", "Again.", FailedAt.AddHours(1)));
        Assert.Single(migration.Events, e => e.Name == MigrationEventName.MigrationFailed);
    }
}
