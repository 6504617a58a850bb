using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Publishing;

namespace Portal.Tests.Web.Publishing;

/// <summary>
/// A clock that tests move by hand (Microsoft.Extensions.TimeProvider.Testing does not restore here). It starts at
/// the real time, so seeded demo data looks as usual, and only goes forward.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow()
    {
        lock (this)
        {
            return _now;
        }
    }

    public void MoveTo(DateTimeOffset instant)
    {
        lock (this)
        {
            Assert.True(instant >= _now, $"The clock only goes forward: {instant:O} is before {_now:O}.");
            _now = instant;
        }
    }
}

/// <summary>
/// The portal on a real port with its own SQLite file and demo data, like <see cref="PortalFactory"/>, but with a
/// <see cref="ManualClock"/> as its <see cref="TimeProvider"/> and the publisher migration runner off: tests move time past a
/// slot and then run due migrations on demand, as the runner would. One per test class (moving time is not shared).
/// The engine worker runs (every 2 s) on the same clock, so partner migrations advance only as far as tests move it.
/// </summary>
public sealed class ClockedPortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"portal-publishing-tests-{Guid.NewGuid():N}.db");

    public ClockedPortalFactory()
    {
        UseKestrel(0);
    }

    public ManualClock Clock { get; } = new();

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    /// <summary>Moves the clock to <paramref name="instant"/> and runs the due migrations, as the worker would at its next tick.</summary>
    public async Task<IReadOnlyList<PublisherMigrationRun>> MoveClockAndRunDueAsync(DateTimeOffset instant)
    {
        Clock.MoveTo(instant);
        return await Services.GetRequiredService<PublisherMigrationRunner>().RunDueAsync(TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databaseFile};Pooling=False");
        builder.UseSetting("Publishing:RunnerIntervalSeconds", "0");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
