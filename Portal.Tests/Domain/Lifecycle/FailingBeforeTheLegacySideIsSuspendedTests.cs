using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

/// <summary>A migration that fails while its legacy subscriptions are still Active: final, and the partner may retry or cancel.</summary>
public class FailingBeforeTheLegacySideIsSuspendedTests
{
    private static readonly DateTimeOffset FailedAt = Bundle.RequestedAt.AddMinutes(20);

    private static (Bundle Bundle, Migration Migration) FailedWhileActive(int addOns = 0)
    {
        var bundle = Bundle.WithAddOns(addOns);
        var migration = bundle.Request();
        migration.Fail(bundle.Members, "ProvisioningError", "The New Commerce order could not be placed.", FailedAt);
        return (bundle, migration);
    }

    [Fact]
    public void The_migration_is_Failed_with_its_legacy_side_Active()
    {
        var (_, migration) = FailedWhileActive();

        Assert.Equal(MigrationStatus.Failed, migration.Status);
        Assert.Equal(MigrationPhase.FailedLegacyActive, migration.Phase);
        Assert.False(migration.IsInFlight);
        Assert.Equal(FailedAt, migration.CompletedAt);
    }

    [Fact]
    public void The_migration_keeps_the_error()
    {
        var (_, migration) = FailedWhileActive();

        Assert.Equal("ProvisioningError", migration.ErrorCode);
        Assert.Equal("The New Commerce order could not be placed.", migration.ErrorDescription);
    }

    [Fact]
    public void Every_legacy_member_is_Active_and_free_again()
    {
        var (bundle, _) = FailedWhileActive(addOns: 2);

        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Active, m.Status));
        Assert.All(bundle.Members, m => Assert.Null(m.InFlightMigrationId));
        Assert.All(bundle.Members, m => Assert.False(m.IsBeingProcessed));
    }

    [Fact]
    public void The_event_list_records_MigrationFailed_with_the_error_for_each_member()
    {
        var (bundle, migration) = FailedWhileActive(addOns: 1);

        var failed = migration.Events.Where(e => e.Name == MigrationEventName.MigrationFailed).ToList();

        Assert.Equal(bundle.Members.Select(m => m.Id), failed.Select(e => e.CurrentSubscriptionId));
        Assert.All(failed, e => Assert.Equal("The New Commerce order could not be placed.", e.Detail));
        Assert.All(failed, e => Assert.Equal(FailedAt, e.CreatedAt));
    }

    [Fact]
    public void The_event_list_reads_MigrationStarted_then_MigrationFailed()
    {
        var (bundle, migration) = FailedWhileActive();

        Assert.Equal(
            [MigrationEventName.MigrationStarted, MigrationEventName.MigrationFailed],
            migration.Events.Where(e => e.CurrentSubscriptionId == bundle.Base.Id).Select(e => e.Name));
    }

    [Fact]
    public void The_partner_can_retry_with_a_new_migration()
    {
        var (bundle, _) = FailedWhileActive(addOns: 1);

        var retry = bundle.Request(at: FailedAt.AddHours(1));

        Assert.Equal(MigrationStatus.Processing, retry.Status);
        Assert.All(bundle.Members, m => Assert.Equal(retry.Id, m.InFlightMigrationId));
    }

    [Fact]
    public void The_partner_can_cancel_the_legacy_subscription_instead()
    {
        var (bundle, _) = FailedWhileActive();

        bundle.Base.Cancel();

        Assert.Equal(LegacySubscriptionStatus.Cancelled, bundle.Base.Status);
    }

    [Fact]
    public void A_migration_failed_while_Active_never_needs_reverting()
    {
        var (_, migration) = FailedWhileActive();

        Assert.False(migration.MustRevert(Bundle.RequestedAt.AddHours(72)));
        Assert.False(migration.MustRevert(Bundle.RequestedAt.AddDays(30)));
    }

    [Fact]
    public void Failing_it_again_throws()
    {
        var (bundle, migration) = FailedWhileActive();

        Assert.Throws<DomainException>(() => migration.Fail(bundle.Members, "Again", "Again.", FailedAt.AddMinutes(1)));
        Assert.Equal("ProvisioningError", migration.ErrorCode);
    }

    [Fact]
    public void Beginning_it_afterwards_throws_and_leaves_the_legacy_subscription_Active()
    {
        var (bundle, migration) = FailedWhileActive();

        Assert.Throws<DomainException>(() => migration.Begin(bundle.Members));
        Assert.Equal(LegacySubscriptionStatus.Active, bundle.Base.Status);
    }

    [Fact]
    public void Reverting_it_throws_because_nothing_was_suspended()
    {
        var (bundle, migration) = FailedWhileActive();

        Assert.Throws<DomainException>(() => migration.Revert(bundle.Members, FailedAt.AddHours(1)));
        Assert.Equal(MigrationPhase.FailedLegacyActive, migration.Phase);
    }
}
