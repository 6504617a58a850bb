using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Persistence;
using Xunit.Sdk;
using Xunit.v3;

namespace Portal.Tests.Persistence;

/// <summary>
/// A fresh, empty database on one provider (a temp SQLite file, or a new database on the test PostgreSQL server),
/// with contexts of the provider's own type configured by <see cref="PersistenceRegistration.Configure"/>, as the
/// app's are (the Identity schema version is pinned in the model, STACK.md gotcha 3), and app instances registered
/// through <see cref="PersistenceRegistration.AddPortalPersistence"/>.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly IAsyncDisposable _database;

    private TestStore(DatabaseProvider provider, string connectionString, IAsyncDisposable database)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _database = database;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>An empty database (no schema yet) on <paramref name="provider"/>.</summary>
    public static async Task<TestStore> CreateEmptyAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var file = new SqliteFile();
                return new TestStore(provider, file.ConnectionString, new AsyncDisposer(file.Dispose));
            case DatabaseProvider.PostgreSQL:
                var database = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
                return new TestStore(provider, database.ConnectionString, database);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    /// <summary>A database migrated the way the app migrates at start-up.</summary>
    public static async Task<TestStore> CreateAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        var store = await CreateEmptyAsync(provider, postgres);
        await using var db = store.NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>
    /// The persistence services of one app instance on this database, registered as the app registers them
    /// (its <see cref="DatabaseMigrator"/> included); the caller disposes them.
    /// </summary>
    public ServiceProvider NewAppInstance() => BuildAppServices(Provider, ConnectionString);

    /// <summary>A new context (a new unit of work) on this database; the caller disposes it.</summary>
    public PortalDbContext NewContext() => PersistenceRegistration.NewContext(Provider, ConnectionString);

    /// <summary>Opens a context, hands it to <paramref name="work"/>, saves and disposes it.</summary>
    public async Task SaveAsync(Action<PortalDbContext> work)
    {
        await using var db = NewContext();
        work(db);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
    }

    private static ServiceProvider BuildAppServices(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = connectionString,
                ["Database:MigrateOnStartup"] = "true",
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddPortalPersistence(configuration, Path.GetTempPath())
            .BuildServiceProvider();
    }

    private sealed class AsyncDisposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Runs a theory once per database provider: <c>[Theory, OnBothProviders]</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OnBothProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow<DatabaseProvider>(DatabaseProvider.Sqlite), new TheoryDataRow<DatabaseProvider>(DatabaseProvider.PostgreSQL)]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
