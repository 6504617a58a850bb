using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Portal.Tests.Web;

/// <summary>
/// The real portal on a real loopback port (Kestrel, port 0), so both <see cref="HttpClient"/> tests and a real
/// browser can reach it. Shared by the whole test assembly (see <c>WebFixtures.cs</c>); the server starts on first use.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"portal-web-tests-{Guid.NewGuid():N}.db");

    public PortalFactory()
    {
        // STACK.md gotcha 6: .NET 10's factory can run Kestrel; port 0 picks a free port.
        UseKestrel(0);
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:40123/</c>. Starts the server.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>Starts the one server before any test uses it: two tests starting it at once would start two hosts.</summary>
    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // STACK.md gotcha 2: packages' static web assets (MudBlazor's CSS and script) are only served through the
        // static web assets manifest, which is read in Development.
        builder.UseEnvironment(Environments.Development);
        builder.UseStaticWebAssets();

        // Each test run gets a fresh SQLite file of its own, migrated at start-up like a real first run.
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databaseFile};Pooling=False");

        // The engine's worker would move the seeded migrations and schedules on while tests look at them; the engine's
        // own tests run its passes themselves.
        builder.UseSetting("Engine:Worker:Enabled", "false");
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
