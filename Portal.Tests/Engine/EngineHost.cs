using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Partners;
using Portal.Engine;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;

namespace Portal.Tests.Engine;

/// <summary>A clock tests move by hand.</summary>
public sealed class MovableTime(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The engine's services as the app registers them (<see cref="EngineRegistration.AddPortalEngine"/> on top of the
/// persistence), on a fresh migrated database of one provider, with a <see cref="MovableTime"/> clock.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineHost(TestStore store, MovableTime time, ServiceProvider services)
    {
        Store = store;
        Time = time;
        _services = services;
    }

    public TestStore Store { get; }

    public MovableTime Time { get; }

    public static async Task<EngineHost> CreateAsync(
        DatabaseProvider provider,
        PostgresServer postgres,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = store.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new MovableTime(A.Now);
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddPortalPersistence(configuration, Path.GetTempPath())
            .AddPortalEngine(configuration);
        // The tests run the worker's passes themselves.
        collection.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        services?.Invoke(collection);
        return new EngineHost(store, time, collection.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>A new request scope (its own context), as each HTTP request or worker step gets.</summary>
    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    /// <summary>Runs <paramref name="work"/> with a service of a fresh scope.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public T Singleton<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A Sandbox partner with a customer of its own, both active (ids below).</summary>
    public static readonly PartnerOrganization Sandbox = new()
    {
        TenantId = Guid.Parse("5a4db0c5-0000-4000-8000-000000000001"),
        Name = "Northwind Sandbox",
        MpnId = "5550001",
        Environment = PartnerEnvironment.Sandbox,
    };

    public static readonly Portal.Domain.Customers.Customer SandboxCustomer = new()
    {
        TenantId = Guid.Parse("5a4dc057-0000-4000-8000-000000000001"),
        PartnerTenantId = Sandbox.TenantId,
        Name = "Sandbox Customer",
        Domain = "sandboxcustomer.onmicrosoft.com",
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
    }
}
