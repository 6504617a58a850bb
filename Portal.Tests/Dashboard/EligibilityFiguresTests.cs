using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Csv.Exports;
using Portal.Dashboard;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;

namespace Portal.Tests.Dashboard;

/// <summary>
/// The dashboard's stored eligibility figures (ADR-022): every change that changes a verdict changes the figure the
/// dashboard shows, which always equals a full evaluation through the migration desk; a load judges again only the
/// customers whose figure a change or the clock made due; the nightly recount finds no drift after a sequence of
/// changes, and finds and repairs a figure that was tampered with or lost.
/// </summary>
public sealed class EligibilityFiguresTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Guid Partner = EngineHost.Sandbox.TenantId;

    private static readonly Guid Customer = EngineHost.SandboxCustomer.TenantId;

    [Theory, OnBothProviders]
    public async Task Every_change_that_changes_eligibility_changes_the_dashboard_figure_and_it_matches_a_full_evaluation(DatabaseProvider provider)
    {
        await using var host = await HostAsync(provider);
        var standard = EngineTestData.SandboxSubscription().Of(A.BusinessStandard).Named("Standard").Build();
        var e3 = EngineTestData.SandboxSubscription().Of(A.Office365E3).Named("E3").Build();
        var archiving = EngineTestData.SandboxSubscription().Of(A.ExchangeArchiving).AddOnOf(e3).Build();
        await EngineTestData.SeedSandboxAsync(host, standard, e3, archiving);
        await ExpectAsync(host, (2, 0));

        // The bundle changes: a new add-on blocks its base for 30 days.
        await SaveAsync(host, db => db.LegacySubscriptions.Add(EngineTestData.SandboxSubscription().Of(A.ExchangeArchiving).AddOnOf(e3).BoughtAt(host.Time.Now).Build()));
        await ExpectAsync(host, (1, 1));

        // The partner clock moves past the 30 days (a day change, no write at all).
        host.Time.Advance(TimeSpan.FromDays(29));
        await ExpectAsync(host, (1, 1));
        host.Time.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(host, (2, 0));

        // The catalog: the offer is no longer enabled for migration, and then is again.
        await SaveAsync(host, db => db.LegacyOffers.Update(A.BusinessStandard with { MigrationEnabled = false }));
        await ExpectAsync(host, (1, 1));
        await SaveAsync(host, db => db.LegacyOffers.Update(A.BusinessStandard with { MigrationEnabled = true }));
        await ExpectAsync(host, (2, 0));

        // Seat totals: New Commerce seats of the product leave too few under its seat cap, then are gone again.
        var nce = A.NceSubscription().OfCustomer(Customer).Of(A.BusinessStandard).WithSeats(A.BusinessStandard.SeatCap!.Value - 5).CreatedAt(host.Time.Now.AddMonths(-2)).Build();
        await SaveAsync(host, db => db.NceSubscriptions.Add(nce));
        await ExpectAsync(host, (1, 1));
        await SaveAsync(host, db => db.NceSubscriptions.Remove(db.NceSubscriptions.Single(s => s.Id == nce.Id)));
        await ExpectAsync(host, (2, 0));

        // A schedule: the partner schedules the E3 bundle for its renewal, so Microsoft would leave it alone (the
        // counts stay, the Microsoft-led verdict changes); then the schedule is cancelled.
        await using (var db = host.Store.NewContext())
        {
            Assert.True((await db.SubscriptionVerdicts.SingleAsync(v => v.SubscriptionId == e3.Id, Ct)).LedEligible);
        }

        var schedule = MigrationSchedule.Create(Guid.NewGuid(), Customer, e3.Id, e3.TermEnd, ScheduleTiming.OnRenewal, [new(e3.Id, null, "CFQ7TTC0LF8Q:0001:0001", MigrationTarget.CarryOver(e3))], host.Time.Now);
        await SaveAsync(host, db => db.Schedules.Add(schedule));
        await ExpectAsync(host, (2, 0));
        await using (var db = host.Store.NewContext())
        {
            Assert.Null((await db.SubscriptionVerdicts.SingleAsync(v => v.SubscriptionId == e3.Id, Ct)).LedEligible);
        }

        await SaveAsync(host, db => db.Schedules.Single(s => s.Id == schedule.Id).Cancel(host.Time.Now));
        await ExpectAsync(host, (2, 0));

        // A subscription itself: cancelled, it is no longer counted.
        await SaveAsync(host, db => db.LegacySubscriptions.Single(s => s.Id == standard.Id).Cancel());
        await ExpectAsync(host, (1, 0));

        // The desk creates a migration of the E3 bundle: in flight, it cannot migrate again; once completed by the engine, it is gone.
        var created = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d => d.CreateAsync(Partner, Customer, new MigrationRequest(e3.Id), new MigrationOrigin("ana@northwind.example"), Ct));
        Assert.True(created.IsDone, string.Join(" ", created.Errors));
        await ExpectAsync(host, (0, 1));
        for (var step = 0; step < 6; step++)
        {
            await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(MigrationPhase.Completed, (await host.StoredMigrationAsync(created.Value!.Id)).Phase);
        await ExpectAsync(host, (0, 0));

        // The customer and the partner: a new base, then the relationship and the partner's profile change.
        await SaveAsync(host, db => db.LegacySubscriptions.Add(EngineTestData.SandboxSubscription().Of(A.Office365E3).Build()));
        await ExpectAsync(host, (1, 0));
        await SaveAsync(host, db => db.Customers.Update(EngineHost.SandboxCustomer with { RelationshipActive = false }));
        await ExpectAsync(host, (0, 1));
        await SaveAsync(host, db => db.Customers.Update(EngineHost.SandboxCustomer));
        await ExpectAsync(host, (1, 0));
        await SaveAsync(host, db => db.Partners.Update(EngineHost.Sandbox with { ProfileComplete = false }));
        await ExpectAsync(host, (0, 1));

        var recount = await host.WithAsync<EligibilityFigureStore, FiguresRecount>(s => s.RecountAllAsync(Ct));
        Assert.Equal((1, 1, 0, 0), (recount.Partners, recount.Customers, recount.Missing, recount.Drifted));
    }

    [Theory, OnBothProviders]
    public async Task A_load_judges_again_only_the_customers_a_change_or_the_clock_made_due(DatabaseProvider provider)
    {
        await using var host = await HostAsync(provider);
        var first = EngineTestData.SandboxSubscription().Build();
        await EngineTestData.SeedSandboxAsync(host, first);
        var other = EngineHost.SandboxCustomer with { TenantId = Guid.NewGuid(), Name = "Other Customer", Domain = "other.onmicrosoft.com" };
        var endingSoon = EngineTestData.SandboxSubscription().OfCustomer(other.TenantId).EndingAt(host.Time.Now.AddDays(3)).Build();
        await SaveAsync(host, db =>
        {
            db.Customers.Add(other);
            db.LegacySubscriptions.Add(endingSoon);
        });

        Assert.Equal(2, await RefreshAsync(host));
        Assert.Equal(0, await RefreshAsync(host));

        await SaveAsync(host, db => db.LegacySubscriptions.Single(s => s.Id == first.Id).Cancel());
        Assert.Equal(1, await RefreshAsync(host));
        Assert.Equal(0, await RefreshAsync(host));

        // The other customer's term enters its last 24 hours: due by the clock alone, one instant and not before.
        host.Time.Set(endingSoon.TermEnd - EligibilityEvaluator.LastDayOfTerm - TimeSpan.FromTicks(1));
        Assert.Equal(0, await RefreshAsync(host));
        host.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, await RefreshAsync(host));
        await ExpectAsync(host, (0, 1));
    }

    [Theory, OnBothProviders]
    public async Task The_nightly_recount_finds_a_drifted_or_missing_figure_and_repairs_it(DatabaseProvider provider)
    {
        await using var host = await HostAsync(provider);
        await EngineTestData.SeedSandboxAsync(host, EngineTestData.SandboxSubscription().Build(), EngineTestData.SandboxSubscription().Of(A.Office365E3).Build());
        await ExpectAsync(host, (2, 0));

        // A write that bypasses the portal (no change of the facts) leaves the stored figure wrong: the dashboard shows it.
        await using (var db = host.Store.NewContext())
        {
            await db.EligibilityFigures.ExecuteUpdateAsync(s => s.SetProperty(f => f.Eligible, 7), Ct);
        }

        Assert.Equal(7, (await LoadAsync(host)).Eligible);

        var recount = await host.WithAsync<EligibilityFigureStore, FiguresRecount>(s => s.RecountAllAsync(Ct));
        Assert.Equal((1, 0, 1), (recount.Customers, recount.Missing, recount.Drifted));
        await ExpectAsync(host, (2, 0));

        await using (var db = host.Store.NewContext())
        {
            await db.EligibilityFigures.ExecuteDeleteAsync(Ct);
        }

        recount = await host.WithAsync<EligibilityFigureStore, FiguresRecount>(s => s.RecountAllAsync(Ct));
        Assert.Equal((1, 1, 0), (recount.Customers, recount.Missing, recount.Drifted));
        await ExpectAsync(host, (2, 0));
        var again = await host.WithAsync<EligibilityFigureStore, FiguresRecount>(s => s.RecountAllAsync(Ct));
        Assert.Equal((0, 0, 0), (again.WereDue, again.Missing, again.Drifted));
    }

    [Theory, OnBothProviders]
    public async Task A_figure_counted_from_facts_read_before_a_change_is_not_stored_over_it(DatabaseProvider provider)
    {
        await using var host = await HostAsync(provider);
        var subscription = EngineTestData.SandboxSubscription().Build();
        await EngineTestData.SeedSandboxAsync(host, subscription);
        await ExpectAsync(host, (1, 0));

        // The worker reads the figure's stamp and the facts; then a change is saved; then the worker stores its count.
        await using var scope = host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<EligibilityFigureStore>();
        await using (var db = host.Store.NewContext())
        {
            await db.EligibilityFigures.ExecuteUpdateAsync(s => s.SetProperty(f => f.RecountDue, CustomerEligibilityFigure.Stale), Ct);
        }

        long stamp;
        await using (var db = host.Store.NewContext())
        {
            stamp = await db.EligibilityFigures.Where(f => f.CustomerId == Customer).Select(f => f.Stamp).SingleAsync(Ct);
        }

        var holdings = scope.ServiceProvider.GetRequiredService<PartnerHoldings>();
        var partner = (await holdings.PartnerAsync(Partner, Ct))!;
        var before = await holdings.OfCustomersAsync(partner, [Customer], host.Time.Now, withSchedules: true, Ct);
        await SaveAsync(host, db => db.LegacySubscriptions.Single(s => s.Id == subscription.Id).Cancel());
        var stored = await store.StoreAsync(Partner, [CustomerJudgement.Of(before[0], stamp)], host.Time.Now, Ct);

        Assert.Equal(0, stored);
        await ExpectAsync(host, (0, 0));
    }

    private async Task<EngineHost> HostAsync(DatabaseProvider provider) =>
        await EngineHost.CreateAsync(provider, postgres, EngineTestData.MinuteSteps(), services =>
        {
            var configuration = new ConfigurationBuilder().Build();
            services.AddScoped<PartnerHoldings>();
            services.AddScoped<DashboardFigures>();
            services.AddPortalDashboard(configuration);
            services.RemoveAll<IHostedService>(); // the tests run the passes themselves
        });

    private static Task<int> RefreshAsync(EngineHost host) =>
        host.WithAsync<EligibilityFigureStore, int>(async store => await store.RefreshAsync(EngineHost.Sandbox with { }, host.Time.Now, Ct));

    private static Task<Portal.Dashboard.Dashboard> LoadAsync(EngineHost host) =>
        host.WithAsync<DashboardFigures, Portal.Dashboard.Dashboard>(figures => figures.LoadAsync(Partner, Ct));

    /// <summary>
    /// The dashboard's figures are <paramref name="expected"/>, and the same as judging every active base through the
    /// desk; every subscription's stored verdicts (ADR-030) are those a judgement of the facts as they are now gives.
    /// </summary>
    private static async Task ExpectAsync(EngineHost host, (int Eligible, int Ineligible) expected)
    {
        var dashboard = await LoadAsync(host);
        Assert.Equal(expected, (dashboard.Eligible, dashboard.Ineligible));
        Assert.Equal(await FullEvaluationAsync(host), (dashboard.Eligible, dashboard.Ineligible));
        Assert.Equal(await JudgedVerdictsAsync(host), await StoredVerdictsAsync(host));
    }

    private static async Task<List<SubscriptionVerdict>> StoredVerdictsAsync(EngineHost host)
    {
        await using var db = host.Store.NewContext();
        var figures = await db.EligibilityFigures.AsNoTracking().ToDictionaryAsync(f => f.CustomerId, f => f.Stamp, Ct);
        var stored = await db.SubscriptionVerdicts.AsNoTracking().ToListAsync(Ct);
        Assert.All(stored, v => Assert.Equal(figures[v.CustomerId], v.Stamp));
        return [.. stored.Select(v => v with { Stamp = 0 }).OrderBy(v => v.SubscriptionId)];
    }

    private static async Task<List<SubscriptionVerdict>> JudgedVerdictsAsync(EngineHost host)
    {
        await using var scope = host.Scope();
        var holdings = scope.ServiceProvider.GetRequiredService<PartnerHoldings>();
        var partner = (await holdings.PartnerAsync(Partner, Ct))!;
        var judged = new List<SubscriptionVerdict>();
        await foreach (var page in holdings.PagesAsync(partner, host.Time.Now, withSchedules: true, Ct))
        {
            judged.AddRange(page.SelectMany(c => CustomerJudgement.Of(c, stamp: 0).Verdicts));
        }

        return [.. judged.OrderBy(v => v.SubscriptionId)];
    }

    private static async Task<(int Eligible, int Ineligible)> FullEvaluationAsync(EngineHost host)
    {
        List<(Guid Customer, Guid Subscription)> bases;
        await using (var db = host.Store.NewContext())
        {
            bases = await db.LegacySubscriptions.AsNoTracking()
                .Where(s => s.Status == LegacySubscriptionStatus.Active && s.ParentSubscriptionId == null)
                .Select(s => new ValueTuple<Guid, Guid>(s.CustomerId, s.Id))
                .ToListAsync(Ct);
        }

        var (eligible, ineligible) = (0, 0);
        foreach (var (customer, subscription) in bases)
        {
            var answer = await host.WithAsync<MigrationDesk, DeskAnswer<BundleEligibility>>(d => d.ValidateAsync(Partner, customer, new MigrationRequest(subscription), Ct));
            var verdict = answer.Value ?? answer.Eligibility ?? throw new InvalidOperationException($"No verdict for {subscription}: {string.Join(" ", answer.Errors)}");
            (eligible, ineligible) = verdict.IsEligible ? (eligible + 1, ineligible) : (eligible, ineligible + 1);
        }

        return (eligible, ineligible);
    }

    private static async Task SaveAsync(EngineHost host, Action<PortalDbContext> change)
    {
        await using var db = host.Store.NewContext();
        change(db);
        await db.SaveChangesAsync(Ct);
    }
}
