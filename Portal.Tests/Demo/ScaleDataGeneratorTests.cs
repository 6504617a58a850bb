using Microsoft.EntityFrameworkCore;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

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
    public async Task Migrations_come_with_their_events_their_New_Commerce_subscriptions_and_a_schedule_per_customer()
    {
        await using var database = new DemoDatabase(Now);
        await database.MigrateAsync();

        var result = await database.Scale.GenerateAsync(new ScaleOptions { Customers = 40, SubscriptionsPerCustomer = 8, MigrationsPerCustomer = 5 }, replace: false, CancellationToken.None);

        await using var db = database.NewContext();
        var migrations = await db.MigrationsWithEvents.AsNoTracking().ToListAsync();
        var legacy = (await db.LegacySubscriptions.AsNoTracking().ToListAsync()).ToDictionary(s => s.Id);
        var nce = await db.NceSubscriptions.AsNoTracking().ToListAsync();
        Assert.Equal(
            (migrations.Count, migrations.Sum(m => m.Events.Count), await db.Schedules.CountAsync(), nce.Count),
            (result.Migrations, result.MigrationEvents, result.Schedules, result.NceSubscriptions));
        Assert.InRange(result.Migrations, 40 * 3, 40 * 5);
        Assert.InRange(result.Schedules, 1, 40);
        Assert.All(migrations, m => Assert.Equal(MigrationEventName.MigrationStarted, m.Events[0].Name));

        var completed = migrations.Where(m => m.Phase == MigrationPhase.Completed).ToList();
        Assert.NotEmpty(completed);
        Assert.All(completed.SelectMany(m => m.Members), member =>
        {
            Assert.Equal(LegacySubscriptionStatus.Migrated, legacy[member.LegacySubscriptionId].Status);
            Assert.Contains(nce, s => s.Id == member.NceSubscriptionId && s.MigratedFromSubscriptionId == member.LegacySubscriptionId);
        });
        Assert.All(migrations.Where(m => m.IsInFlight).SelectMany(m => m.Members), member => Assert.True(legacy[member.LegacySubscriptionId].IsBeingProcessed));
        Assert.Contains(migrations, m => m.Phase == MigrationPhase.FailedLegacyActive);
        Assert.Contains(migrations, m => m.Phase == MigrationPhase.Reverted);

        // The 7-day cancellation windows that ended before now are recorded closed, as the engine would have done then,
        // and only those: the engine's first pass has no backlog of history to work through.
        var closed = await db.ClosedCancellationWindows.AsNoTracking().ToDictionaryAsync(w => w.NceSubscriptionId);
        Assert.NotEmpty(closed);
        Assert.All(nce, s => Assert.Equal(s.CancellationAllowedUntil <= Now, closed.ContainsKey(s.Id)));
        Assert.All(closed.Values, w => Assert.Equal(nce.Single(s => s.Id == w.NceSubscriptionId).CancellationAllowedUntil, w.ClosedAt));

        // Every scale customer has its dashboard figure, stale until first counted.
        Assert.Equal(40, await db.EligibilityFigures.CountAsync(f => f.PartnerTenantId == DemoIds.ScaleTenantId));
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
