using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

public class BeginningAMigrationTests
{
    [Fact]
    public void Beginning_suspends_the_legacy_subscription()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.Request();

        migration.Begin(bundle.Members);

        Assert.Equal(LegacySubscriptionStatus.Suspended, bundle.Base.Status);
    }

    [Fact]
    public void Beginning_suspends_every_member_of_a_bundle_and_keeps_them_held()
    {
        var bundle = Bundle.WithAddOns(2);
        var migration = bundle.Request();

        migration.Begin(bundle.Members);

        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Suspended, m.Status));
        Assert.All(bundle.Members, m => Assert.Equal(migration.Id, m.InFlightMigrationId));
    }

    [Fact]
    public void A_begun_migration_is_still_Processing_with_its_legacy_side_suspended()
    {
        var migration = Bundle.Alone().RequestAndBegin();

        Assert.Equal(MigrationStatus.Processing, migration.Status);
        Assert.Equal(MigrationPhase.LegacySuspended, migration.Phase);
        Assert.True(migration.IsInFlight);
    }

    [Fact]
    public void Beginning_records_no_event_of_its_own()
    {
        var migration = Bundle.Alone().RequestAndBegin();

        Assert.Equal([MigrationEventName.MigrationStarted], migration.Events.Select(e => e.Name));
    }

    [Fact]
    public void Beginning_twice_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();

        Assert.Throws<DomainException>(() => migration.Begin(bundle.Members));
    }

    [Fact]
    public void Beginning_with_someone_elses_legacy_subscriptions_throws_and_suspends_nothing()
    {
        var bundle = Bundle.Alone();
        var other = Bundle.Alone();
        var migration = bundle.Request();

        Assert.Throws<DomainException>(() => migration.Begin(other.Members));

        Assert.Equal(LegacySubscriptionStatus.Active, bundle.Base.Status);
        Assert.Equal(LegacySubscriptionStatus.Active, other.Base.Status);
        Assert.Equal(MigrationPhase.Requested, migration.Phase);
    }
}
