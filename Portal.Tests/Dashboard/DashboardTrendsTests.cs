using Portal.Dashboard;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Dashboard;

/// <summary>The dashboard's trends, grouped by week in the database on both providers: migrations by status, renewals ahead.</summary>
public class DashboardTrendsTests(PostgresServer postgres)
{
    private static readonly Guid OtherPartnerId = Guid.Parse("0e7c1a4e-0000-4000-8000-0000000000ff");
    private static readonly Customer OtherPartnersCustomer = new()
    {
        TenantId = Guid.Parse("c0570000-0000-4000-8000-0000000000ff"),
        PartnerTenantId = OtherPartnerId,
        Name = "Someone else's customer",
        Domain = "else.onmicrosoft.com",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedOtherPartnerAsync(TestStore store, params LegacySubscription[] subscriptions)
    {
        await using var db = store.NewContext();
        db.Partners.Add(new PartnerOrganization { TenantId = OtherPartnerId, Name = "Another partner", MpnId = "other" });
        db.Customers.Add(OtherPartnersCustomer);
        db.LegacySubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(Ct);
    }

    [Theory, OnBothProviders]
    public async Task Renewals_are_counted_per_week_from_today_for_active_bases_of_the_partner_only(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var soon = A.Subscription().Named("Soon").EndingOn(2025, 9, 12).Build();
        var third = A.Subscription().Named("Third week").EndingOn(2025, 9, 30).Build();
        var alsoThird = A.Subscription().Named("Third week too").OfCustomer(OtherCustomer.TenantId).EndingOn(2025, 9, 24).Build();
        var last = A.Subscription().Named("Last day").EndingOn(2025, 12, 8).Build();
        await SeedAsync(store,
            soon, third, alsoThird, last,
            A.Subscription().Named("Add-on").AddOnOf(soon).EndingOn(2025, 9, 12).Build(),
            A.Subscription().Named("Cancelled").WithStatus(LegacySubscriptionStatus.Cancelled).EndingOn(2025, 9, 12).Build(),
            A.Subscription().Named("Too late").EndingOn(2025, 12, 20).Build(),
            A.Subscription().Named("Already ended").EndingOn(2025, 9, 9).Build());
        await SeedOtherPartnerAsync(store, A.Subscription().Named("Not ours").OfCustomer(OtherPartnersCustomer.TenantId).EndingOn(2025, 9, 12).Build());

        await using var db = store.NewContext();
        var weeks = await new DashboardTrends(db).RenewalsPerWeekAsync(A.PartnerTenantId, A.Now, Ct);

        Assert.Equal(13, weeks.Count); // 90 days, in weeks from today
        Assert.Equal(new DateOnly(2025, 9, 10), weeks[0].Start);
        Assert.Equal(new DateOnly(2025, 12, 3), weeks[^1].Start);
        Assert.Equal([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], weeks.Select(w => w.Count));
    }

    [Theory, OnBothProviders]
    public async Task Migrations_are_counted_per_week_requested_by_status_for_the_last_twelve_weeks(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscriptions = Enumerable.Range(0, 5).Select(i => A.Subscription().Named($"S{i}").Build()).ToArray();
        var theirs = A.Subscription().Named("Theirs").OfCustomer(OtherPartnersCustomer.TenantId).Build();
        await SeedAsync(store, subscriptions);
        await SeedOtherPartnerAsync(store, theirs);
        await using (var db = store.NewContext())
        {
            db.Migrations.AddRange(
                Requested(subscriptions[0], A.Now.AddHours(-1)), // this week, processing
                Failed(subscriptions[1], A.Now.AddHours(-2)), // this week, failed
                Requested(subscriptions[2], A.Now.AddDays(-8)), // two weeks back (the week from 27 August)
                Failed(subscriptions[3], new DateTimeOffset(2025, 6, 25, 0, 0, 0, TimeSpan.Zero)), // the first instant of the first week
                Requested(subscriptions[4], A.Now.AddDays(-100)), // before the weeks shown
                Requested(theirs, A.Now.AddHours(-1), OtherPartnersCustomer.TenantId));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = store.NewContext();
        var weeks = await new DashboardTrends(read).MigrationsPerWeekAsync(A.PartnerTenantId, A.Now, Ct);

        Assert.Equal(DashboardTrends.MigrationWeekCount, weeks.Weeks.Count);
        Assert.Equal((new DateOnly(2025, 6, 25), new DateOnly(2025, 9, 10)), (weeks.Weeks[0], weeks.Weeks[^1]));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1], weeks.ByStatus[MigrationStatus.Processing]);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], weeks.ByStatus[MigrationStatus.Failed]);
        Assert.All(weeks.ByStatus[MigrationStatus.Completed], count => Assert.Equal(0, count));
        Assert.Equal(4, weeks.Total);
    }

    [Fact]
    public void A_phase_counts_under_the_status_its_migration_reports()
    {
        var subscription = A.Subscription().Build();
        var requested = Requested(subscription, A.Now);
        var failed = Failed(A.Subscription().Build(), A.Now);

        Assert.Equal(requested.Status, DashboardTrends.StatusOf(requested.Phase));
        Assert.Equal(failed.Status, DashboardTrends.StatusOf(failed.Phase));
        Assert.Equal(MigrationStatus.Processing, DashboardTrends.StatusOf(MigrationPhase.LegacySuspended));
        Assert.Equal(MigrationStatus.Completed, DashboardTrends.StatusOf(MigrationPhase.Completed));
        Assert.Equal(MigrationStatus.Failed, DashboardTrends.StatusOf(MigrationPhase.Reverted));
    }

    private static Migration Requested(LegacySubscription subscription, DateTimeOffset at, Guid? customerId = null) =>
        Migration.Request(Guid.NewGuid(), customerId ?? subscription.CustomerId, Lines(subscription), [subscription], at);

    private static Migration Failed(LegacySubscription subscription, DateTimeOffset at)
    {
        var migration = Requested(subscription, at);
        migration.Fail([subscription], "E", "Refused.", at.AddMinutes(1));
        return migration;
    }
}
