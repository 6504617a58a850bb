using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using Portal.Audit;
using Portal.Persistence;
using Portal.Tests.Persistence;
using Portal.Webhooks;

namespace Portal.Tests.Webhooks;

/// <summary>
/// One portal instance's webhook services on a <see cref="TestStore"/> database, registered as the app registers
/// them, with a <see cref="FakeTimeProvider"/> the test moves and the hosted dispatcher off (the test runs rounds).
/// Several instances on one database share the Data Protection key ring, as a real deployment must.
/// </summary>
public sealed class WebhookInstance : IAsyncDisposable
{
    private WebhookInstance(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public WebhookDispatcher Dispatcher => Services.GetRequiredService<WebhookDispatcher>();

    public static WebhookInstance Start(TestStore store, FakeTimeProvider time, string keyRing, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = store.Provider.ToString(),
                ["Database:ConnectionString"] = store.ConnectionString,
                ["Webhooks:DispatcherEnabled"] = "false",
                ["Webhooks:AllowHttpLoopback"] = "true",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = Path.GetTempPath() })
            .AddPortalPersistence(configuration, Path.GetTempPath())
            .AddPortalWebhooks(configuration)
            .AddScoped<AuditLog>()
            .AddSingleton<TimeProvider>(time);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyRing)).SetApplicationName("portal-webhook-tests");
        return new WebhookInstance(services.BuildServiceProvider());
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's service, as one request would.</summary>
    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
