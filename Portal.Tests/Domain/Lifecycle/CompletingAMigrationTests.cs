using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

public class CompletingAMigrationTests
{
    private static readonly DateTimeOffset CreatedAt = Bundle.RequestedAt.AddHours(2);
    private static readonly DateTimeOffset ProvisionedAt = Bundle.RequestedAt.AddHours(3);
    private static readonly DateTimeOffset CompletedAt = Bundle.RequestedAt.AddHours(4);

    [Fact]
    public void A_completed_migration_is_Completed()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();

        bundle.Finish(migration, CompletedAt);

        Assert.Equal(MigrationStatus.Completed, migration.Status);
        Assert.Equal(MigrationPhase.Completed, migration.Phase);
        Assert.Equal(CompletedAt, migration.CompletedAt);
        Assert.False(migration.IsInFlight);
    }

    [Fact]
    public void Completing_marks_every_legacy_member_Migrated_and_frees_it()
    {
        var bundle = Bundle.WithAddOns(2);
        var migration = bundle.RequestAndBegin();

        bundle.Finish(migration, CompletedAt);

        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Migrated, m.Status));
        Assert.All(bundle.Members, m => Assert.Null(m.InFlightMigrationId));
    }

    [Fact]
    public void Each_member_shows_the_New_Commerce_subscription_it_became()
    {
        var bundle = Bundle.WithAddOns(1);
        var migration = bundle.RequestAndBegin();

        var created = bundle.CreateAndProvisionAll(migration, ProvisionedAt);

        Assert.All(bundle.Members, m => Assert.Equal(created[m.Id], migration.Member(m.Id).NceSubscriptionId));
        Assert.All(bundle.Members, m => Assert.Equal(ProvisionedAt, migration.Member(m.Id).ProvisionedAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Each_member_gets_the_Migration_Activity_events_in_order(int addOns)
    {
        var bundle = Bundle.WithAddOns(addOns);
        var migration = bundle.RequestAndBegin();
        foreach (var member in bundle.Members)
        {
            migration.RecordNceSubscriptionCreated(member.Id, Guid.NewGuid(), CreatedAt);
            migration.RecordProvisioned(member.Id, ProvisionedAt);
        }

        migration.Complete(bundle.Members, CompletedAt);

        foreach (var member in bundle.Members)
        {
            var events = migration.Events.Where(e => e.CurrentSubscriptionId == member.Id).ToList();
            Assert.Equal(
                [
                    MigrationEventName.MigrationStarted,
                    MigrationEventName.NewCommerceSubscriptionCreated,
                    MigrationEventName.NewCommerceSubscriptionProvisioned,
                    MigrationEventName.MigrationCompleted,
                ],
                events.Select(e => e.Name));
            Assert.Equal([Bundle.RequestedAt, CreatedAt, ProvisionedAt, CompletedAt], events.Select(e => e.CreatedAt));
        }
    }

    [Fact]
    public void A_successful_migration_records_no_MigrationFailed_event()
    {
        var bundle = Bundle.WithAddOns(1);
        var migration = bundle.RequestAndBegin();

        bundle.Finish(migration, CompletedAt);

        Assert.DoesNotContain(migration.Events, e => e.Name == MigrationEventName.MigrationFailed);
        Assert.All(migration.Events, e => Assert.Equal(migration.Id, e.MigrationId));
    }

    [Fact]
    public void The_NewCommerceSubscriptionCreated_event_names_the_created_subscription()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();
        var nceId = Guid.NewGuid();

        migration.RecordNceSubscriptionCreated(bundle.Base.Id, nceId, CreatedAt);

        var created = Assert.Single(migration.Events, e => e.Name == MigrationEventName.NewCommerceSubscriptionCreated);
        Assert.Equal(nceId.ToString(), created.Detail);
    }

    [Fact]
    public void Completing_before_the_New_Commerce_subscription_is_provisioned_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();
        migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), CreatedAt);

        Assert.Throws<DomainException>(() => migration.Complete(bundle.Members, CompletedAt));

        Assert.Equal(MigrationStatus.Processing, migration.Status);
        Assert.Equal(LegacySubscriptionStatus.Suspended, bundle.Base.Status);
    }

    [Fact]
    public void Completing_a_bundle_with_one_add_on_not_provisioned_throws_and_names_it()
    {
        var bundle = Bundle.WithAddOns(2);
        var migration = bundle.RequestAndBegin();
        var lagging = bundle.AddOns[1];
        foreach (var member in bundle.Members)
        {
            migration.RecordNceSubscriptionCreated(member.Id, Guid.NewGuid(), CreatedAt);
            if (member != lagging)
            {
                migration.RecordProvisioned(member.Id, ProvisionedAt);
            }
        }

        var error = Assert.Throws<DomainException>(() => migration.Complete(bundle.Members, CompletedAt));

        Assert.Contains(lagging.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.All(bundle.Members, m => Assert.Equal(LegacySubscriptionStatus.Suspended, m.Status));
    }

    [Fact]
    public void Completing_a_migration_that_has_not_begun_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.Request();

        Assert.Throws<DomainException>(() => migration.Complete(bundle.Members, CompletedAt));
    }

    [Fact]
    public void Creating_the_New_Commerce_subscription_before_the_migration_begins_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.Request();

        Assert.Throws<DomainException>(() => migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), CreatedAt));
    }

    [Fact]
    public void Provisioning_before_the_New_Commerce_subscription_is_created_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();

        Assert.Throws<DomainException>(() => migration.RecordProvisioned(bundle.Base.Id, ProvisionedAt));
        Assert.Null(migration.Member(bundle.Base.Id).ProvisionedAt);
    }

    [Fact]
    public void Creating_a_second_New_Commerce_subscription_for_a_member_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();
        var first = Guid.NewGuid();
        migration.RecordNceSubscriptionCreated(bundle.Base.Id, first, CreatedAt);

        Assert.Throws<DomainException>(() => migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), CreatedAt));
        Assert.Equal(first, migration.Member(bundle.Base.Id).NceSubscriptionId);
    }

    [Fact]
    public void Provisioning_a_member_twice_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();
        migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), CreatedAt);
        migration.RecordProvisioned(bundle.Base.Id, ProvisionedAt);

        Assert.Throws<DomainException>(() => migration.RecordProvisioned(bundle.Base.Id, CompletedAt));
    }

    [Fact]
    public void Recording_progress_for_a_subscription_outside_the_migration_throws()
    {
        var migration = Bundle.Alone().RequestAndBegin();

        Assert.Throws<DomainException>(() => migration.RecordNceSubscriptionCreated(Guid.NewGuid(), Guid.NewGuid(), CreatedAt));
    }

    [Fact]
    public void Completing_twice_throws()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.RequestAndBegin();
        bundle.Finish(migration, CompletedAt);

        Assert.Throws<DomainException>(() => migration.Complete(bundle.Members, CompletedAt.AddHours(1)));
        Assert.Equal(CompletedAt, migration.CompletedAt);
    }

    [Fact]
    public void A_migrated_legacy_subscription_cannot_be_migrated_again()
    {
        var bundle = Bundle.Alone();
        bundle.Finish(bundle.RequestAndBegin(), CompletedAt);

        Assert.Throws<DomainException>(() => bundle.Request(at: CompletedAt.AddDays(1)));
    }
}
