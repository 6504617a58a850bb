using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Domain;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Persistence;

/// <summary>
/// Whatever the app does, the database itself refuses a second in-flight migration of one legacy subscription
/// and a second waiting schedule of one subscription: filtered unique indexes, on both providers. These tests go
/// around the domain's own check by giving each request its own copy of the subscription, as two app instances
/// (or a bug) would.
/// </summary>
public class InFlightConstraintTests(PostgresServer postgres)
{
    private const string InFlightIndex = "UX_MigrationMembers_InFlightSubscription";
    private const string WaitingIndex = "UX_MigrationSchedules_WaitingSubscription";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task The_database_refuses_a_second_in_flight_migration_of_one_subscription(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);

        var first = await RequestWithOwnCopyAsync(store, subscription.Id);
        await SaveNewAsync(store, first);
        var second = await RequestWithOwnCopyAsync(store, subscription.Id);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => SaveNewAsync(store, second));

        Assert.IsNotType<DbUpdateConcurrencyException>(refused);
        AssertUniqueViolation(refused, provider, InFlightIndex, "MigrationMembers.LegacySubscriptionId");
        await using var read = store.NewContext();
        Assert.Equal([first.Id], await read.Migrations.Select(m => m.Id).ToListAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_bundle_is_refused_when_one_of_its_members_is_already_in_flight(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(store, baseSubscription, addOn);

        // The add-on migrates alone first; then a bundle of base and add-on is requested from stale copies.
        await SaveNewAsync(store, await RequestWithOwnCopyAsync(store, addOn.Id));
        var bundle = await RequestWithOwnCopyAsync(store, baseSubscription.Id, addOn.Id);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => SaveNewAsync(store, bundle));
        AssertUniqueViolation(refused, provider, InFlightIndex, "MigrationMembers.LegacySubscriptionId");
    }

    [Theory, OnBothProviders]
    public async Task Two_app_instances_that_save_the_subscription_too_cannot_both_start_a_migration(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var firstCopy = await first.LegacyAsync(subscription.Id);
        var secondCopy = await second.LegacyAsync(subscription.Id);
        first.Migrations.Add(Migration.Request(Guid.NewGuid(), A.CustomerTenantId, Lines(firstCopy), [firstCopy], A.Now));
        second.Migrations.Add(Migration.Request(Guid.NewGuid(), A.CustomerTenantId, Lines(secondCopy), [secondCopy], A.Now));

        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        Assert.Equal(1, await read.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Once_a_migration_has_failed_or_completed_the_subscription_can_be_migrated_again(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);
        var staleCopy = await ReadCopiesAsync(store, subscription.Id);

        // Requested and failed before the legacy side was touched: the subscription is free again.
        var failedId = await RequestThroughTheDomainAsync(store, subscription.Id);
        await using (var db = store.NewContext())
        {
            var migration = await db.MigrationAsync(failedId);
            migration.Fail(await db.MembersAsync(migration), "E1", "Refused.", A.Now.AddMinutes(1));
            await db.SaveChangesAsync(Ct);
        }

        // So a retry is stored, and completes.
        var retryId = await RequestThroughTheDomainAsync(store, subscription.Id);
        await using (var db = store.NewContext())
        {
            var migration = await db.MigrationAsync(retryId);
            var members = await db.MembersAsync(migration);
            migration.Begin(members);
            migration.RecordNceSubscriptionCreated(subscription.Id, Guid.NewGuid(), A.Now.AddMinutes(10));
            migration.RecordProvisioned(subscription.Id, A.Now.AddMinutes(20));
            migration.Complete(members, A.Now.AddMinutes(30));
            await db.SaveChangesAsync(Ct);
        }

        // Neither the failed nor the completed migration holds the subscription any more: even a request made from
        // a copy read before all this (which the domain would refuse now) is not stopped by the database.
        var late = Request(staleCopy);
        await SaveNewAsync(store, late);

        await using var read = store.NewContext();
        Assert.Equal(
            new Dictionary<Guid, MigrationPhase>
            {
                [failedId] = MigrationPhase.FailedLegacyActive,
                [retryId] = MigrationPhase.Completed,
                [late.Id] = MigrationPhase.Requested,
            },
            await read.Migrations.ToDictionaryAsync(m => m.Id, m => m.Phase, Ct));
        Assert.Equal(
            [late.Id],
            await read.Migrations.Where(m => m.Members.Any(member => member.HoldsSubscription)).Select(m => m.Id).ToListAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task The_database_refuses_a_second_waiting_schedule_of_one_subscription_but_not_after_a_cancellation(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);
        var first = NewSchedule(subscription);
        await store.SaveAsync(db => db.Schedules.Add(first));

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => store.SaveAsync(db => db.Schedules.Add(NewSchedule(subscription))));
        AssertUniqueViolation(refused, provider, WaitingIndex, "MigrationSchedules.SubscriptionId");

        await using (var db = store.NewContext())
        {
            (await db.Schedules.SingleAsync(s => s.Id == first.Id, Ct)).Cancel(A.Now.AddHours(1));
            await db.SaveChangesAsync(Ct);
        }

        var second = NewSchedule(subscription);
        await store.SaveAsync(db => db.Schedules.Add(second));
        await using (var db = store.NewContext())
        {
            (await db.Schedules.SingleAsync(s => s.Id == second.Id, Ct)).MarkCompleted(Guid.NewGuid(), A.Now.AddHours(2));
            await db.SaveChangesAsync(Ct);
        }

        var third = NewSchedule(subscription);
        await store.SaveAsync(db => db.Schedules.Add(third));

        await using var read = store.NewContext();
        Assert.Equal(
            new Dictionary<Guid, ScheduleStatus>
            {
                [first.Id] = ScheduleStatus.Cancelled,
                [second.Id] = ScheduleStatus.Completed,
                [third.Id] = ScheduleStatus.Created,
            },
            await read.Schedules.ToDictionaryAsync(s => s.Id, s => s.Status, Ct));
    }

    private static MigrationSchedule NewSchedule(LegacySubscription subscription) =>
        MigrationSchedule.Create(Guid.NewGuid(), A.CustomerTenantId, subscription.Id, subscription.TermEnd, ScheduleTiming.OnRenewal, Lines(subscription), A.Now);

    /// <summary>
    /// Requests a migration from a copy of the subscriptions of its own, read in a context of its own, as another
    /// app instance would; the copies are not saved, so only the database's constraint can stop the request.
    /// </summary>
    private static async Task<Migration> RequestWithOwnCopyAsync(TestStore store, params Guid[] subscriptionIds) =>
        Request(await ReadCopiesAsync(store, subscriptionIds));

    private static async Task<LegacySubscription[]> ReadCopiesAsync(TestStore store, params Guid[] subscriptionIds)
    {
        await using var db = store.NewContext();
        var copies = await db.LegacySubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToListAsync(Ct);
        return [.. subscriptionIds.Select(id => copies.Single(c => c.Id == id))];
    }

    private static Migration Request(LegacySubscription[] subscriptions) =>
        Migration.Request(Guid.NewGuid(), A.CustomerTenantId, Lines(subscriptions), subscriptions, A.Now);

    /// <summary>The app's way: the subscription is reserved and saved with its migration.</summary>
    private static async Task<Guid> RequestThroughTheDomainAsync(TestStore store, Guid subscriptionId)
    {
        await using var db = store.NewContext();
        var migration = Request([await db.LegacyAsync(subscriptionId)]);
        db.Migrations.Add(migration);
        await db.SaveChangesAsync(Ct);
        return migration.Id;
    }

    private static Task SaveNewAsync(TestStore store, Migration migration) => store.SaveAsync(db => db.Migrations.Add(migration));

    private static void AssertUniqueViolation(DbUpdateException refused, DatabaseProvider provider, string index, string sqliteColumn)
    {
        switch (provider)
        {
            case DatabaseProvider.PostgreSQL:
                var postgresError = Assert.IsType<PostgresException>(refused.InnerException);
                Assert.Equal(PostgresErrorCodes.UniqueViolation, postgresError.SqlState);
                Assert.Equal(index, postgresError.ConstraintName);
                break;
            case DatabaseProvider.Sqlite:
                // SQLite names the columns, not the index: "UNIQUE constraint failed: MigrationMembers.LegacySubscriptionId".
                var sqliteError = Assert.IsType<SqliteException>(refused.InnerException);
                Assert.Equal(2067, sqliteError.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_UNIQUE
                Assert.Contains(sqliteColumn, sqliteError.Message, StringComparison.Ordinal);
                break;
        }
    }
}
