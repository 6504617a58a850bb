using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api;
using Portal.Api.Keys;
using Portal.Audit;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;

namespace Portal.Tests.Api;

/// <summary>
/// The API's limits are counted in the database, so instances on one database together allow a partner's limit, not
/// once per instance (ADR-021).
/// </summary>
public class SharedRateLimitTests(PostgresServer postgres)
{
    private static readonly ApiLimit TwentyAMinute = new() { Permits = 20, Window = TimeSpan.FromMinutes(1) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Concurrent_calls_through_separate_contexts_get_exactly_the_limit_between_them(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var time = new MovableTime(A.Now);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            await using var db = store.NewContext(); // each call as its own request, on any instance
            return await new DatabaseRateCounters(db, time).TryTakeAsync("partner:p1", TwentyAMinute, Ct);
        }));

        Assert.Equal(20, answers.Count(a => a is null));
        Assert.Equal(30, answers.Count(a => a is not null));
        await using var read = store.NewContext();
        Assert.Equal(50, await read.ApiRateCounters.Where(c => c.Partition == "partner:p1").Select(c => c.Count).SingleAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task The_last_permit_of_a_window_is_allowed_the_next_refused_until_the_window_ends_and_partitions_are_apart(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var time = new MovableTime(A.Now);

        await AssertWindowBoundariesAsync(time, async (partition, limit) =>
        {
            await using var db = store.NewContext();
            return await new DatabaseRateCounters(db, time).TryTakeAsync(partition, limit, Ct);
        });

        await using var read = store.NewContext();
        var rows = await read.ApiRateCounters.AsNoTracking().Where(c => c.Partition == "create:p1").ToListAsync(Ct);
        Assert.Equal((A.Now.AddMinutes(1).ToUnixTimeMilliseconds(), 1), (Assert.Single(rows).WindowStart, rows[0].Count)); // one row per partition, its new window
    }

    [Fact]
    public async Task In_memory_counters_keep_the_same_windows_for_a_single_instance()
    {
        var time = new MovableTime(A.Now);
        var counters = new MemoryRateCounters(time);

        await AssertWindowBoundariesAsync(time, (partition, limit) => counters.TryTakeAsync(partition, limit, Ct));
    }

    /// <summary>
    /// 3 calls a minute from the first: the 3rd allowed, the 4th refused until that minute ends, another partition
    /// with a window of its own; the first call after the end starts a new window.
    /// </summary>
    private static async Task AssertWindowBoundariesAsync(MovableTime time, Func<string, ApiLimit, Task<TimeSpan?>> take)
    {
        var start = time.Now;
        var three = new ApiLimit { Permits = 3, Window = TimeSpan.FromMinutes(1) };
        Assert.Null(await take("create:p1", three));
        Assert.Null(await take("create:p1", three));
        Assert.Null(await take("create:p1", three));
        time.Set(start.AddSeconds(15));
        Assert.Equal(TimeSpan.FromSeconds(45), await take("create:p1", three));
        Assert.Null(await take("create:p2", three));
        time.Set(start.AddMinutes(1).AddMilliseconds(-1));
        Assert.Equal(TimeSpan.FromMilliseconds(1), await take("create:p1", three));
        Assert.Null(await take("create:p2", three));

        time.Set(start.AddMinutes(1));
        Assert.Null(await take("create:p1", three));
        Assert.Null(await take("create:p2", three));
        Assert.Equal(TimeSpan.FromSeconds(15), await take("create:p2", three)); // p2's window started 15 s after p1's
    }

    [Fact]
    public async Task Two_portal_processes_on_one_database_together_allow_the_partners_limit_once()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.PostgreSQL, postgres);
        var (busyKey, busyCustomer) = await SeedPartnerWithKeyAsync(store);
        var (quietKey, quietCustomer) = await SeedPartnerWithKeyAsync(store);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["Database__ConnectionString"] = store.ConnectionString,
            ["Demo__Enabled"] = "false",
            ["Engine__Worker__Enabled"] = "false",
            ["Webhooks__DispatcherEnabled"] = "false",
            ["Api__RateLimits__PerPartner__Permits"] = "10",
            ["Api__RateLimits__PerPartner__Window"] = "01:00:00",
        };
        using var first = PortalProcess.Start("first", settings);
        using var second = PortalProcess.Start("second", settings);
        await Task.WhenAll(first.WaitForStartAsync(TimeSpan.FromSeconds(120)), second.WaitForStartAsync(TimeSpan.FromSeconds(120)));
        using var toFirst = Client(first, busyKey);
        using var toSecond = Client(second, busyKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            foreach (var client in new[] { toFirst, toSecond })
            {
                using var response = await client.GetAsync($"/api/v1/customers/{busyCustomer}");
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await RateLimitAssertions.AssertLimitedAsync(response, TimeSpan.FromHours(1));
                }
            }
        }

        using var quiet = Client(second, quietKey);
        using var other = await quiet.GetAsync($"/api/v1/customers/{quietCustomer}");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 6)), statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static HttpClient Client(PortalProcess process, string key)
    {
        var client = new HttpClient { BaseAddress = process.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<(string Key, Guid CustomerId)> SeedPartnerWithKeyAsync(TestStore store)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var partner = new PartnerOrganization { TenantId = Guid.NewGuid(), Name = $"Limited {tag}", MpnId = tag };
        var customer = new Customer { TenantId = Guid.NewGuid(), PartnerTenantId = partner.TenantId, Name = $"Customer of {tag}", Domain = $"c-{tag}.onmicrosoft.com" };
        await store.SaveAsync(db =>
        {
            db.Partners.Add(partner);
            db.Customers.Add(customer);
        });
        await using var db = store.NewContext();
        var (outcome, issued) = await new ApiKeyDesk(db, new AuditLog(db, TimeProvider.System), TimeProvider.System)
            .CreateAsync(partner.TenantId, "test", "limits", PortalRoles.AdminAgent, Ct);
        Assert.True(outcome.Succeeded);
        return (issued!.Secret, customer.TenantId);
    }
}
