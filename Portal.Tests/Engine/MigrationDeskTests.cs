using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>The one way in to validating and creating migrations, on a real database of each provider.</summary>
public class MigrationDeskTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MigrationOrigin ByAna = new("ana@contoso.example");

    [Theory, OnBothProviders]
    public async Task Validate_answers_the_verdict_eligible_or_not_without_storing_anything(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var eligible = A.Subscription().Build();
        var trial = A.Subscription().AsTrial().Build();
        await SeedAsync(host.Store, eligible, trial);

        var yes = await host.WithAsync<MigrationDesk, DeskAnswer<BundleEligibility>>(d => d.ValidateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(eligible.Id), Ct));
        var no = await host.WithAsync<MigrationDesk, DeskAnswer<BundleEligibility>>(d => d.ValidateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(trial.Id), Ct));

        Assert.True(yes.IsDone);
        Assert.True(yes.Value!.IsEligible);
        Assert.Equal(A.Now, yes.Value.EvaluatedFor);
        Assert.True(no.IsDone);
        Assert.Equal([EligibilityReasons.TrialNotAllowed.Name], no.Value!.Requested.Reasons.Select(r => r.Name));
        await using var db = host.Store.NewContext();
        Assert.Equal(0, await db.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Create_starts_the_migration_holds_the_bundle_and_writes_the_audit_log(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(host.Store, baseSubscription, addOn);

        var answer = await CreateAsync(host, new MigrationRequest(baseSubscription.Id), ByAna with { ExternalReferenceId = "PO-7" });

        Assert.True(answer.IsDone, string.Join(" ", answer.Errors));
        await using var db = host.Store.NewContext();
        var stored = await db.MigrationAsync(answer.Value!.Id);
        Assert.Equal(MigrationPhase.Requested, stored.Phase);
        Assert.Equal("PO-7", stored.ExternalReferenceId);
        Assert.Equal([baseSubscription.Id, addOn.Id], stored.Members.Select(m => m.LegacySubscriptionId));
        Assert.All(stored.Events, e => Assert.Equal(MigrationEventName.MigrationStarted, e.Name));
        Assert.Equal(answer.Value.Id, (await db.LegacyAsync(addOn.Id)).InFlightMigrationId);
        var audit = await db.AuditLog.SingleAsync(Ct);
        Assert.Equal(("ana@contoso.example", "Migration created", $"migration {stored.Id}", A.PartnerTenantId), (audit.Actor, audit.Action, audit.Target, audit.PartnerTenantId));
        Assert.Contains("PO-7", audit.Detail, StringComparison.Ordinal);
    }

    [Theory, OnBothProviders]
    public async Task The_same_idempotency_key_twice_answers_the_first_migration_and_creates_no_second(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);

        var first = await CreateAsync(host, new MigrationRequest(subscription.Id), ByAna with { IdempotencyKey = "key-1" });
        var again = await CreateAsync(host, new MigrationRequest(subscription.Id), ByAna with { IdempotencyKey = "key-1" });
        var otherKey = await CreateAsync(host, new MigrationRequest(subscription.Id), ByAna with { IdempotencyKey = "key-2" });

        Assert.True(first.IsDone);
        Assert.True(again.IsDone);
        Assert.Equal(first.Value!.Id, again.Value!.Id);
        // A new key is a new request: refused, since the subscription is already being migrated.
        Assert.True(otherKey.IsRefused);
        Assert.Contains(otherKey.Errors, e => e.Code == EligibilityReasons.SubscriptionBeingProcessingInOms.Name);
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_customer_or_subscription_of_another_partner_is_not_found_exactly_like_a_missing_one(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        await host.Store.SaveAsync(db =>
        {
            db.Partners.Add(EngineHost.Sandbox);
            db.Customers.Add(EngineHost.SandboxCustomer);
        });
        var otherCustomersSubscription = A.Subscription().OfCustomer(OtherCustomer.TenantId).Build();
        await host.Store.SaveAsync(db => db.LegacySubscriptions.Add(otherCustomersSubscription));

        var request = new MigrationRequest(subscription.Id);
        var foreignPartner = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d => d.CreateAsync(EngineHost.Sandbox.TenantId, A.CustomerTenantId, request, ByAna, Ct));
        var foreignValidate = await host.WithAsync<MigrationDesk, DeskAnswer<BundleEligibility>>(d => d.ValidateAsync(EngineHost.Sandbox.TenantId, A.CustomerTenantId, request, Ct));
        var foreignLoad = await host.WithAsync<MigrationDesk, CustomerPicture?>(d => d.LoadAsync(EngineHost.Sandbox.TenantId, A.CustomerTenantId, Ct));
        var missingCustomer = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d => d.CreateAsync(A.PartnerTenantId, Guid.NewGuid(), request, ByAna, Ct));
        var subscriptionOfAnotherCustomer = await CreateAsync(host, new MigrationRequest(otherCustomersSubscription.Id));
        var missingSubscription = await CreateAsync(host, new MigrationRequest(Guid.NewGuid()));

        Assert.All([foreignPartner.Outcome, foreignValidate.Outcome, missingCustomer.Outcome, subscriptionOfAnotherCustomer.Outcome, missingSubscription.Outcome], o => Assert.Equal(DeskOutcome.NotFound, o));
        Assert.Null(foreignLoad);
        Assert.NotNull(await host.WithAsync<MigrationDesk, CustomerPicture?>(d => d.LoadAsync(A.PartnerTenantId, A.CustomerTenantId, Ct)));
        await using var db = host.Store.NewContext();
        Assert.Equal(0, await db.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task An_ineligible_request_is_refused_with_every_reason_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().AsTrial().WithActivePromotion().Build();
        await SeedAsync(host.Store, subscription);

        var answer = await CreateAsync(host, new MigrationRequest(subscription.Id));

        Assert.True(answer.IsRefused);
        Assert.False(answer.Eligibility!.IsEligible);
        Assert.Equal(
            [EligibilityReasons.SubscriptionPromotionsPresent.Name, EligibilityReasons.TrialNotAllowed.Name],
            answer.Errors.Select(e => e.Code).Order());
        await using var db = host.Store.NewContext();
        Assert.Equal(0, await db.Migrations.CountAsync(Ct));
        Assert.Null((await db.LegacyAsync(subscription.Id)).InFlightMigrationId);
        Assert.Equal(0, await db.AuditLog.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_request_over_the_seat_cap_is_refused_with_the_seat_cap_reason(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var first = A.Subscription().Of(A.BusinessBasic).WithSeats(200).Build();
        var second = A.Subscription().Of(A.BusinessBasic).WithSeats(100).Build();
        var third = A.Subscription().Of(A.BusinessBasic).WithSeats(1).Build();
        await SeedAsync(host.Store, first, second, third);

        Assert.True((await CreateAsync(host, new MigrationRequest(first.Id))).IsDone);
        Assert.True((await CreateAsync(host, new MigrationRequest(second.Id))).IsDone); // 300 exactly is accepted
        var over = await CreateAsync(host, new MigrationRequest(third.Id));

        Assert.True(over.IsRefused);
        Assert.Equal([EligibilityReasons.LicenseLimitReached.Name], over.Errors.Select(e => e.Code));
    }

    [Theory, OnBothProviders]
    public async Task Engine_events_are_told_inside_the_unit_of_work_so_what_they_add_is_saved_with_the_migration(DatabaseProvider provider)
    {
        var recorder = new RecordingEvents();
        await using var host = await EngineHost.CreateAsync(provider, postgres, services: s => s.AddSingleton<IEngineEvents>(recorder));
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);

        var answer = await CreateAsync(host, new MigrationRequest(subscription.Id));

        Assert.Equal([$"created {answer.Value!.Id}"], recorder.Calls);
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "test event", Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_migration_cannot_be_created_for_a_later_moment(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);

        var later = await CreateAsync(host, new MigrationRequest(subscription.Id) { At = A.Now.AddDays(3) });
        var onRenewalTooEarly = await CreateAsync(host, new MigrationRequest(subscription.Id) { OnRenewal = true });

        Assert.Equal(("NotNow", "At"), (later.Errors.Single().Code, later.Errors.Single().Field));
        Assert.Equal(("NotNow", "OnRenewal"), (onRenewalTooEarly.Errors.Single().Code, onRenewalTooEarly.Errors.Single().Field));
    }

    internal static Task<DeskAnswer<Migration>> CreateAsync(EngineHost host, MigrationRequest request, MigrationOrigin? origin = null) =>
        host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d => d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, request, origin ?? ByAna, Ct));

    internal sealed class RecordingEvents : IEngineEvents
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public void MigrationCreated(PortalDbContext db, Migration migration) => Record(db, $"created {migration.Id}");

        public void MigrationCompleted(PortalDbContext db, Migration migration) => Record(db, $"completed {migration.Id}");

        public void MigrationFailed(PortalDbContext db, Migration migration) => Record(db, $"failed {migration.Id} {migration.Phase}");

        public void ScheduleFailed(PortalDbContext db, MigrationSchedule schedule, string code, string description) => Record(db, $"schedule failed {schedule.Id} {code}");

        private void Record(PortalDbContext db, string call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }

            db.AuditLog.Add(new Portal.Audit.AuditEntry { PartnerTenantId = A.PartnerTenantId, Actor = "test", Action = "test event", Target = call, At = A.Now });
        }
    }
}
