using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Persistence;

namespace Portal.Tests.Demo;

/// <summary>A clock that stands still, so a seeded data set and its evaluation see the same "now".</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// A fresh SQLite file (no pooling, deleted afterwards) with the app's own store and demo registrations, migrated
/// with the real schema migrations. Several instances may open the same file, as a restarted app would.
/// </summary>
public sealed class DemoDatabase : IAsyncDisposable
{
    private readonly bool _ownsFile;

    public DemoDatabase(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null, string? file = null)
    {
        _ownsFile = file is null;
        File = file ?? Path.Combine(Path.GetTempPath(), $"portal-demo-tests-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={File};Pooling=False";
        Services = AppServices(DatabaseProvider.Sqlite, ConnectionString, now, settings);
    }

    /// <summary>The app's store and demo registrations on any database, with a clock standing at <paramref name="now"/>.</summary>
    public static ServiceProvider AppServices(DatabaseProvider provider, string connectionString, DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = connectionString,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
        services.AddPortalPersistence(configuration, Path.GetTempPath());
        services.AddPortalDemo(configuration);
        return services.BuildServiceProvider();
    }

    public string File { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public DemoDataSeeder Seeder => Services.GetRequiredService<DemoDataSeeder>();

    public ScaleDataGenerator Scale => Services.GetRequiredService<ScaleDataGenerator>();

    public async Task MigrateAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>A context of its own, built the way the app builds it.</summary>
    public PortalDbContext NewContext()
    {
        return PersistenceRegistration.NewContext(DatabaseProvider.Sqlite, ConnectionString);
    }

    public async Task<TableCounts> CountAsync()
    {
        await using var db = NewContext();
        return new TableCounts(
            await db.Partners.CountAsync(),
            await db.LegacyOffers.CountAsync(),
            await db.Customers.CountAsync(),
            await db.LegacySubscriptions.CountAsync(),
            await db.NceSubscriptions.CountAsync(),
            await db.Migrations.CountAsync(),
            await db.MigrationEvents.CountAsync(),
            await db.Schedules.CountAsync(),
            await db.Users.CountAsync(),
            await db.Roles.CountAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_ownsFile)
        {
            foreach (var file in new[] { File, File + "-wal", File + "-shm", File + "-journal" })
            {
                System.IO.File.Delete(file);
            }
        }
    }
}

public sealed record TableCounts(
    int Partners,
    int Offers,
    int Customers,
    int LegacySubscriptions,
    int NceSubscriptions,
    int Migrations,
    int MigrationEvents,
    int Schedules,
    int Users,
    int Roles);
