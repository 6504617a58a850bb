using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Persistence;
using Portal.Persistence.Migrations.Legacy;

namespace Portal.Tests.Persistence;

/// <summary>
/// Each provider's generated migrations (ADR-020) must build exactly the schema the model describes: an empty database
/// migrated at start-up is compared, catalog against catalog, with one that <c>EnsureCreated()</c> builds from the
/// model (STACK.md gotcha 5); and their model snapshot must be the current model, so no change lacks its migration.
/// </summary>
public class SchemaTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Migrating_an_empty_database_builds_the_schema_the_model_describes(DatabaseProvider provider)
    {
        await using var migratedStore = await TestStore.CreateEmptyAsync(provider, postgres);
        await using var createdStore = await TestStore.CreateEmptyAsync(provider, postgres);

        await using var migratedDb = migratedStore.NewContext();
        await migratedDb.Database.MigrateAsync(Ct);
        await using var createdDb = createdStore.NewContext();
        Assert.True(await createdDb.Database.EnsureCreatedAsync(Ct));

        var migrated = await DatabaseSchema.ReadAsync(migratedDb, Ct);
        var fromModel = await DatabaseSchema.ReadAsync(createdDb, Ct);

        DatabaseSchema.AssertSame(fromModel, migrated, provider);

        // The comparison saw what matters: every table, and the filtered unique indexes that guard in-flight work.
        var tables = createdDb.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct().ToList();
        Assert.All(tables, table => Assert.Contains($"table {table}", fromModel));
        Assert.Contains(fromModel, f => f.Contains("UX_MigrationMembers_InFlightSubscription", StringComparison.Ordinal)
            && f.Contains("UNIQUE", StringComparison.Ordinal) && f.Contains("\"HoldsSubscription\" = ", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fromModel, f => f.Contains("UX_MigrationSchedules_WaitingSubscription", StringComparison.Ordinal)
            && f.Contains("UNIQUE", StringComparison.Ordinal) && f.Contains("'Created'", StringComparison.Ordinal));
        Assert.Contains(fromModel, f => f.StartsWith("foreign key LegacySubscriptions", StringComparison.Ordinal));
        Assert.Contains(fromModel, f => f.StartsWith("column LegacySubscriptions.Version", StringComparison.Ordinal));
    }

    [Theory, OnBothProviders]
    public async Task The_schema_script_command_prints_the_schema_the_model_describes(DatabaseProvider provider)
    {
        var output = new StringWriter();
        Assert.True(SchemaScript.TryRun(["schema-script", provider.ToString().ToLowerInvariant()], output));
        await using var scriptedStore = await TestStore.CreateEmptyAsync(provider, postgres);
        await using var createdStore = await TestStore.CreateEmptyAsync(provider, postgres);

        await using var scriptedDb = scriptedStore.NewContext();
        await scriptedDb.Database.ExecuteSqlRawAsync(output.ToString(), Ct);
        await using var createdDb = createdStore.NewContext();
        Assert.True(await createdDb.Database.EnsureCreatedAsync(Ct));

        DatabaseSchema.AssertSame(await DatabaseSchema.ReadAsync(createdDb, Ct), await DatabaseSchema.ReadAsync(scriptedDb, Ct), provider);
    }

    [Fact]
    public void The_schema_script_command_names_the_providers_it_knows_and_leaves_other_commands_alone()
    {
        var output = new StringWriter();

        var refused = Assert.Throws<ArgumentException>(() => SchemaScript.TryRun(["schema-script", "Oracle"], output));

        Assert.Equal("Unknown provider 'Oracle': use Sqlite or PostgreSQL.", refused.Message);
        Assert.False(SchemaScript.TryRun(["scale-seed"], output));
        Assert.False(SchemaScript.TryRun([], output));
        Assert.Empty(output.ToString());
    }

    [Theory, OnBothProviders]
    public async Task Every_model_change_has_its_generated_migration(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        await using var db = store.NewContext();

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration describes: run scripts/add-migration.sh <Name> (README, Schema changes).");
        Assert.Equal(LegacySchema.BaselineMigrationId, db.Database.GetMigrations().First());
    }

    [Theory, OnBothProviders]
    public async Task Migrations_are_recorded_in_the_schema_history_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        await using var db = store.NewContext();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetPendingMigrationsAsync(Ct));

        await db.Database.MigrateAsync(Ct);
        var schemaAfterFirstRun = await DatabaseSchema.ReadAsync(db, Ct);
        var history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__SchemaHistory\" ORDER BY \"MigrationId\"").ToListAsync(Ct);
        Assert.Equal(all, history);
        Assert.Equal(LegacySchema.BaselineMigrationId, history[0]);

        // A new database is built by the generated migrations alone: none of the hand-written ones runs.
        await using (var legacy = LegacySchema.NewContext(provider, store.ConnectionString))
        {
            Assert.Empty(history.Intersect(legacy.Database.GetMigrations()));
        }

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));

        await using (var second = store.NewContext())
        {
            await second.Database.MigrateAsync(Ct);
        }

        await using var after = store.NewContext();
        Assert.Equal(history, await after.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__SchemaHistory\" ORDER BY \"MigrationId\"").ToListAsync(Ct));
        Assert.Equal(schemaAfterFirstRun, await DatabaseSchema.ReadAsync(after, Ct));
        Assert.Equal(all, await after.Database.GetAppliedMigrationsAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Two_app_instances_starting_together_on_an_empty_database_apply_each_migration_once(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        await using var first = store.NewAppInstance();
        await using var second = store.NewAppInstance();

        // The app's own start-up step, in both instances at once.
        await Task.WhenAll(
            Task.Run(() => Migrator(first).StartAsync(Ct), Ct),
            Task.Run(() => Migrator(second).StartAsync(Ct), Ct));

        await using var db = store.NewContext();
        var history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__SchemaHistory\"").ToListAsync(Ct);
        Assert.Equal(db.Database.GetMigrations().Order(), history.Order());
        Assert.Equal(0, await db.LegacySubscriptions.CountAsync(Ct));

        static DatabaseMigrator Migrator(IServiceProvider services) => services.GetServices<IHostedService>().OfType<DatabaseMigrator>().Single();
    }
}
