using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Billing;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Engine.Simulation;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>The worker driving the simulated New Commerce: the five events, failures, the 72-hour revert and the billing ledger.</summary>
public class SimulatedMigrationTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task A_migration_is_suspended_created_provisioned_and_completed_step_by_step_as_time_passes(DatabaseProvider provider)
    {
        var events = new MigrationDeskTests.RecordingEvents();
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(), s => s.AddSingleton<IEngineEvents>(events));
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(host.Store, baseSubscription, addOn);
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(baseSubscription.Id))).Value!.Id;

        await host.PassAfterAsync(TimeSpan.FromSeconds(59));
        Assert.Equal(MigrationPhase.Requested, (await host.StoredMigrationAsync(id)).Phase);
        Assert.Equal(LegacySubscriptionStatus.Active, (await host.StoredLegacyAsync(baseSubscription.Id)).Status);

        await host.PassAfterAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(MigrationPhase.LegacySuspended, (await host.StoredMigrationAsync(id)).Phase);
        Assert.Equal(LegacySubscriptionStatus.Suspended, (await host.StoredLegacyAsync(addOn.Id)).Status);

        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        var created = await host.StoredMigrationAsync(id);
        Assert.All(created.Members, m => Assert.NotNull(m.NceSubscriptionId));

        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        var done = await host.StoredMigrationAsync(id);

        Assert.Equal(MigrationPhase.Completed, done.Phase);
        Assert.Equal(A.Now.AddMinutes(4), done.CompletedAt);
        Assert.Equal(
            [MigrationEventName.MigrationStarted, MigrationEventName.NewCommerceSubscriptionCreated, MigrationEventName.NewCommerceSubscriptionProvisioned, MigrationEventName.MigrationCompleted],
            done.Events.Where(e => e.CurrentSubscriptionId == baseSubscription.Id).Select(e => e.Name));
        Assert.Equal(LegacySubscriptionStatus.Migrated, (await host.StoredLegacyAsync(baseSubscription.Id)).Status);
        await using var db = host.Store.NewContext();
        var nce = await db.NceSubscriptions.AsNoTracking().SingleAsync(s => s.MigratedFromSubscriptionId == baseSubscription.Id, Ct);
        Assert.Equal((25, A.Office365E3.Mapping!.CatalogItemId, new DateTimeOffset(2026, 2, 10, 23, 59, 59, TimeSpan.Zero)), (nce.Quantity, nce.CatalogItemId, nce.TermEnd));
        Assert.Equal([$"created {id}", $"completed {id}"], events.Calls);
        var ledger = await StoredLedger.ReadAsync(db, [baseSubscription.Id], Ct);
        Assert.Empty(ledger.DaysBilledTwice(baseSubscription.Id, nce.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 2, 10)));
        Assert.True(ledger.IsBilled(baseSubscription.Id, new DateOnly(2025, 9, 9)));
        Assert.True(ledger.IsBilled(nce.Id, new DateOnly(2025, 9, 10)));
        Assert.False(ledger.IsBilled(baseSubscription.Id, new DateOnly(2025, 9, 10)));
    }

    [Theory, OnBothProviders]
    public async Task A_worker_that_was_down_catches_up_with_the_same_timestamps_in_one_pass(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id))).Value!.Id;

        await host.PassAfterAsync(TimeSpan.FromHours(5));

        var done = await host.StoredMigrationAsync(id);
        Assert.Equal(MigrationPhase.Completed, done.Phase);
        Assert.Equal([A.Now, A.Now.AddMinutes(2), A.Now.AddMinutes(3), A.Now.AddMinutes(4)], done.Events.Select(e => e.CreatedAt));
    }

    [Theory, OnBothProviders]
    public async Task A_failure_while_the_legacy_subscription_is_active_frees_it_for_a_retry(DatabaseProvider provider)
    {
        var events = new MigrationDeskTests.RecordingEvents();
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(), s => s.AddSingleton<IEngineEvents>(events));
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", "FAIL-ACTIVE-42"))).Value!.Id;

        await host.PassAfterAsync(TimeSpan.FromMinutes(1));

        var failed = await host.StoredMigrationAsync(id);
        Assert.Equal((MigrationPhase.FailedLegacyActive, SimulatedNewCommerce.FailureCode), (failed.Phase, failed.ErrorCode));
        Assert.Equal(MigrationEventName.MigrationFailed, failed.Events[^1].Name);
        var legacy = await host.StoredLegacyAsync(subscription.Id);
        Assert.Equal((LegacySubscriptionStatus.Active, (Guid?)null), (legacy.Status, legacy.InFlightMigrationId));
        Assert.Equal($"failed {id} FailedLegacyActive", events.Calls[^1]);
        // The partner may retry at once.
        Assert.True((await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id))).IsDone);
    }

    [Theory, OnBothProviders]
    public async Task A_failure_while_suspended_is_reverted_at_the_72_hour_deadline_leaving_the_legacy_subscription_active_and_no_day_billed_twice(DatabaseProvider provider)
    {
        var events = new MigrationDeskTests.RecordingEvents();
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(), s => s.AddSingleton<IEngineEvents>(events));
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", "FAIL-SUSPENDED"))).Value!.Id;

        await host.PassAfterAsync(TimeSpan.FromMinutes(2));
        var failed = await host.StoredMigrationAsync(id);
        Assert.Equal(MigrationPhase.FailedLegacySuspended, failed.Phase);
        Assert.Equal(LegacySubscriptionStatus.Suspended, (await host.StoredLegacyAsync(subscription.Id)).Status);

        // Just before the deadline nothing happens; at the deadline (request + 72 h) it is reverted.
        host.Time.Set(A.Now + Migration.ResolutionWindow - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await host.PassAsync()).MigrationsReverted);
        var report = await host.PassAfterAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(1, report.MigrationsReverted);
        var reverted = await host.StoredMigrationAsync(id);
        Assert.Equal(MigrationPhase.Reverted, reverted.Phase);
        var legacy = await host.StoredLegacyAsync(subscription.Id);
        Assert.Equal((LegacySubscriptionStatus.Active, (Guid?)null), (legacy.Status, legacy.InFlightMigrationId));
        Assert.Equal([$"created {id}", $"failed {id} FailedLegacySuspended"], events.Calls);

        await using var db = host.Store.NewContext();
        var ledger = await StoredLedger.ReadAsync(db, [subscription.Id], Ct);
        var suspendedDays = new[] { new DateOnly(2025, 9, 10), new DateOnly(2025, 9, 11), new DateOnly(2025, 9, 12) };
        Assert.All(suspendedDays, d => Assert.False(ledger.IsBilled(subscription.Id, d)));
        Assert.True(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 9)));
        Assert.True(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 13))); // Active again from the revert day
        Assert.Single(ledger.Periods, p => p.SubscriptionId == subscription.Id && p.Until is null);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Migration reverted", Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_migration_that_fails_after_its_new_commerce_subscription_exists_is_reverted_without_billing_it(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id))).Value!.Id;
        await host.PassAfterAsync(TimeSpan.FromMinutes(2)); // suspended and New Commerce subscription created

        // New Commerce then reports a failure (as Partner Center may while provisioning).
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var migration = await db.MigrationsWithEvents.SingleAsync(m => m.Id == id, Ct);
            migration.Fail(await db.LegacySubscriptions.Where(s => s.Id == subscription.Id).ToListAsync(Ct), "ProvisioningFailed", "Provisioning failed.", host.Time.Now);
            await db.SaveChangesAsync(Ct);
        }

        await host.PassAfterAsync(Migration.ResolutionWindow);

        await using var read = host.Store.NewContext();
        var nce = await read.NceSubscriptions.AsNoTracking().SingleAsync(s => s.MigratedFromSubscriptionId == subscription.Id, Ct);
        Assert.Equal(NceSubscriptionStatus.Cancelled, nce.Status);
        var ledger = await StoredLedger.ReadAsync(read, [subscription.Id], Ct);
        Assert.Empty(ledger.BilledDays(nce.Id, new DateOnly(2025, 9, 1), new DateOnly(2025, 12, 31)));
        Assert.Empty(ledger.DaysBilledTwice(subscription.Id, nce.Id, new DateOnly(2025, 9, 1), new DateOnly(2025, 12, 31)));
        Assert.Equal(LegacySubscriptionStatus.Active, (await host.StoredLegacyAsync(subscription.Id)).Status);
    }

    [Theory, OnBothProviders]
    public async Task The_cancellation_window_of_a_migrated_subscription_is_closed_once_after_168_hours(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id));
        await host.PassAfterAsync(TimeSpan.FromMinutes(4)); // created at +2 min

        host.Time.Set(A.Now.AddMinutes(2) + TimeSpan.FromHours(168) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await host.PassAsync()).WindowsClosed);
        Assert.Equal(1, (await host.PassAfterAsync(TimeSpan.FromSeconds(1))).WindowsClosed);
        Assert.Equal(0, (await host.PassAfterAsync(TimeSpan.FromHours(1))).WindowsClosed);

        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Cancellation window closed", Ct));
    }
}
