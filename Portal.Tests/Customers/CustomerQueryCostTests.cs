using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Customers;
using Portal.Demo;
using Portal.Persistence;
using Portal.Tests.Demo;

namespace Portal.Tests.Customers;

/// <summary>Counts SQL commands sent as an EF Core interceptor sees them.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>
/// With the scale data set, a customers page and a customer's subscriptions page cost the same few SQL commands
/// whatever the page size: filtering, sorting, paging and counting happen in the database, never per row.
/// </summary>
public sealed class CustomerQueryCostTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 10, 30, 0, TimeSpan.Zero);
    private readonly DemoDatabase _database = new(Now);
    private readonly CommandCounter _counter = new();

    public async ValueTask InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.Scale.GenerateAsync(new ScaleOptions { Customers = 300, SubscriptionsPerCustomer = 10 }, replace: false, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData(CustomerSort.Name)]
    [InlineData(CustomerSort.MostLegacy)]
    public async Task A_customers_page_costs_two_commands_for_10_or_200_rows(CustomerSort sort)
    {
        await using var db = CountingContext();
        var directory = new CustomerDirectory(db);

        var small = await directory.SearchAsync(DemoIds.ScaleTenantId, null, sort, 1, 10, TestContext.Current.CancellationToken);
        var smallCost = _counter.Count;
        _counter.Reset();
        var large = await directory.SearchAsync(DemoIds.ScaleTenantId, null, sort, 2, 200, TestContext.Current.CancellationToken);

        Assert.Equal((10, 300), (small.Items.Count, small.Total));
        Assert.Equal(100, large.Items.Count);
        Assert.Equal(2, smallCost);
        Assert.Equal(2, _counter.Count);
        Assert.All(large.Items, row => Assert.True(row.ActiveLegacy <= 10));
    }

    [Fact]
    public async Task Search_and_sort_happen_in_the_database_across_every_page()
    {
        await using var db = CountingContext();
        var directory = new CustomerDirectory(db);
        await using var plain = _database.NewContext();
        var all = await plain.Customers.Where(c => c.PartnerTenantId == DemoIds.ScaleTenantId).Select(c => c.Name).ToListAsync(TestContext.Current.CancellationToken);
        var fragment = all[0][..Math.Min(all[0].Length, 4)].ToUpperInvariant();
        var expected = all.Where(n => n.Contains(fragment, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();

        var pages = new List<string>();
        for (var page = 1; page <= (expected.Count + 6) / 7; page++)
        {
            pages.AddRange((await directory.SearchAsync(DemoIds.ScaleTenantId, fragment, CustomerSort.Name, page, 7, TestContext.Current.CancellationToken)).Items.Select(r => r.Name));
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, pages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task A_customers_page_costs_seven_commands_whatever_the_page_size(int pageSize)
    {
        await using var plain = _database.NewContext();
        var customerId = await plain.Customers.Where(c => c.PartnerTenantId == DemoIds.ScaleTenantId).Select(c => c.TenantId).FirstAsync(TestContext.Current.CancellationToken);
        await using var db = CountingContext();
        var directory = new CustomerDirectory(db);

        var summary = await directory.SummaryAsync(DemoIds.ScaleTenantId, customerId, TestContext.Current.CancellationToken);
        var bundles = await directory.BundlesAsync(customerId, null, SubscriptionSort.Name, 1, pageSize, TestContext.Current.CancellationToken);
        var nce = await directory.NceAsync(customerId, 1, pageSize, TestContext.Current.CancellationToken);

        Assert.Equal(10, summary!.Legacy);
        Assert.Equal(Math.Min(pageSize, bundles.Total), bundles.Items.Count);
        Assert.Equal(Math.Min(pageSize, summary.Nce), nce.Items.Count);
        Assert.Equal(1 + 4 + 2, _counter.Count);
    }

    private PortalDbContext CountingContext()
    {
        _counter.Reset();
        return PersistenceRegistration.NewContext(DatabaseProvider.Sqlite, _database.ConnectionString, options => options.AddInterceptors(_counter));
    }
}
