using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Instances;
using Portal.Persistence;
using Portal.Tests.Persistence;

namespace Portal.Tests.Instances;

/// <summary>The token cache in the database (ADR-019), on real SQLite files and PostgreSQL, with time moved by hand.</summary>
public class DatabaseTokenCacheTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task An_entry_written_by_one_instance_is_read_by_another_until_it_expires(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (first, firstServices) = Cache(store, time);
        var (second, secondServices) = Cache(store, time);
        await using var _ = firstServices;
        await using var __ = secondServices;

        await first.SetAsync("user.tenant", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) }, Ct);
        await second.SetAsync("user.tenant", [4, 5], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) }, Ct);

        Assert.Equal([4, 5], await first.GetAsync("user.tenant", Ct));
        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal([4, 5], await second.GetAsync("user.tenant", Ct));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await second.GetAsync("user.tenant", Ct));
        Assert.Equal(1, await first.DeleteExpiredAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_sliding_entry_lives_on_while_it_is_read_but_never_past_its_absolute_expiry(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (cache, services) = Cache(store, time);
        await using var _ = services;
        await cache.SetAsync("app", [9], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(25),
        }, Ct);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(await cache.GetAsync("app", Ct)); // read at 9: lives until 19
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(await cache.GetAsync("app", Ct)); // read at 18: until 25 (the absolute cap), not 28
        time.Advance(TimeSpan.FromMinutes(7));
        Assert.Null(await cache.GetAsync("app", Ct));

        await cache.SetAsync("gone", [1], new DistributedCacheEntryOptions(), Ct);
        await cache.RemoveAsync("gone", Ct);
        Assert.Null(await cache.GetAsync("gone", Ct));
    }

    private static (DatabaseTokenCache Cache, ServiceProvider Services) Cache(TestStore store, TimeProvider time)
    {
        var services = store.NewAppInstance();
        return (new DatabaseTokenCache(services.GetRequiredService<IServiceScopeFactory>(), time), services);
    }
}
