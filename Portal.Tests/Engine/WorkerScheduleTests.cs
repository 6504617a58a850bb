using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Engine;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Schedules;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using Portal.Time;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>The worker runs due schedules, Microsoft-led planning and the sandbox clock.</summary>
public class WorkerScheduleTests(PostgresServer postgres)
{
    private const string Actor = "ana@contoso.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task A_schedule_runs_at_00_00_UTC_of_its_target_date_and_not_a_second_earlier(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var schedule = await ScheduleAsync(host, A.PartnerTenantId, A.CustomerTenantId, subscription.Id, ScheduleTiming.OnDate(new DateOnly(2025, 10, 1)));

        host.Time.Set(new DateTimeOffset(2025, 9, 30, 23, 59, 59, TimeSpan.Zero));
        Assert.Equal(0, (await host.PassAsync()).SchedulesRun);
        var report = await host.PassAfterAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(1, report.SchedulesRun);
        await using var db = host.Store.NewContext();
        var ran = await db.Schedules.AsNoTracking().SingleAsync(s => s.Id == schedule.Id, Ct);
        Assert.Equal(ScheduleStatus.Completed, ran.Status);
        var migration = await db.MigrationsWithEvents.AsNoTracking().SingleAsync(m => m.Id == ran.NewCommerceMigrationId, Ct);
        Assert.Equal(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero), migration.RequestedAt);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Migration created" && a.Actor == EnginePass.SystemActor, Ct));
        Assert.Equal(0, (await host.PassAfterAsync(TimeSpan.FromMinutes(1))).SchedulesRun); // never twice
    }

    [Theory, OnBothProviders]
    public async Task A_schedule_that_is_no_longer_eligible_when_due_fails_with_the_reason_and_tells_the_engine_events(DatabaseProvider provider)
    {
        var events = new MigrationDeskTests.RecordingEvents();
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(), s => s.AddSingleton<IEngineEvents>(events));
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var schedule = await ScheduleAsync(host, A.PartnerTenantId, A.CustomerTenantId, subscription.Id, ScheduleTiming.OnDate(new DateOnly(2025, 10, 1)));
        await using (var db = host.Store.NewContext())
        {
            (await db.LegacyAsync(subscription.Id)).Cancel();
            await db.SaveChangesAsync(Ct);
        }

        host.Time.Set(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero));
        var report = await host.PassAsync();

        Assert.Equal(1, report.SchedulesFailed);
        await using var read = host.Store.NewContext();
        var failed = await read.Schedules.AsNoTracking().SingleAsync(s => s.Id == schedule.Id, Ct);
        Assert.Equal((ScheduleStatus.Failed, EligibilityReasons.SubscriptionStatusNotActive.Name), (failed.Status, failed.ErrorCode));
        Assert.Contains("Cancelled", failed.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal([$"schedule failed {schedule.Id} {EligibilityReasons.SubscriptionStatusNotActive.Name}"], events.Calls);
        Assert.Equal(0, await read.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Microsoft_schedules_a_qualifying_subscription_on_its_terms_last_day_and_migrates_it_the_day_after(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        // An id whose instant of the execution window is 23:33:54 on its first day.
        var endingTomorrow = A.Subscription().WithId(Guid.Parse("5b1e0000-0000-4000-8000-000000000004")).EndingOn(2025, 9, 11).Build();
        var monthly = A.Subscription().Of(A.Office365E3).WithTerm(TermDuration.P1M, BillingCycle.Monthly).EndingOn(2025, 9, 12).Build();
        var autoRenewOff = A.Subscription().EndingOn(2025, 9, 11).WithAutoRenewOff().Build();
        await SeedAsync(host.Store, endingTomorrow, monthly, autoRenewOff);

        Assert.Equal(0, (await host.PassAsync()).MicrosoftLedScheduled); // 2025-09-10: no term ends today
        host.Time.Set(new DateTimeOffset(2025, 9, 11, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await host.PassAsync()).MicrosoftLedScheduled);
        Assert.Equal(0, (await host.PassAsync()).MicrosoftLedScheduled); // once

        await using (var db = host.Store.NewContext())
        {
            var schedule = await db.Schedules.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((endingTomorrow.Id, true, new DateTimeOffset(2025, 9, 12, 23, 33, 54, TimeSpan.Zero)), (schedule.SubscriptionId, schedule.IsMicrosoftLed, schedule.DueAt));
            Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Microsoft-led schedule created" && a.Actor == EnginePass.MicrosoftActor, Ct));
        }

        // It runs at its subscription's instant of the execution window, not a second earlier.
        host.Time.Set(new DateTimeOffset(2025, 9, 12, 23, 33, 53, TimeSpan.Zero));
        var before = await host.PassAsync();
        Assert.Equal(0, before.SchedulesRun);
        Assert.Equal(1, before.MicrosoftLedScheduled); // the monthly subscription, whose term ends today
        host.Time.Set(new DateTimeOffset(2025, 9, 12, 23, 33, 54, TimeSpan.Zero));
        var report = await host.PassAsync();
        Assert.Equal(1, report.SchedulesRun);

        await using var read = host.Store.NewContext();
        var migration = await read.Migrations.AsNoTracking().SingleAsync(Ct);
        Assert.True(migration.IsMicrosoftLed);
        Assert.True(migration.Members.Single().Target.PurchaseFullTerm);
        var monthlySchedule = await read.Schedules.AsNoTracking().SingleAsync(s => s.SubscriptionId == monthly.Id, Ct);
        Assert.Equal(TermDuration.P1Y, monthlySchedule.Lines.Single().Target.Term); // monthly becomes annual
    }

    [Theory, OnBothProviders]
    public async Task A_renewal_schedule_of_a_sandbox_subscription_runs_when_the_sandbox_clock_passes_the_renewal_and_shows_every_event(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = SandboxSubscription().EndingOn(2025, 12, 31).WithAutoRenewOff().Build();
        await SeedSandboxAsync(host, subscription);
        var partner = EngineHost.Sandbox.TenantId;
        var schedule = await ScheduleAsync(host, partner, EngineHost.SandboxCustomer.TenantId, subscription.Id, ScheduleTiming.OnRenewal);

        Assert.Equal(0, (await host.PassAsync()).SchedulesRun);
        await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.SetAsync(partner, new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.Zero), "sam", Ct));
        Assert.Equal(0, (await host.PassAsync()).SchedulesRun);
        await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(partner, TimeSpan.FromMinutes(1), "sam", Ct));
        Assert.Equal(1, (await host.PassAsync()).SchedulesRun);
        for (var i = 0; i < 4; i++)
        {
            await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        }

        await using var db = host.Store.NewContext();
        var ran = await db.Schedules.AsNoTracking().SingleAsync(s => s.Id == schedule.Id, Ct);
        var migration = await db.MigrationsWithEvents.AsNoTracking().SingleAsync(m => m.Id == ran.NewCommerceMigrationId, Ct);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), migration.RequestedAt); // the sandbox's time, not real time
        Assert.Equal(MigrationPhase.Completed, migration.Phase);
        Assert.Equal(
            [MigrationEventName.MigrationStarted, MigrationEventName.NewCommerceSubscriptionCreated, MigrationEventName.NewCommerceSubscriptionProvisioned, MigrationEventName.MigrationCompleted],
            migration.Events.Select(e => e.Name));
        var nce = await db.NceSubscriptions.AsNoTracking().SingleAsync(s => s.MigratedFromSubscriptionId == subscription.Id, Ct);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero), nce.TermEnd); // a new full annual term from the renewal
    }

    [Theory, OnBothProviders]
    public async Task A_production_partners_schedules_keep_to_real_time_while_a_sandbox_clock_runs_ahead(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var production = A.Subscription().Build();
        await SeedAsync(host.Store, production);
        var sandbox = SandboxSubscription().Build();
        await SeedSandboxAsync(host, sandbox);
        await ScheduleAsync(host, A.PartnerTenantId, A.CustomerTenantId, production.Id, ScheduleTiming.OnDate(new DateOnly(2025, 11, 1)));
        await ScheduleAsync(host, EngineHost.Sandbox.TenantId, EngineHost.SandboxCustomer.TenantId, sandbox.Id, ScheduleTiming.OnDate(new DateOnly(2025, 11, 1)));

        await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(EngineHost.Sandbox.TenantId, TimeSpan.FromDays(60), "sam", Ct));
        var report = await host.PassAsync();

        Assert.Equal(1, report.SchedulesRun);
        await using var db = host.Store.NewContext();
        Assert.Equal([EngineHost.SandboxCustomer.TenantId], await db.Migrations.Select(m => m.CustomerId).ToListAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Two_instances_passing_at_once_run_each_due_schedule_exactly_once(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscriptions = Enumerable.Range(0, 12).Select(i => A.Subscription().Of(A.Office365E3).Named($"S{i}").Build()).ToArray();
        await SeedAsync(host.Store, subscriptions);
        foreach (var subscription in subscriptions)
        {
            await ScheduleAsync(host, A.PartnerTenantId, A.CustomerTenantId, subscription.Id, ScheduleTiming.OnDate(new DateOnly(2025, 10, 1)));
        }

        host.Time.Set(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero));
        var first = host.SecondInstance("first");
        var second = host.SecondInstance("second");
        var reports = await Task.WhenAll(Task.Run(() => first.RunOnceAsync(Ct), Ct), Task.Run(() => second.RunOnceAsync(Ct), Ct));
        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAll(Task.Run(() => first.RunOnceAsync(Ct), Ct), Task.Run(() => second.RunOnceAsync(Ct), Ct));
        }

        await using var db = host.Store.NewContext();
        Assert.Equal(12, await db.Migrations.CountAsync(Ct));
        Assert.Equal(12, reports.Sum(r => r.SchedulesRun) + await db.Schedules.CountAsync(s => s.Status == ScheduleStatus.Created, Ct));
        Assert.Equal(12, await db.Schedules.CountAsync(s => s.Status == ScheduleStatus.Completed, Ct));
        Assert.Equal(12, await db.Migrations.CountAsync(m => m.Phase == MigrationPhase.Completed, Ct));
        Assert.Equal(12, await db.NceSubscriptions.CountAsync(Ct));
        Assert.Equal(12 * 4, await db.MigrationEvents.CountAsync(Ct));
    }

    private static async Task<MigrationSchedule> ScheduleAsync(EngineHost host, Guid partner, Guid customer, Guid subscription, ScheduleTiming timing)
    {
        var answer = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CreateAsync(partner, customer, new MigrationRequest(subscription), timing, Actor, null, Ct));
        Assert.True(answer.IsDone, string.Join(" ", answer.Errors));
        return answer.Value!;
    }
}
