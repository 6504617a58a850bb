using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Engine.Simulation;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>
/// After a failed migration, on a real database of each provider: cancelling the legacy subscription left Active,
/// retrying, and a Sandbox partner rehearsing Microsoft correcting or reverting a migration failed while Suspended.
/// </summary>
public class FailedMigrationDeskTests(PostgresServer postgres)
{
    private const string Actor = "ana@contoso.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DeskAnswer<LegacySubscription>> CancelAsync(EngineHost host, Guid subscriptionId, Guid? partner = null) =>
        host.WithAsync<FailedMigrationDesk, DeskAnswer<LegacySubscription>>(d => d.CancelLegacyAsync(partner ?? A.PartnerTenantId, A.CustomerTenantId, subscriptionId, Actor, Ct));

    private static Task<DeskAnswer<Migration>> RetryAsync(EngineHost host, Guid migrationId, Guid? partner = null) =>
        host.WithAsync<FailedMigrationDesk, DeskAnswer<Migration>>(d => d.RetryAsync(partner ?? A.PartnerTenantId, migrationId, Actor, Ct));

    /// <summary>A migration of <paramref name="request"/> that the simulated New Commerce fails with <paramref name="reference"/>, after the worker's passes.</summary>
    private static async Task<Guid> FailedAsync(EngineHost host, MigrationRequest request, string reference = "FAIL-ACTIVE", TimeSpan? after = null)
    {
        var created = await MigrationDeskTests.CreateAsync(host, request, new MigrationOrigin(Actor, reference));
        Assert.True(created.IsDone, string.Join(" ", created.Errors));
        await host.PassAfterAsync(after ?? TimeSpan.FromMinutes(1));
        await host.PassAfterAsync(after ?? TimeSpan.FromMinutes(1));
        return created.Value!.Id;
    }

    [Theory, OnBothProviders]
    public async Task A_subscription_left_Active_by_a_failed_migration_is_cancelled_with_its_add_on_and_audited(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(host.Store, baseSubscription, addOn);
        var failed = await FailedAsync(host, new MigrationRequest(baseSubscription.Id));

        var answer = await CancelAsync(host, baseSubscription.Id);

        Assert.True(answer.IsDone, string.Join(" ", answer.Errors));
        Assert.Equal(LegacySubscriptionStatus.Cancelled, (await host.StoredLegacyAsync(baseSubscription.Id)).Status);
        Assert.Equal(LegacySubscriptionStatus.Cancelled, (await host.StoredLegacyAsync(addOn.Id)).Status);
        await using var db = host.Store.NewContext();
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "Legacy subscription cancelled", Ct);
        Assert.Equal((Actor, $"subscription {baseSubscription.Id}", A.PartnerTenantId), (audit.Actor, audit.Target, audit.PartnerTenantId));
        Assert.Contains(failed.ToString(), audit.Detail, StringComparison.Ordinal);
        Assert.Contains(addOn.FriendlyName, audit.Detail, StringComparison.Ordinal);
    }

    [Theory, OnBothProviders]
    public async Task Cancelling_is_refused_while_a_migration_is_in_flight_when_Suspended_after_a_failure_and_when_already_cancelled(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var inFlight = A.Subscription().Build();
        var suspended = A.Subscription().Build();
        var never = A.Subscription().Build();
        var done = A.Subscription().Build();
        await SeedAsync(host.Store, inFlight, suspended, never, done);
        await FailedAsync(host, new MigrationRequest(suspended.Id), "FAIL-SUSPENDED");
        await FailedAsync(host, new MigrationRequest(done.Id));
        Assert.True((await CancelAsync(host, done.Id)).IsDone);
        Assert.True((await MigrationDeskTests.CreateAsync(host, new MigrationRequest(inFlight.Id))).IsDone);

        var refusals = new[]
        {
            await CancelAsync(host, inFlight.Id),
            await CancelAsync(host, suspended.Id),
            await CancelAsync(host, never.Id),
            await CancelAsync(host, done.Id),
        };

        Assert.All(refusals, r => Assert.True(r.IsRefused));
        Assert.Equal(
            [AfterFailure.InFlightCode, AfterFailure.WaitForMicrosoftCode, AfterFailure.NoFailedMigrationCode, AfterFailure.AlreadyCancelledCode],
            refusals.Select(r => r.Errors.Single().Code));
        Assert.Equal(LegacySubscriptionStatus.Active, (await host.StoredLegacyAsync(inFlight.Id)).Status);
        Assert.Equal(LegacySubscriptionStatus.Suspended, (await host.StoredLegacyAsync(suspended.Id)).Status);
        Assert.Equal(LegacySubscriptionStatus.Active, (await host.StoredLegacyAsync(never.Id)).Status);
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Legacy subscription cancelled", Ct));
    }

    [Theory, OnBothProviders]
    public async Task Another_partners_subscription_or_migration_answers_not_found_and_nothing_changes(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var failed = await FailedAsync(host, new MigrationRequest(subscription.Id));
        var stranger = Guid.NewGuid();

        Assert.True((await CancelAsync(host, subscription.Id, stranger)).IsNotFound);
        Assert.True((await RetryAsync(host, failed, stranger)).IsNotFound);
        Assert.True((await CancelAsync(host, Guid.NewGuid())).IsNotFound);
        Assert.True((await RetryAsync(host, Guid.NewGuid())).IsNotFound);

        Assert.Equal(LegacySubscriptionStatus.Active, (await host.StoredLegacyAsync(subscription.Id)).Status);
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_retry_starts_one_new_migration_of_the_same_members_and_targets_however_often_it_is_submitted(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(host.Store, baseSubscription, addOn);
        var request = new MigrationRequest(baseSubscription.Id)
        {
            Target = new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, 20),
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [addOn.Id] = new(TermDuration.P1Y, BillingCycle.Monthly, 4) },
        };
        var failedId = await FailedAsync(host, request);
        var failed = await host.StoredMigrationAsync(failedId);

        var first = await RetryAsync(host, failedId);
        var second = await RetryAsync(host, failedId);
        var both = await Task.WhenAll(RetryAsync(host, failedId), RetryAsync(host, failedId));

        Assert.True(first.IsDone, string.Join(" ", first.Errors));
        Assert.NotEqual(failedId, first.Value!.Id);
        Assert.Equal(first.Value.Id, second.Value!.Id);
        Assert.All(both, b => Assert.Equal(first.Value.Id, b.Value!.Id));
        var retry = await host.StoredMigrationAsync(first.Value.Id);
        Assert.Equal(MigrationPhase.Requested, retry.Phase);
        Assert.Equal(failed.Members.Select(m => m.Line), retry.Members.Select(m => m.Line));
        Assert.Equal(20, retry.Member(baseSubscription.Id).Target.Quantity);
        Assert.Null(retry.ExternalReferenceId); // a new request: the injected failure is not carried over
        await using var db = host.Store.NewContext();
        Assert.Equal(2, await db.Migrations.CountAsync(Ct));
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "Migration retried", Ct);
        Assert.Equal($"migration {failedId}", audit.Target);
        Assert.Contains(retry.Id.ToString(), audit.Detail, StringComparison.Ordinal);
    }

    [Theory, OnBothProviders]
    public async Task A_retry_is_refused_with_the_reason_when_the_subscription_is_no_longer_eligible_or_the_migration_waits_for_Microsoft(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var cancelled = A.Subscription().Build();
        var suspended = A.Subscription().Build();
        await SeedAsync(host.Store, cancelled, suspended);
        var failedThenCancelled = await FailedAsync(host, new MigrationRequest(cancelled.Id));
        var waiting = await FailedAsync(host, new MigrationRequest(suspended.Id), "FAIL-SUSPENDED");
        Assert.True((await CancelAsync(host, cancelled.Id)).IsDone);

        var notEligible = await RetryAsync(host, failedThenCancelled);
        var notYet = await RetryAsync(host, waiting);

        Assert.True(notEligible.IsRefused);
        Assert.Contains(notEligible.Errors, e => e.Code == EligibilityReasons.SubscriptionStatusNotActive.Name);
        Assert.True(notYet.IsRefused);
        Assert.Equal(AfterFailure.WaitForMicrosoftCode, notYet.Errors.Single().Code);
        await using var db = host.Store.NewContext();
        Assert.Equal(2, await db.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_sandbox_partner_acting_as_Microsoft_corrects_a_migration_failed_while_Suspended_and_no_day_is_billed_twice(DatabaseProvider provider)
    {
        var events = new MigrationDeskTests.RecordingEvents();
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(), s => s.AddSingleton<Portal.Engine.IEngineEvents>(events));
        var subscription = SandboxSubscription().Build();
        await SeedAsync(host.Store); // the recording events audit as the Production partner
        await SeedSandboxAsync(host, subscription);
        var id = await SandboxFailedWhileSuspendedAsync(host, subscription);
        host.Time.Advance(TimeSpan.FromDays(2));

        var answer = await host.WithAsync<FailedMigrationDesk, DeskAnswer<Migration>>(d => d.RehearseAsync(EngineHost.Sandbox.TenantId, id, MicrosoftRehearsal.Correct, Actor, Ct));

        Assert.True(answer.IsDone, string.Join(" ", answer.Errors));
        var done = await host.StoredMigrationAsync(id);
        Assert.Equal(MigrationPhase.Completed, done.Phase);
        Assert.Equal(
            [MigrationEventName.MigrationStarted, MigrationEventName.MigrationFailed, MigrationEventName.NewCommerceSubscriptionCreated, MigrationEventName.NewCommerceSubscriptionProvisioned, MigrationEventName.MigrationCompleted],
            done.Events.Select(e => e.Name));
        Assert.Equal(LegacySubscriptionStatus.Migrated, (await host.StoredLegacyAsync(subscription.Id)).Status);
        Assert.Equal($"completed {id}", events.Calls[^1]);
        await using var db = host.Store.NewContext();
        var nce = await db.NceSubscriptions.AsNoTracking().SingleAsync(s => s.MigratedFromSubscriptionId == subscription.Id, Ct);
        var ledger = await StoredLedger.ReadAsync(db, [subscription.Id], Ct);
        Assert.Empty(ledger.DaysBilledTwice(subscription.Id, nce.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 2, 10)));
        // Suspended on 2025-09-10, corrected on 2025-09-12: the days between are billed by neither side.
        Assert.False(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 10)));
        Assert.False(ledger.IsBilled(nce.Id, new DateOnly(2025, 9, 11)));
        Assert.True(ledger.IsBilled(nce.Id, new DateOnly(2025, 9, 12)));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Migration corrected by Microsoft" && a.Actor.Contains("sandbox rehearsal"), Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_sandbox_partner_acting_as_Microsoft_reverts_it_leaving_the_legacy_subscription_Active_and_the_suspended_days_unbilled(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = SandboxSubscription().Build();
        await SeedSandboxAsync(host, subscription);
        var id = await SandboxFailedWhileSuspendedAsync(host, subscription);
        host.Time.Advance(TimeSpan.FromDays(2));

        var answer = await host.WithAsync<FailedMigrationDesk, DeskAnswer<Migration>>(d => d.RehearseAsync(EngineHost.Sandbox.TenantId, id, MicrosoftRehearsal.Revert, Actor, Ct));
        var again = await host.WithAsync<FailedMigrationDesk, DeskAnswer<Migration>>(d => d.RehearseAsync(EngineHost.Sandbox.TenantId, id, MicrosoftRehearsal.Correct, Actor, Ct));

        Assert.True(answer.IsDone, string.Join(" ", answer.Errors));
        Assert.Equal(MigrationPhase.Reverted, (await host.StoredMigrationAsync(id)).Phase);
        var legacy = await host.StoredLegacyAsync(subscription.Id);
        Assert.Equal((LegacySubscriptionStatus.Active, (Guid?)null), (legacy.Status, legacy.InFlightMigrationId));
        Assert.True(again.IsRefused); // nothing left for Microsoft to do
        await using var db = host.Store.NewContext();
        var ledger = await StoredLedger.ReadAsync(db, [subscription.Id], Ct);
        Assert.True(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 9)));
        Assert.False(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 10)));
        Assert.False(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 11)));
        Assert.True(ledger.IsBilled(subscription.Id, new DateOnly(2025, 9, 12)));
        Assert.Single(ledger.Periods, p => p.SubscriptionId == subscription.Id && p.Until is null);
    }

    [Theory, OnBothProviders]
    public async Task A_production_partner_cannot_act_as_Microsoft(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = await FailedAsync(host, new MigrationRequest(subscription.Id), "FAIL-SUSPENDED");

        var correct = await host.WithAsync<FailedMigrationDesk, DeskAnswer<Migration>>(d => d.RehearseAsync(A.PartnerTenantId, id, MicrosoftRehearsal.Correct, Actor, Ct));
        var revert = await host.WithAsync<FailedMigrationDesk, DeskAnswer<Migration>>(d => d.RehearseAsync(A.PartnerTenantId, id, MicrosoftRehearsal.Revert, Actor, Ct));

        Assert.Equal(FailedMigrationDesk.SandboxOnlyCode, correct.Errors.Single().Code);
        Assert.Equal(FailedMigrationDesk.SandboxOnlyCode, revert.Errors.Single().Code);
        Assert.Equal(MigrationPhase.FailedLegacySuspended, (await host.StoredMigrationAsync(id)).Phase);
    }

    [Theory, OnBothProviders]
    public async Task Microsoft_corrects_a_FAIL_CORRECTED_migration_after_CorrectAfter_and_it_completes_before_the_deadline(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(new() { ["Engine:Simulation:CorrectAfter"] = "2.00:00:00" }));
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = await FailedAsync(host, new MigrationRequest(subscription.Id), "FAIL-CORRECTED-7");
        Assert.Equal(MigrationPhase.FailedLegacySuspended, (await host.StoredMigrationAsync(id)).Phase);

        host.Time.Set(A.Now.AddMinutes(2) + TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        await host.PassAsync();
        Assert.Equal(MigrationPhase.FailedLegacySuspended, (await host.StoredMigrationAsync(id)).Phase);
        await host.PassAfterAsync(TimeSpan.FromHours(1));

        var done = await host.StoredMigrationAsync(id);
        Assert.Equal(MigrationPhase.Completed, done.Phase);
        var correctedAt = A.Now.AddMinutes(2) + TimeSpan.FromDays(2);
        Assert.Equal(
            [(MigrationEventName.MigrationStarted, A.Now), (MigrationEventName.MigrationFailed, A.Now.AddMinutes(2)), (MigrationEventName.NewCommerceSubscriptionCreated, correctedAt), (MigrationEventName.NewCommerceSubscriptionProvisioned, correctedAt.AddMinutes(1)), (MigrationEventName.MigrationCompleted, correctedAt.AddMinutes(2))],
            done.Events.Select(e => (e.Name, e.CreatedAt)));
        await using var db = host.Store.NewContext();
        var nce = await db.NceSubscriptions.AsNoTracking().SingleAsync(s => s.MigratedFromSubscriptionId == subscription.Id, Ct);
        var ledger = await StoredLedger.ReadAsync(db, [subscription.Id], Ct);
        Assert.Empty(ledger.DaysBilledTwice(subscription.Id, nce.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.False(ledger.IsBilled(nce.Id, new DateOnly(2025, 9, 11)));
        Assert.True(ledger.IsBilled(nce.Id, new DateOnly(2025, 9, 12)));
    }

    [Theory, OnBothProviders]
    public async Task A_correction_that_could_not_finish_within_72_hours_is_reverted_at_the_deadline_instead(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps(new() { ["Engine:Simulation:CorrectAfter"] = "3.00:00:00" }));
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = await FailedAsync(host, new MigrationRequest(subscription.Id), "FAIL-CORRECTED");

        host.Time.Set(A.Now + Migration.ResolutionWindow);
        var report = await host.PassAsync();
        await host.PassAfterAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, report.MigrationsReverted);
        Assert.Equal(MigrationPhase.Reverted, (await host.StoredMigrationAsync(id)).Phase);
        await using var db = host.Store.NewContext();
        Assert.Equal(0, await db.NceSubscriptions.CountAsync(Ct));
    }

    private static async Task<Guid> SandboxFailedWhileSuspendedAsync(EngineHost host, LegacySubscription subscription)
    {
        var created = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(EngineHost.Sandbox.TenantId, EngineHost.SandboxCustomer.TenantId, new MigrationRequest(subscription.Id), new MigrationOrigin(Actor, "FAIL-SUSPENDED"), Ct));
        Assert.True(created.IsDone, string.Join(" ", created.Errors));
        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        var failed = await host.StoredMigrationAsync(created.Value!.Id);
        Assert.Equal(MigrationPhase.FailedLegacySuspended, failed.Phase);
        return failed.Id;
    }
}
