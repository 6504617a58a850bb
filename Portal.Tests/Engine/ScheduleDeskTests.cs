using Microsoft.EntityFrameworkCore;
using Portal.Domain.Eligibility;
using Portal.Domain.Schedules;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Schedules;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>Partner-made schedules through <see cref="ScheduleDesk"/>, on a real database of each provider.</summary>
public class ScheduleDeskTests(PostgresServer postgres)
{
    private const string Actor = "ana@contoso.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The default subscription's term ends 2026-02-10; "now" is 2025-09-10.
    private static readonly DateOnly InTerm = new(2025, 12, 1);

    [Theory, OnBothProviders]
    public async Task A_schedule_on_renewal_or_on_a_date_is_stored_with_its_frozen_targets_and_audited(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var (baseSubscription, addOn) = Bundle();
        var other = A.Subscription().Build();
        await SeedAsync(host.Store, baseSubscription, addOn, other);

        var onRenewal = await CreateAsync(host, new MigrationRequest(baseSubscription.Id), ScheduleTiming.OnRenewal, "REF-1");
        var onDate = await CreateAsync(host, new MigrationRequest(other.Id), ScheduleTiming.OnDate(InTerm));

        Assert.True(onRenewal.IsDone, string.Join(" ", onRenewal.Errors));
        Assert.True(onDate.IsDone, string.Join(" ", onDate.Errors));
        await using var db = host.Store.NewContext();
        var stored = await db.Schedules.SingleAsync(s => s.Id == onRenewal.Value!.Id, Ct);
        Assert.Equal(new DateTimeOffset(2026, 2, 11, 0, 0, 0, TimeSpan.Zero), stored.DueAt);
        Assert.Equal([baseSubscription.Id, addOn.Id], stored.Lines.Select(l => l.LegacySubscriptionId));
        Assert.All(stored.Lines, l => Assert.True(l.Target.PurchaseFullTerm)); // on renewal: a new full term
        Assert.Equal("REF-1", stored.ExternalReferenceId);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), (await db.Schedules.SingleAsync(s => s.Id == onDate.Value!.Id, Ct)).DueAt);
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == "Schedule created" && a.Actor == Actor, Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_second_schedule_a_date_outside_the_term_and_an_ineligible_subscription_are_refused_with_reasons(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        var trial = A.Subscription().AsTrial().Build();
        await SeedAsync(host.Store, subscription, trial);

        Assert.True((await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnDate(InTerm))).IsDone);
        var second = await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnRenewal);
        var afterTerm = await CreateAsync(host, new MigrationRequest(trial.Id) { }, ScheduleTiming.OnDate(new DateOnly(2026, 2, 11)));
        var yesterday = await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnDate(new DateOnly(2025, 9, 9)));
        var ineligible = await CreateAsync(host, new MigrationRequest(trial.Id), ScheduleTiming.OnRenewal);

        Assert.Equal("AlreadyScheduled", second.Errors.Single().Code);
        Assert.True(afterTerm.IsRefused);
        Assert.Equal([EligibilityReasons.TrialNotAllowed.Name], ineligible.Errors.Select(e => e.Code));
        Assert.True(yesterday.IsRefused);
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.Schedules.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_target_date_on_the_last_day_of_the_term_is_accepted_and_the_day_after_is_refused_naming_the_field(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var lastDay = A.Subscription().Build();
        var dayAfter = A.Subscription().Build();
        await SeedAsync(host.Store, lastDay, dayAfter);

        var accepted = await CreateAsync(host, new MigrationRequest(lastDay.Id) { Target = new(lastDay.Term, lastDay.Billing, lastDay.Quantity, PurchaseFullTerm: true) }, ScheduleTiming.OnDate(new DateOnly(2026, 2, 10)));
        var refused = await CreateAsync(host, new MigrationRequest(dayAfter.Id) { Target = new(dayAfter.Term, dayAfter.Billing, dayAfter.Quantity, PurchaseFullTerm: true) }, ScheduleTiming.OnDate(new DateOnly(2026, 2, 11)));

        Assert.True(accepted.IsDone, string.Join(" ", accepted.Errors));
        Assert.True(refused.IsRefused);
        Assert.Contains(refused.Errors, e => e.Field == "TargetDate" || e.Code == EligibilityReasons.SubscriptionTooCloseToTermEnd.Name);
    }

    [Theory, OnBothProviders]
    public async Task Update_changes_the_date_and_targets_until_the_schedule_is_due(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().WithSeats(10).Build();
        await SeedAsync(host.Store, subscription);
        var created = (await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnDate(InTerm))).Value!;

        var fewerSeats = new MigrationRequest(subscription.Id) { Target = new(subscription.Term, subscription.Billing, 8) };
        var updated = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.UpdateAsync(A.PartnerTenantId, created.Id, fewerSeats, ScheduleTiming.OnDate(InTerm.AddDays(5)), Actor, null, Ct));
        host.Time.Set(new DateTimeOffset(2025, 12, 6, 0, 0, 0, TimeSpan.Zero));
        var tooLate = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.UpdateAsync(A.PartnerTenantId, created.Id, fewerSeats, ScheduleTiming.OnRenewal, Actor, null, Ct));

        Assert.True(updated.IsDone, string.Join(" ", updated.Errors));
        Assert.True(tooLate.IsRefused);
        await using var db = host.Store.NewContext();
        var stored = await db.Schedules.SingleAsync(Ct);
        Assert.Equal(InTerm.AddDays(5), stored.Timing.TargetDate);
        Assert.Equal(8, stored.Lines.Single().Target.Quantity);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Schedule updated", Ct));
    }

    [Theory, OnBothProviders]
    public async Task Cancel_cancels_once_and_a_cancelled_schedule_cannot_be_cancelled_again(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var created = (await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnRenewal)).Value!;

        var cancelled = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CancelAsync(A.PartnerTenantId, created.Id, Actor, Ct));
        var again = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CancelAsync(A.PartnerTenantId, created.Id, Actor, Ct));

        Assert.Equal(ScheduleStatus.Cancelled, cancelled.Value!.Status);
        Assert.True(again.IsRefused);
        // Once cancelled, the subscription can be scheduled again.
        Assert.True((await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnDate(InTerm))).IsDone);
    }

    [Theory, OnBothProviders]
    public async Task Another_partners_schedule_is_not_found_for_get_update_cancel_and_list(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        await host.Store.SaveAsync(db => db.Partners.Add(EngineHost.Sandbox));
        var created = (await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnRenewal)).Value!;
        var stranger = EngineHost.Sandbox.TenantId;

        var get = await host.WithAsync<ScheduleDesk, DeskAnswer<ScheduleListItem>>(d => d.GetAsync(stranger, created.Id, Ct));
        var update = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.UpdateAsync(stranger, created.Id, new MigrationRequest(subscription.Id), ScheduleTiming.OnDate(InTerm), Actor, null, Ct));
        var cancel = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CancelAsync(stranger, created.Id, Actor, Ct));
        var missing = await host.WithAsync<ScheduleDesk, DeskAnswer<ScheduleListItem>>(d => d.GetAsync(A.PartnerTenantId, Guid.NewGuid(), Ct));
        var list = await host.WithAsync<ScheduleDesk, PagedList<ScheduleListItem>>(d => d.ListAsync(stranger, new ScheduleFilter(), new Paging(), Ct));
        var create = await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CreateAsync(stranger, A.CustomerTenantId, new MigrationRequest(subscription.Id), ScheduleTiming.OnRenewal, Actor, null, Ct));

        Assert.All([get.Outcome, update.Outcome, cancel.Outcome, missing.Outcome, create.Outcome], o => Assert.Equal(DeskOutcome.NotFound, o));
        Assert.Equal(0, list.Total);
        var own = await host.WithAsync<ScheduleDesk, DeskAnswer<ScheduleListItem>>(d => d.GetAsync(A.PartnerTenantId, created.Id, Ct));
        Assert.Equal(("Fabrikam Ltd", ScheduleStatus.Created), (own.Value!.CustomerName, own.Value.Schedule.Status));
    }

    [Theory, OnBothProviders]
    public async Task The_list_filters_sorts_and_pages_in_the_database(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscriptions = Enumerable.Range(0, 5).Select(i => A.Subscription().Named($"Sub {i}").Build()).ToArray();
        await SeedAsync(host.Store, subscriptions);
        var ids = new List<Guid>();
        foreach (var subscription in subscriptions)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await CreateAsync(host, new MigrationRequest(subscription.Id), ScheduleTiming.OnRenewal)).Value!.Id);
        }

        await host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CancelAsync(A.PartnerTenantId, ids[4], Actor, Ct));

        var page2 = await host.WithAsync<ScheduleDesk, PagedList<ScheduleListItem>>(d => d.ListAsync(A.PartnerTenantId, new ScheduleFilter { Status = ScheduleStatus.Created, Sort = ScheduleSort.OldestFirst }, new Paging(2, 3), Ct));

        Assert.Equal(4, page2.Total);
        Assert.Equal(2, page2.PageCount);
        Assert.Equal([ids[3]], page2.Items.Select(i => i.Schedule.Id));
        Assert.Equal("Sub 3", page2.Items.Single().SubscriptionName);
    }

    private static Task<DeskAnswer<MigrationSchedule>> CreateAsync(EngineHost host, MigrationRequest request, ScheduleTiming timing, string? reference = null) =>
        host.WithAsync<ScheduleDesk, DeskAnswer<MigrationSchedule>>(d => d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, request, timing, Actor, reference, Ct));
}
