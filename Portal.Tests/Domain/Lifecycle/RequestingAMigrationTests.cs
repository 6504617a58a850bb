using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

public class RequestingAMigrationTests
{
    [Fact]
    public void A_requested_migration_keeps_the_legacy_subscription_Active()
    {
        var bundle = Bundle.Alone();

        bundle.Request();

        Assert.Equal(LegacySubscriptionStatus.Active, bundle.Base.Status);
    }

    [Fact]
    public void A_requested_migration_reserves_the_legacy_subscription_for_itself()
    {
        var bundle = Bundle.Alone();
        var migrationId = Guid.NewGuid();

        bundle.Request(migrationId);

        Assert.True(bundle.Base.IsBeingProcessed);
        Assert.Equal(migrationId, bundle.Base.InFlightMigrationId);
    }

    [Fact]
    public void A_requested_migration_reserves_every_member_of_a_bundle()
    {
        var bundle = Bundle.WithAddOns(2);

        var migration = bundle.Request();

        Assert.All(bundle.Members, m => Assert.Equal(migration.Id, m.InFlightMigrationId));
        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Active, m.Status));
    }

    [Fact]
    public void A_requested_migration_is_Processing_and_holds_its_subscriptions()
    {
        var migration = Bundle.Alone().Request();

        Assert.Equal(MigrationStatus.Processing, migration.Status);
        Assert.Equal(MigrationPhase.Requested, migration.Phase);
        Assert.True(migration.IsInFlight);
        Assert.Null(migration.CompletedAt);
    }

    [Fact]
    public void A_requested_migration_names_the_base_as_its_current_subscription()
    {
        var bundle = Bundle.WithAddOns(1);

        var migration = bundle.Request();

        Assert.Equal(bundle.Base.Id, migration.CurrentSubscriptionId);
        Assert.Equal(bundle.Members.Select(m => m.Id), migration.Members.Select(m => m.LegacySubscriptionId));
    }

    [Fact]
    public void A_requested_migration_must_be_resolved_within_72_hours_of_the_request()
    {
        var migration = Bundle.Alone().Request(at: Bundle.RequestedAt);

        Assert.Equal(Bundle.RequestedAt.AddHours(72), migration.ResolutionDeadline);
    }

    [Fact]
    public void A_requested_migration_records_MigrationStarted_at_the_request_time()
    {
        var bundle = Bundle.Alone();

        var migration = bundle.Request();

        var started = Assert.Single(migration.Events);
        Assert.Equal(MigrationEventName.MigrationStarted, started.Name);
        Assert.Equal(Bundle.RequestedAt, started.CreatedAt);
        Assert.Equal(bundle.Base.Id, started.CurrentSubscriptionId);
        Assert.Equal(migration.Id, started.MigrationId);
    }

    [Fact]
    public void A_requested_bundle_records_MigrationStarted_for_each_member()
    {
        var bundle = Bundle.WithAddOns(2);

        var migration = bundle.Request();

        Assert.All(migration.Events, e => Assert.Equal(MigrationEventName.MigrationStarted, e.Name));
        Assert.Equal(bundle.Members.Select(m => m.Id), migration.Events.Select(e => e.CurrentSubscriptionId));
    }

    [Fact]
    public void Requesting_a_subscription_another_migration_has_reserved_throws()
    {
        var bundle = Bundle.Alone();
        var first = bundle.Request();

        Assert.Throws<DomainException>(() => bundle.Request());

        Assert.Equal(first.Id, bundle.Base.InFlightMigrationId);
    }

    [Theory]
    [InlineData(LegacySubscriptionStatus.Suspended)]
    [InlineData(LegacySubscriptionStatus.Expired)]
    [InlineData(LegacySubscriptionStatus.Cancelled)]
    [InlineData(LegacySubscriptionStatus.Deleted)]
    [InlineData(LegacySubscriptionStatus.Migrated)]
    public void Requesting_a_subscription_that_is_not_Active_throws(LegacySubscriptionStatus status)
    {
        var bundle = Bundle.Of(A.Subscription().Of(A.Office365E3).WithStatus(status).Build());

        Assert.Throws<DomainException>(() => bundle.Request());

        Assert.Null(bundle.Base.InFlightMigrationId);
    }

    [Fact]
    public void A_request_refused_because_of_an_add_on_leaves_no_member_reserved()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var suspendedAddOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).WithStatus(LegacySubscriptionStatus.Suspended).Build();
        var bundle = Bundle.Of(@base, suspendedAddOn);

        Assert.Throws<DomainException>(() => bundle.Request());

        Assert.Null(@base.InFlightMigrationId);
        Assert.False(@base.IsBeingProcessed);
    }

    [Fact]
    public void A_request_refused_because_an_add_on_is_already_migrating_leaves_the_base_free()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).Build();
        var addOnAlone = Bundle.Of(addOn);
        var addOnMigration = addOnAlone.Request();

        Assert.Throws<DomainException>(() => Bundle.Of(@base, addOn).Request());

        Assert.Null(@base.InFlightMigrationId);
        Assert.Equal(addOnMigration.Id, addOn.InFlightMigrationId);
    }

    [Fact]
    public void Requesting_a_subscription_of_another_customer_throws_and_reserves_nothing()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var foreignAddOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).OfCustomer(Guid.NewGuid()).Build();

        Assert.Throws<DomainException>(() => Bundle.Of(@base, foreignAddOn).Request());

        Assert.Null(@base.InFlightMigrationId);
        Assert.Null(foreignAddOn.InFlightMigrationId);
    }

    [Fact]
    public void Requesting_a_migration_without_subscriptions_throws()
    {
        Assert.Throws<DomainException>(() =>
            Migration.Request(Guid.NewGuid(), A.CustomerTenantId, [], [], Bundle.RequestedAt));
    }

    [Fact]
    public void Requesting_a_subscription_twice_in_one_migration_throws()
    {
        var bundle = Bundle.Alone();
        var line = bundle.Lines[0];

        Assert.Throws<DomainException>(() =>
            Migration.Request(Guid.NewGuid(), A.CustomerTenantId, [line, line], [bundle.Base], Bundle.RequestedAt));
        Assert.Null(bundle.Base.InFlightMigrationId);
    }

    [Fact]
    public void Requesting_without_every_legacy_member_throws_and_reserves_nothing()
    {
        var bundle = Bundle.WithAddOns(1);

        Assert.Throws<DomainException>(() =>
            Migration.Request(Guid.NewGuid(), A.CustomerTenantId, bundle.Lines, [bundle.Base], Bundle.RequestedAt));
        Assert.Null(bundle.Base.InFlightMigrationId);
    }
}
