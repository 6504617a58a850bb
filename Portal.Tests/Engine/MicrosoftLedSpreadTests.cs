using Microsoft.EntityFrameworkCore;
using Portal.Domain.MicrosoftLed;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>The worker runs Microsoft-led schedules spread over the execution window, each at its own instant, all by the window's end.</summary>
public class MicrosoftLedSpreadTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Subscriptions_ending_on_one_day_migrate_at_their_own_instants_over_the_three_days_none_early_all_by_the_end(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscriptions = Enumerable.Range(1, 8)
            .Select(i => A.Subscription().WithId(Guid.Parse($"5b1e0000-0000-4000-8000-{i:D12}")).Named($"E3 {i}").EndingOn(2025, 9, 11).Build())
            .ToList();
        await SeedAsync(host.Store, [.. subscriptions]);
        var (from, to) = MicrosoftLedMigration.ExecutionWindow(subscriptions[0].TermEnd);

        host.Time.Set(new DateTimeOffset(2025, 9, 11, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(8, (await host.PassAsync()).MicrosoftLedScheduled);
        var ranBeforeTheEnd = new List<int>();
        for (var at = from.AddHours(-1); at < to; at = at.AddHours(3))
        {
            host.Time.Set(at);
            ranBeforeTheEnd.Add((await host.PassAsync()).SchedulesRun);
        }

        host.Time.Set(to);
        await host.PassAsync();

        await using var db = host.Store.NewContext();
        var schedules = await db.Schedules.AsNoTracking().ToListAsync(Ct);
        var migrations = await db.Migrations.AsNoTracking().ToDictionaryAsync(m => m.Id, Ct);
        Assert.Equal(8, migrations.Count); // every one ran by the window's end
        Assert.All(schedules, s =>
        {
            Assert.InRange(s.DueAt, from, to);
            var migration = migrations[s.NewCommerceMigrationId!.Value];
            Assert.True(migration.RequestedAt >= s.DueAt, $"{s.SubscriptionId} ran at {migration.RequestedAt:O}, before its instant {s.DueAt:O}");
            Assert.True(migration.RequestedAt < s.DueAt.AddHours(3) || migration.RequestedAt == to, $"{s.SubscriptionId} ran at {migration.RequestedAt:O}, long after its instant {s.DueAt:O}");
        });
        Assert.Equal(0, ranBeforeTheEnd[0]); // an hour before the window nothing runs
        Assert.True(migrations.Values.Select(m => m.RequestedAt.UtcDateTime.Date).Distinct().Count() >= 2, "all ran on one day");
        Assert.True(ranBeforeTheEnd.Count(n => n > 0) >= 4, "the runs bunch up in a few passes");
    }
}
