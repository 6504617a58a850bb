using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Tests.Operations;

/// <summary>
/// A portal of its own for one test, on a real loopback port and a fresh SQLite file, with the settings the test
/// gives on top of the app's (in Development, as <see cref="Web.PortalFactory"/>); for what the shared server must not
/// change (exporters, log sinks, a running engine worker).
/// </summary>
public sealed class ConfiguredPortal : WebApplicationFactory<Program>
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"portal-ops-tests-{Guid.NewGuid():N}.db");
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ConfiguredPortal(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        UseKestrel(0);
    }

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true) { BaseAddress = ServerAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databaseFile};Pooling=False");
        builder.UseSetting("Engine:Worker:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value); // seen while Program registers its services
        }

        // ... and over appsettings*.json, which the host settings above do not override (the Serilog sinks are there).
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
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
