using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using Portal.Webhooks;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>
/// Two real portal processes on one PostgreSQL database run the same schedules: none runs twice, none is dropped,
/// also when one process is killed in the middle of the run (ADR-007).
/// </summary>
public class SeveralInstancesTests(PostgresServer postgres)
{
    private const int Schedules = 24;

    /// <summary>Seconds on an idle machine; much longer when the machine is busy with other builds.</summary>
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_processes_on_one_database_run_every_schedule_exactly_once()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.PostgreSQL, postgres);
        var subscriptions = await SeedDueSchedulesAsync(store);

        using var first = PortalProcess.Start("first", Settings(store));
        using var second = PortalProcess.Start("second", Settings(store));
        await Task.WhenAll(first.WaitForStartAsync(Startup), second.WaitForStartAsync(Startup));
        await WaitUntilAllCompletedAsync(store, [first, second], TimeSpan.FromSeconds(60));

        await AssertEachRanExactlyOnceAsync(store, subscriptions);
        Assert.Contains("Engine worker first started", first.Output, StringComparison.Ordinal);
        Assert.Contains("Engine worker second started", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_killed_in_the_middle_leaves_nothing_half_done_and_the_survivor_finishes_the_work()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.PostgreSQL, postgres);
        var subscriptions = await SeedDueSchedulesAsync(store);

        using var victim = PortalProcess.Start("victim", Settings(store));
        using var survivor = PortalProcess.Start("survivor", Settings(store));
        await Task.WhenAll(victim.WaitForStartAsync(Startup), survivor.WaitForStartAsync(Startup));
        // Kill one as soon as the work is under way: some schedules have run, not all migrations are done.
        await WaitUntilAsync(store, db => db.Migrations.AnyAsync(Ct));

        victim.KillHard();
        await WaitUntilAllCompletedAsync(store, [survivor], TimeSpan.FromSeconds(60));

        await AssertEachRanExactlyOnceAsync(store, subscriptions);
    }

    [Fact]
    public async Task A_process_killed_with_migrations_in_flight_loses_and_duplicates_nothing()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.PostgreSQL, postgres);
        var subscriptions = await SeedDueSchedulesAsync(store);
        await store.SaveAsync(db => db.Webhooks.Add(new WebhookSubscription
        {
            Id = Guid.NewGuid(),
            PartnerTenantId = A.PartnerTenantId,
            Url = "https://hooks.example.com/portal",
            Events = $"{WebhookEventTypes.MigrationCreated},{WebhookEventTypes.MigrationCompleted}",
            ProtectedSecret = "not read: the dispatcher is off, the outbox is what is checked",
            CreatedAt = TimeProvider.System.GetUtcNow(),
        }));

        using var victim = PortalProcess.Start("victim", Settings(store));
        using var survivor = PortalProcess.Start("survivor", Settings(store));
        await Task.WhenAll(victim.WaitForStartAsync(Startup), survivor.WaitForStartAsync(Startup));
        // Kill one while migrations are between their steps: some suspended, none or few completed.
        await WaitUntilAsync(store, db => db.Migrations.AnyAsync(m => m.Phase == MigrationPhase.LegacySuspended, Ct));

        victim.KillHard();
        await WaitUntilAllCompletedAsync(store, [survivor], TimeSpan.FromSeconds(60));

        await AssertEachRanExactlyOnceAsync(store, subscriptions);
        await using var db = store.NewContext();
        var migrations = await db.Migrations.AsNoTracking().Select(m => m.Id).ToListAsync(Ct);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Select(d => new { d.EventType, d.Payload }).ToListAsync(Ct);
        foreach (var type in new[] { WebhookEventTypes.MigrationCreated, WebhookEventTypes.MigrationCompleted })
        {
            // Exactly one event per migration: each was queued in the unit of work of the change it reports.
            var reported = deliveries.Where(d => d.EventType == type)
                .Select(d => System.Text.Json.JsonDocument.Parse(d.Payload).RootElement.GetProperty("data").GetProperty("migrationId").GetGuid())
                .Order();
            Assert.Equal(migrations.Order(), reported);
        }

        Assert.Equal(Schedules, await db.AuditLog.CountAsync(a => a.Action == "Migration created", Ct));
        var billed = await db.BilledPeriods.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(billed.Count, billed.Select(b => (b.SubscriptionId, b.Side, b.From)).Distinct().Count());
    }

    private static async Task WaitUntilAsync(TestStore store, Func<PortalDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = store.NewContext();
            if (await condition(db))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }
    }

    private static Dictionary<string, string> Settings(TestStore store) => new()
    {
        ["Database__Provider"] = "PostgreSQL",
        ["Database__ConnectionString"] = store.ConnectionString,
        ["Demo__Enabled"] = "false",
        ["Engine__Worker__PollInterval"] = "00:00:00.300",
        ["Engine__Worker__LeaseDuration"] = "00:00:03",
        ["Engine__Simulation__BeginAfter"] = "00:00:01",
        ["Engine__Simulation__CreateAfter"] = "00:00:01",
        ["Engine__Simulation__ProvisionAfter"] = "00:00:01",
        ["Engine__Simulation__CompleteAfter"] = "00:00:01",
        ["Serilog__MinimumLevel__Default"] = "Information",
        ["Webhooks__DispatcherEnabled"] = "false",
    };

    /// <summary>Subscriptions with a schedule due today (real time, which the processes run on).</summary>
    private static async Task<LegacySubscription[]> SeedDueSchedulesAsync(TestStore store)
    {
        var now = TimeProvider.System.GetUtcNow(); // the processes run on real time
        var today = TermDates.UtcDate(now);
        var subscriptions = Enumerable.Range(0, Schedules)
            .Select(i => A.Subscription().Of(A.Office365E3).Named($"E3 {i:00}")
                .BoughtAt(TermDates.StartInstant(today.AddYears(-1)))
                .EndingAt(TermDates.EndInstant(today.AddDays(200)))
                .Build())
            .ToArray();
        await SeedAsync(store, subscriptions);
        await store.SaveAsync(db => db.Schedules.AddRange(subscriptions.Select(s =>
            MigrationSchedule.Create(Guid.NewGuid(), A.CustomerTenantId, s.Id, s.TermEnd, ScheduleTiming.OnDate(today), Lines(s), now))));
        return subscriptions;
    }

    private static async Task WaitUntilAllCompletedAsync(TestStore store, PortalProcess[] processes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = store.NewContext();
            if (await db.Migrations.CountAsync(m => m.Phase == MigrationPhase.Completed, Ct) >= Schedules
                && !await db.Schedules.AnyAsync(s => s.Status == ScheduleStatus.Created, Ct))
            {
                return;
            }

            Assert.All(processes, p => Assert.False(p.HasExited, p.Output));
            await Task.Delay(250, Ct);
        }

        await using var read = store.NewContext();
        Assert.Fail($"Not done in {timeout}: {await read.Migrations.CountAsync(m => m.Phase == MigrationPhase.Completed, Ct)} of {Schedules} migrations completed.\n"
            + string.Join("\n---\n", processes.Select(p => p.Output[^Math.Min(p.Output.Length, 3000)..])));
    }

    private static async Task AssertEachRanExactlyOnceAsync(TestStore store, LegacySubscription[] subscriptions)
    {
        await using var db = store.NewContext();
        var schedules = await db.Schedules.AsNoTracking().ToListAsync(Ct);
        var migrations = await db.MigrationsWithEvents.AsNoTracking().ToListAsync(Ct);
        Assert.All(schedules, s => Assert.Equal(ScheduleStatus.Completed, s.Status));
        Assert.Equal(Schedules, migrations.Count);
        Assert.Equal(schedules.Select(s => s.NewCommerceMigrationId!.Value).Order(), migrations.Select(m => m.Id).Order());
        Assert.Equal(subscriptions.Select(s => s.Id).Order(), migrations.Select(m => m.CurrentSubscriptionId).Order());
        Assert.All(migrations, m => Assert.Equal(
            [MigrationEventName.MigrationStarted, MigrationEventName.NewCommerceSubscriptionCreated, MigrationEventName.NewCommerceSubscriptionProvisioned, MigrationEventName.MigrationCompleted],
            m.Events.Select(e => e.Name)));
        var nce = await db.NceSubscriptions.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(subscriptions.Select(s => s.Id).Order(), nce.Select(n => n.MigratedFromSubscriptionId!.Value).Order());
        Assert.Equal(Schedules, await db.LegacySubscriptions.CountAsync(s => s.Status == LegacySubscriptionStatus.Migrated, Ct));
    }
}
