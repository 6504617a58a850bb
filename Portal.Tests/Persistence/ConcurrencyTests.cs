using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Domain;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Persistence;

/// <summary>
/// Optimistic concurrency: two users load the same aggregate and both change it; the first save wins, the second
/// gets <see cref="DbUpdateConcurrencyException"/> and nothing of it is stored. A change only to a part of an
/// aggregate (a member of a migration, a seat addition, an event) counts as a change of the aggregate.
/// </summary>
public class ConcurrencyTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task The_second_of_two_concurrent_changes_to_a_legacy_subscription_is_refused(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var firstCopy = await first.LegacyAsync(subscription.Id);
        var secondCopy = await second.LegacyAsync(subscription.Id);
        firstCopy.Cancel();
        secondCopy.Reserve(Guid.NewGuid());

        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        var stored = await read.LegacyAsync(subscription.Id);
        Assert.Equal(LegacySubscriptionStatus.Cancelled, stored.Status);
        Assert.Null(stored.InFlightMigrationId);
        Assert.Equal(1, read.StoredVersion(stored));
    }

    [Theory, OnBothProviders]
    public async Task The_second_of_two_concurrent_changes_to_a_migration_is_refused(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var migrationId = await StoreRequestedMigrationAsync(store);

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var firstCopy = await first.MigrationAsync(migrationId);
        var secondCopy = await second.MigrationAsync(migrationId);
        firstCopy.Begin(await first.MembersAsync(firstCopy));
        secondCopy.Fail(await second.MembersAsync(secondCopy), "E1", "Refused by Partner Center.", A.Now.AddMinutes(5));

        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        var stored = await read.MigrationAsync(migrationId);
        Assert.Equal(MigrationPhase.LegacySuspended, stored.Phase);
        Assert.Null(stored.ErrorCode);
        Assert.Equal(2, stored.Events.Count);
        Assert.All(await read.MembersAsync(stored), s => Assert.Equal(LegacySubscriptionStatus.Suspended, s.Status));
    }

    [Theory, OnBothProviders]
    public async Task Changing_only_a_member_of_a_migration_bumps_its_version_so_a_concurrent_change_is_refused(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var migrationId = await StoreRequestedMigrationAsync(store, begin: true);
        var baseId = await BaseIdAsync(store, migrationId);
        var firstNce = Guid.NewGuid();

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var firstCopy = await first.MigrationAsync(migrationId);
        var secondCopy = await second.MigrationAsync(migrationId);
        var versionBefore = first.StoredVersion(firstCopy);

        // Only a member row (its New Commerce id) and a new event change; the migration's own row does not.
        firstCopy.RecordNceSubscriptionCreated(baseId, firstNce, A.Now.AddMinutes(10));
        secondCopy.RecordNceSubscriptionCreated(baseId, Guid.NewGuid(), A.Now.AddMinutes(11));
        Assert.Equal(EntityState.Unchanged, first.Entry(firstCopy).State);

        await first.SaveChangesAsync(Ct);
        Assert.Equal(versionBefore + 1, first.StoredVersion(firstCopy));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        var stored = await read.MigrationAsync(migrationId);
        Assert.Equal(firstNce, stored.Member(baseId).NceSubscriptionId);
        Assert.Single(stored.Events, e => e.Name == MigrationEventName.NewCommerceSubscriptionCreated);
        Assert.Equal(versionBefore + 1, read.StoredVersion(stored));
    }

    [Theory, OnBothProviders]
    public async Task Saving_an_unchanged_aggregate_keeps_its_version(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var migrationId = await StoreRequestedMigrationAsync(store);

        await using var db = store.NewContext();
        var migration = await db.MigrationAsync(migrationId);
        var members = await db.MembersAsync(migration);
        var version = db.StoredVersion(migration);
        Assert.Equal(0, await db.SaveChangesAsync(Ct));
        Assert.Equal(version, db.StoredVersion(migration));
        Assert.All(members, s => Assert.Equal(1, db.StoredVersion(s)));
    }

    [Theory, OnBothProviders]
    public async Task The_second_of_two_concurrent_seat_changes_to_a_New_Commerce_subscription_is_refused(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await SeedAsync(store);
        var subscription = A.NceSubscription().WithSeats(10).CreatedAt(A.Now.AddDays(-1)).Build();
        await store.SaveAsync(db => db.NceSubscriptions.Add(subscription));

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var firstCopy = await first.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct);
        var secondCopy = await second.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct);
        firstCopy.AddSeats(5, A.Now);
        Assert.True(secondCopy.ReduceSeats(8, A.Now).Succeeded);

        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        var stored = await read.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct);
        Assert.Equal(15, stored.Quantity);
        Assert.Equal([10, 5], stored.SeatAdditions.Select(a => a.Quantity));
    }

    [Theory, OnBothProviders]
    public async Task The_second_of_two_concurrent_changes_to_a_schedule_is_refused(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);
        var schedule = MigrationSchedule.Create(Guid.NewGuid(), A.CustomerTenantId, subscription.Id, subscription.TermEnd, ScheduleTiming.OnRenewal, Lines(subscription), A.Now);
        await store.SaveAsync(db => db.Schedules.Add(schedule));

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var firstCopy = await first.Schedules.SingleAsync(s => s.Id == schedule.Id, Ct);
        var secondCopy = await second.Schedules.SingleAsync(s => s.Id == schedule.Id, Ct);
        firstCopy.Cancel(A.Now.AddHours(1));
        secondCopy.Update(ScheduleTiming.OnDate(new DateOnly(2025, 11, 1)), Lines(subscription), A.Now.AddHours(2));

        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        var stored = await read.Schedules.SingleAsync(s => s.Id == schedule.Id, Ct);
        Assert.Equal(ScheduleStatus.Cancelled, stored.Status);
        Assert.True(stored.Timing.MigrateOnRenewal);
        Assert.Equal(A.Now.AddHours(1), stored.LastModifiedAt);
    }

    private static async Task<Guid> StoreRequestedMigrationAsync(TestStore store, bool begin = false)
    {
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(store, baseSubscription, addOn);
        var migrationId = Guid.NewGuid();
        await using var db = store.NewContext();
        var legacy = new[] { await db.LegacyAsync(baseSubscription.Id), await db.LegacyAsync(addOn.Id) };
        var migration = Migration.Request(migrationId, A.CustomerTenantId, Lines(legacy), legacy, A.Now);
        if (begin)
        {
            migration.Begin(legacy);
        }

        db.Migrations.Add(migration);
        await db.SaveChangesAsync(Ct);
        return migrationId;
    }

    private static async Task<Guid> BaseIdAsync(TestStore store, Guid migrationId)
    {
        await using var db = store.NewContext();
        return (await db.MigrationAsync(migrationId)).CurrentSubscriptionId;
    }
}
