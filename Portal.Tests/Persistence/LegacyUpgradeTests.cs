using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Demo;
using Portal.Persistence;
using Portal.Persistence.Migrations.Legacy;
using Portal.Tests.Demo;
using Portal.Tests.Domain;

namespace Portal.Tests.Persistence;

/// <summary>
/// A database made by the hand-written SQL migrations of ADR-005 upgrades in place to the generated migrations of
/// ADR-020 when the app starts: it gets whatever hand-written migrations it lacks, the generated baseline is recorded
/// as applied, and every row stays as it was.
/// </summary>
public class LegacyUpgradeTests(PostgresServer postgres)
{
    private const string LastHandWritten = "20261130001000_DraftRetention";

    /// <summary>Tables the demo data fills, so that keeping their rows is a test that can fail.</summary>
    private static readonly string[] DemoTables =
    [
        "Partners", "Customers", "LegacyOffers", "LegacySubscriptions", "NceSubscriptions", "Migrations", "MigrationEvents", "MigrationMembers",
        "MigrationSchedules", "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "NceSeatAdditions", "Publishers", "PublisherOffers",
    ];

    private static readonly DateTimeOffset Now = new(2026, 3, 16, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task A_database_at_the_last_hand_written_migration_with_the_demo_data_upgrades_in_place_and_keeps_every_row(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        var handWritten = await MigrateWithHandWrittenAsync(store, LastHandWritten);
        Assert.Equal(6, handWritten.Count);
        await AsThePreviousBuildAsync(store, () => SeedDemoAsync(store));
        var before = await ReadRowsAsync(store);
        Assert.All(
            DemoTables,
            table => Assert.True(before[table].Count > 0, $"The demo data left {table} empty: {StoredRows.Counts(before)}"));

        // Two instances of this build start together on it, as a partner's deployment would.
        await StartTwoInstancesAsync(store);

        // Every table it had keeps every row; the tables of the later generated migrations are new.
        var after = await ReadRowsAsync(store);
        Assert.Equal(StoredRows.Counts(before), StoredRows.Counts(after.Where(t => before.ContainsKey(t.Key)).ToDictionary()));
        foreach (var (table, rows) in before)
        {
            Assert.Equal(rows, after[table]);
        }

        await using var db = store.NewContext();
        Assert.Equal([.. handWritten, .. db.Database.GetMigrations()], await HistoryAsync(db));
        Assert.Equal(LegacySchema.BaselineMigrationId, db.Database.GetMigrations().First());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        await AssertSchemaIsTheModelsAsync(store, db);

        // And the app reads it: every migration with its events, every account.
        Assert.Equal(before["Migrations"].Count, (await db.MigrationsWithEvents.AsNoTracking().ToListAsync(Ct)).Count);
        Assert.Equal(before["AspNetUsers"].Count, await db.Users.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_database_at_an_earlier_hand_written_migration_gets_the_rest_of_them_before_the_baseline(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        var handWritten = await MigrateWithHandWrittenAsync(store, "20261130000400_Publishing");
        Assert.Equal(4, handWritten.Count);
        await AsThePreviousBuildAsync(store, () => StoredData.SeedAsync(store, A.Subscription().Build()));
        var before = await ReadRowsAsync(store);
        Assert.DoesNotContain("MigrationDrafts", before.Keys);

        await StartTwoInstancesAsync(store);

        await using var db = store.NewContext();
        await using (var legacy = LegacySchema.NewContext(provider, store.ConnectionString))
        {
            Assert.Equal([.. legacy.Database.GetMigrations(), .. db.Database.GetMigrations()], await HistoryAsync(db));
        }

        await AssertSchemaIsTheModelsAsync(store, db);
        var after = await ReadRowsAsync(store);
        Assert.Empty(after["MigrationDrafts"]);
        foreach (var (table, rows) in before)
        {
            Assert.Equal(rows, after[table]);
        }
    }

    [Theory, OnBothProviders]
    public async Task An_upgraded_database_starts_again_without_changing_anything(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        await MigrateWithHandWrittenAsync(store, LastHandWritten);
        await AsThePreviousBuildAsync(store, () => StoredData.SeedAsync(store, A.Subscription().Build()));
        await StartTwoInstancesAsync(store);
        await using var db = store.NewContext();
        var history = await HistoryAsync(db);
        var rows = await ReadRowsAsync(store);
        var schema = await DatabaseSchema.ReadAsync(db, Ct);

        await StartTwoInstancesAsync(store);

        Assert.Equal(history, await HistoryAsync(db));
        Assert.Equal(schema, await DatabaseSchema.ReadAsync(db, Ct));
        var again = await ReadRowsAsync(store);
        Assert.Equal(StoredRows.Counts(rows), StoredRows.Counts(again));
        Assert.Equal(rows["LegacySubscriptions"], again["LegacySubscriptions"]);
    }

    /// <summary>Builds the database the way the app did before ADR-020, up to <paramref name="target"/>; the history it left.</summary>
    private static async Task<IReadOnlyList<string>> MigrateWithHandWrittenAsync(TestStore store, string target)
    {
        await using (var legacy = LegacySchema.NewContext(store.Provider, store.ConnectionString))
        {
            await legacy.Database.MigrateAsync(target, Ct);
        }

        await using var db = store.NewContext();
        var history = await HistoryAsync(db);
        Assert.Equal(target, history[^1]);
        Assert.DoesNotContain(LegacySchema.BaselineMigrationId, history);
        return history;
    }

    /// <summary>
    /// Stores data with this build's model on a database of the hand-written migrations, and leaves the database as
    /// the previous build left it. The model has tables the generated migrations after the baseline add (and the
    /// demo seeder waits for the baseline), so the baseline is recorded and the later migrations applied while
    /// <paramref name="seed"/> runs; then their tables and history records go again.
    /// </summary>
    private static async Task AsThePreviousBuildAsync(TestStore store, Func<Task> seed)
    {
        await using var db = store.NewContext();
        var history = await HistoryAsync(db);
        var tables = await TablesAsync(db);
        var indexes = await IndexesAsync(db);
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"__SchemaHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({LegacySchema.BaselineMigrationId}, '10.0.14')", Ct);
        await db.Database.MigrateAsync(Ct);

        await seed();

        foreach (var added in (await TablesAsync(db)).Except(tables))
        {
            // A table name from the database's own catalog, not input.
            var drop = "DROP TABLE \"" + added + "\"";
            await db.Database.ExecuteSqlRawAsync(drop, Ct);
        }

        foreach (var added in (await IndexesAsync(db)).Except(indexes))
        {
            // An index a later migration added to a table the previous build had; a name from the database's own catalog.
            var drop = "DROP INDEX \"" + added + "\"";
            await db.Database.ExecuteSqlRawAsync(drop, Ct);
        }

        foreach (var applied in (await HistoryAsync(db)).Except(history))
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__SchemaHistory\" WHERE \"MigrationId\" = {applied}", Ct);
        }

        Assert.Equal(history, await HistoryAsync(db));
    }

    /// <summary>The demo data, seeded by the app's own seeder.</summary>
    private static async Task SeedDemoAsync(TestStore store)
    {
        await using var app = DemoDatabase.AppServices(store.Provider, store.ConnectionString, Now, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        Assert.True(await app.GetRequiredService<DemoDataSeeder>().SeedAsync(Ct));
    }

    private static async Task<List<string>> TablesAsync(PortalDbContext db) =>
        await db.Database.SqlQueryRaw<string>(
            db.Database.IsSqlite()
                ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
            .ToListAsync(Ct);

    private static async Task<List<string>> IndexesAsync(PortalDbContext db) =>
        await db.Database.SqlQueryRaw<string>(
            db.Database.IsSqlite()
                ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                : "SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = 'public'")
            .ToListAsync(Ct);

    /// <summary>The app's own start-up step, in two instances at once.</summary>
    private static async Task StartTwoInstancesAsync(TestStore store)
    {
        await using var first = store.NewAppInstance();
        await using var second = store.NewAppInstance();
        await Task.WhenAll(
            Task.Run(() => Migrator(first).StartAsync(Ct), Ct),
            Task.Run(() => Migrator(second).StartAsync(Ct), Ct));

        static DatabaseMigrator Migrator(IServiceProvider services) => services.GetServices<IHostedService>().OfType<DatabaseMigrator>().Single();
    }

    private async Task AssertSchemaIsTheModelsAsync(TestStore store, PortalDbContext upgraded)
    {
        await using var created = await TestStore.CreateEmptyAsync(store.Provider, postgres);
        await using var fromModel = created.NewContext();
        Assert.True(await fromModel.Database.EnsureCreatedAsync(Ct));
        DatabaseSchema.AssertSame(await DatabaseSchema.ReadAsync(fromModel, Ct), await DatabaseSchema.ReadAsync(upgraded, Ct), store.Provider);
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadRowsAsync(TestStore store)
    {
        await using var db = store.NewContext();
        return await StoredRows.ReadAsync(db, Ct);
    }

    private static async Task<List<string>> HistoryAsync(PortalDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__SchemaHistory\" ORDER BY \"MigrationId\"").ToListAsync(Ct);
}
