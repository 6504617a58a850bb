using Microsoft.EntityFrameworkCore;
using Portal.Demo;

namespace Portal.Tests.Demo;

public sealed class ScaleDataGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_small_scale_run_stores_exactly_the_requested_counts()
    {
        await using var database = new DemoDatabase(Now);
        await database.MigrateAsync();

        var result = await database.Scale.GenerateAsync(new ScaleOptions { Customers = 200, SubscriptionsPerCustomer = 5 }, replace: false, CancellationToken.None);

        Assert.Equal((200, 1000, false), (result.Customers, result.LegacySubscriptions, result.Skipped));
        await using var db = database.NewContext();
        Assert.Equal("Scale Test Partner", (await db.Partners.SingleAsync(p => p.TenantId == DemoIds.ScaleTenantId)).Name);
        var customers = await db.Customers.Where(c => c.PartnerTenantId == DemoIds.ScaleTenantId).Select(c => c.TenantId).ToListAsync();
        Assert.Equal(200, customers.Count);
        var perCustomer = await db.LegacySubscriptions.GroupBy(s => s.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(200, perCustomer.Count);
        Assert.All(perCustomer, count => Assert.Equal(5, count));
        Assert.Contains(await db.LegacySubscriptions.Select(s => s.ParentSubscriptionId).ToListAsync(), parent => parent is not null);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data_set_and_an_existing_one_is_kept_unless_replaced()
    {
        await using var database = new DemoDatabase(Now);
        await database.MigrateAsync();
        var options = new ScaleOptions { Customers = 60, SubscriptionsPerCustomer = 4, Seed = 7 };

        await database.Scale.GenerateAsync(options, replace: false, CancellationToken.None);
        var first = await SnapshotAsync(database);
        var again = await database.Scale.GenerateAsync(options, replace: false, CancellationToken.None);
        var replaced = await database.Scale.GenerateAsync(options, replace: true, CancellationToken.None);

        Assert.Equal((true, 60, 240), (again.Skipped, again.Customers, again.LegacySubscriptions));
        Assert.False(replaced.Skipped);
        Assert.Equal(first, await SnapshotAsync(database));
    }

    [Fact]
    public async Task Configuration_generates_the_scale_data_at_start_up_without_the_demo_partners()
    {
        await using var database = new DemoDatabase(Now, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Demo:Scale:Customers"] = "30",
            ["Demo:Scale:SubscriptionsPerCustomer"] = "3",
        });
        await database.MigrateAsync();

        await database.Seeder.StartAsync(CancellationToken.None);
        await database.Seeder.StartAsync(CancellationToken.None);

        var counts = await database.CountAsync();
        Assert.Equal((1, 30, 90), (counts.Partners, counts.Customers, counts.LegacySubscriptions));
    }

    private static async Task<List<string>> SnapshotAsync(DemoDatabase database)
    {
        await using var db = database.NewContext();
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Domain).Select(c => $"{c.TenantId} {c.Name} {c.Domain} {c.Segment}").ToListAsync();
        var subscriptions = (await db.LegacySubscriptions.AsNoTracking().ToListAsync())
            .OrderBy(s => s.Id)
            .Select(s => $"{s.Id} {s.CustomerId} {s.OfferId} {s.Quantity} {s.Term} {s.Billing} {s.TermEnd:O} {s.Status} {s.ParentSubscriptionId}");
        return [.. customers, .. subscriptions];
    }
}
