using Microsoft.EntityFrameworkCore;
using Portal.Csv.Exports;
using Portal.Customers;
using Portal.Dashboard;
using Portal.Demo;
using Portal.Domain.Eligibility;
using Portal.History;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Schedules;
using Portal.Time;

namespace Portal.Benchmarks;

/// <summary>The pages' reads, each against the plain read of the rows it shows.</summary>
internal static class PageReads
{
    private const string List = "< 3x";
    private const double ListLimit = 3;

    private static readonly Guid Partner = DemoIds.ScaleTenantId;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(Bench bench, TextWriter output)
    {
        var rows = new List<BenchRow>();
        DateTimeOffset now;
        Guid large200, large1000;
        int customers;
        await using (var scope = bench.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            now = await scope.ServiceProvider.GetRequiredService<PartnerClock>().NowAsync(Partner, CancellationToken.None);
            large200 = await db.Customers.Where(c => c.PartnerTenantId == Partner && c.Name == "Large Customer 0200").Select(c => c.TenantId).SingleAsync();
            large1000 = await db.Customers.Where(c => c.PartnerTenantId == Partner && c.Name == "Large Customer 1000").Select(c => c.TenantId).SingleAsync();
            customers = await db.Customers.CountAsync(c => c.PartnerTenantId == Partner);
        }

        // The first dashboard load after every figure went stale counts every customer (as every load did before ADR-022).
        var everything = await bench.TimeAsync(async services =>
        {
            await services.GetRequiredService<PortalDbContext>().EligibilityFigures.ExecuteUpdateAsync(s => s.SetProperty(f => f.RecountDue, CustomerEligibilityFigure.Stale));
            var dashboard = await services.GetRequiredService<DashboardFigures>().LoadAsync(Partner);
            return dashboard.Eligible + dashboard.Ineligible;
        });
        var allRows = await bench.TimeAsync(services => services.GetRequiredService<RawReads>().ReadAsync(CancellationToken.None, (
            """SELECT s.* FROM "LegacySubscriptions" s JOIN "Customers" c ON c."TenantId" = s."CustomerId" WHERE c."PartnerTenantId" = @p0""", [services.GetRequiredService<RawReads>().Id(Partner)])));
        rows.Add(new BenchRow("dashboard, every figure stale (judges every subscription) vs reading all its subscriptions", everything.Rows, everything.Median, allRows.Median, "once after a change of catalog or partner", double.NaN, everything.Allocated));
        output.WriteLine("measured: dashboard, all stale");

        var until = now.AddDays(DashboardFigures.RenewalWindowDays);
        rows.Add(await bench.CompareAsync("dashboard figures (stored, current)", "< 2x", 2,
            async services =>
            {
                var dashboard = await services.GetRequiredService<DashboardFigures>().LoadAsync(Partner);
                return dashboard.LegacyByStatus.Count + dashboard.Renewals.Count + 2;
            },
            raw => raw.ReadAsync(CancellationToken.None,
                ("""SELECT s."Status", COUNT(*) FROM "LegacySubscriptions" s JOIN "Customers" c ON c."TenantId" = s."CustomerId" WHERE c."PartnerTenantId" = @p0 GROUP BY s."Status" """, [raw.Id(Partner)]),
                ("""SELECT m."Phase", COUNT(*) FROM "Migrations" m JOIN "Customers" c ON c."TenantId" = m."CustomerId" WHERE c."PartnerTenantId" = @p0 GROUP BY m."Phase" """, [raw.Id(Partner)]),
                ("""SELECT SUM("Eligible"), SUM("Ineligible") FROM "EligibilityFigures" WHERE "PartnerTenantId" = @p0""", [raw.Id(Partner)]),
                ("""
                 SELECT c."TenantId", c."Name", s."Id", s."FriendlyName", s."Term", s."Billing", s."TermEnd", s."AutoRenewEnabled",
                   EXISTS (SELECT 1 FROM "MigrationSchedules" ms WHERE ms."SubscriptionId" = s."Id" AND ms."Status" = 'Created' AND NOT ms."IsMicrosoftLed"),
                   EXISTS (SELECT 1 FROM "MigrationSchedules" ms WHERE ms."SubscriptionId" = s."Id" AND ms."Status" = 'Created' AND ms."IsMicrosoftLed")
                 FROM "LegacySubscriptions" s JOIN "Customers" c ON c."TenantId" = s."CustomerId"
                 WHERE c."PartnerTenantId" = @p0 AND s."Status" = 'Active' AND s."ParentSubscriptionId" IS NULL AND s."TermEnd" >= @p1 AND s."TermEnd" <= @p2
                 ORDER BY s."TermEnd" LIMIT 200
                 """, [raw.Id(Partner), raw.Instant(now), raw.Instant(until)]))));
        output.WriteLine("measured: dashboard");

        var lastPage = Math.Max(1, (customers + CustomerDirectory.DefaultPageSize - 1) / CustomerDirectory.DefaultPageSize);
        foreach (var (label, page, search) in new[] { ("first", 1, (string?)null), ("middle", Math.Max(1, lastPage / 2), null), ("last", lastPage, null), ("search 'harbor'", 1, "harbor") })
        {
            rows.Add(await bench.CompareAsync($"customers page, {label} (page {page} of {lastPage})", List, ListLimit,
                async services => (await services.GetRequiredService<CustomerDirectory>().SearchAsync(Partner, search, CustomerSort.Name, page, CustomerDirectory.DefaultPageSize)).Items.Count,
                raw =>
                {
                    var filter = search is null ? "" : """ AND (lower(c."Name") LIKE @p2 OR lower(c."Domain") LIKE @p2)""";
                    object[] args = search is null ? [raw.Id(Partner), (page - 1) * CustomerDirectory.DefaultPageSize] : [raw.Id(Partner), (page - 1) * CustomerDirectory.DefaultPageSize, $"%{search}%"];
                    return raw.ReadAsync(CancellationToken.None,
                        ($"""SELECT COUNT(*) FROM "Customers" c WHERE c."PartnerTenantId" = @p0{filter}""", args),
                        ($"""
                          SELECT c."TenantId", c."Name", c."Domain", c."Segment", c."RelationshipActive",
                            (SELECT COUNT(*) FROM "LegacySubscriptions" s WHERE s."CustomerId" = c."TenantId" AND s."Status" = 'Active'),
                            (SELECT COUNT(*) FROM "NceSubscriptions" n WHERE n."CustomerId" = c."TenantId")
                          FROM "Customers" c WHERE c."PartnerTenantId" = @p0{filter} ORDER BY c."Name", c."TenantId" LIMIT 25 OFFSET @p1
                          """, args));
                }));
        }

        output.WriteLine("measured: customers");
        rows.Add(await bench.CompareAsync("a customer with 200 subscriptions, first page of each list", List, ListLimit,
            async services =>
            {
                var directory = services.GetRequiredService<CustomerDirectory>();
                _ = await directory.SummaryAsync(Partner, large200) ?? throw new InvalidOperationException("The customer of 200 subscriptions is missing.");
                var bundles = await directory.BundlesAsync(large200, null, SubscriptionSort.Name, 1, CustomerDirectory.DefaultPageSize);
                var nce = await directory.NceAsync(large200, 1, CustomerDirectory.DefaultPageSize);
                return 1 + bundles.Items.Sum(b => 1 + b.AddOns.Count) + nce.Items.Count;
            },
            raw =>
            {
                const string bases = """
                    FROM "LegacySubscriptions" s WHERE s."CustomerId" = @p0
                      AND (s."ParentSubscriptionId" IS NULL OR NOT EXISTS (SELECT 1 FROM "LegacySubscriptions" b WHERE b."Id" = s."ParentSubscriptionId" AND b."CustomerId" = @p0))
                    """;
                object[] customer = [raw.Id(large200)];
                return raw.ReadAsync(CancellationToken.None,
                    ("""
                     SELECT c.*, (SELECT COUNT(*) FROM "LegacySubscriptions" l WHERE l."CustomerId" = c."TenantId"), (SELECT COUNT(*) FROM "NceSubscriptions" n WHERE n."CustomerId" = c."TenantId")
                     FROM "Customers" c WHERE c."TenantId" = @p0 AND c."PartnerTenantId" = @p1
                     """, [raw.Id(large200), raw.Id(Partner)]),
                    ($"SELECT COUNT(*) {bases}", customer),
                    ($"""SELECT s.* {bases} ORDER BY s."FriendlyName", s."Id" LIMIT 25""", customer),
                    ($"""SELECT * FROM "LegacySubscriptions" a WHERE a."ParentSubscriptionId" IN (SELECT s."Id" {bases} ORDER BY s."FriendlyName", s."Id" LIMIT 25)""", customer),
                    ("""SELECT * FROM "MigrationSchedules" WHERE "CustomerId" = @p0 AND "Status" = 'Created'""", customer),
                    ("""SELECT COUNT(*) FROM "NceSubscriptions" WHERE "CustomerId" = @p0""", customer),
                    ("""
                     SELECT n.*, (SELECT l."FriendlyName" FROM "LegacySubscriptions" l WHERE l."Id" = n."MigratedFromSubscriptionId")
                     FROM "NceSubscriptions" n WHERE n."CustomerId" = @p0 ORDER BY n."FriendlyName", n."Id" LIMIT 25
                     """, customer));
            }));

        foreach (var (label, page) in new[] { ("page 1", 1), ("page 40", 40) })
        {
            rows.Add(await bench.CompareAsync($"history, failed migrations, {label}", List, ListLimit,
                async services => (await services.GetRequiredService<MigrationHistory>().ListAsync(Partner, new HistoryFilter { Status = Domain.Migrations.MigrationStatus.Failed }, page)).Items.Count,
                raw =>
                {
                    const string from = """
                        FROM "Migrations" m JOIN "Customers" c ON c."TenantId" = m."CustomerId" JOIN "LegacySubscriptions" s ON s."Id" = m."CurrentSubscriptionId"
                        WHERE c."PartnerTenantId" = @p0 AND m."Phase" IN ('FailedLegacyActive', 'FailedLegacySuspended', 'Reverted')
                        """;
                    return raw.ReadAsync(CancellationToken.None,
                        ($"SELECT COUNT(*) {from}", [raw.Id(Partner)]),
                        ($"""SELECT m."Id", m."CustomerId", c."Name", s."FriendlyName", m."Phase", m."IsMicrosoftLed", m."ExternalReferenceId", m."RequestedAt", m."CompletedAt", m."ErrorCode" {from} ORDER BY m."RequestedAt" DESC, m."Id" LIMIT 25 OFFSET @p1""", [raw.Id(Partner), (page - 1) * MigrationHistory.PageSize]));
                }));
        }

        output.WriteLine("measured: history");
        rows.Add(await bench.CompareAsync("schedules, newest first, page 1", List, ListLimit,
            async services => (await services.GetRequiredService<ScheduleDesk>().ListAsync(Partner, new ScheduleFilter(), new Paging(), CancellationToken.None)).Items.Count,
            raw =>
            {
                const string from = """
                    FROM "MigrationSchedules" ms JOIN "Customers" c ON c."TenantId" = ms."CustomerId" JOIN "LegacySubscriptions" s ON s."Id" = ms."SubscriptionId"
                    WHERE c."PartnerTenantId" = @p0
                    """;
                return raw.ReadAsync(CancellationToken.None,
                    ($"SELECT COUNT(*) {from}", [raw.Id(Partner)]),
                    ($"""SELECT ms.*, c."Name", s."FriendlyName" {from} ORDER BY ms."CreatedAt" DESC, ms."Id" LIMIT 25""", [raw.Id(Partner)]));
            }));

        rows.Add(await bench.CompareAsync("renewal calendar, next 90 days", List, ListLimit,
            async services => (await services.GetRequiredService<RenewalCalendarQuery>().TermEndsAsync(Partner, now, until)).Count,
            raw => raw.ReadAsync(CancellationToken.None, ("""
                SELECT c."TenantId", c."Name", s."Id", s."FriendlyName", s."TermEnd",
                  (SELECT ms."IsMicrosoftLed" FROM "MigrationSchedules" ms WHERE ms."SubscriptionId" = s."Id" AND ms."Status" = 'Created' LIMIT 1)
                FROM "LegacySubscriptions" s JOIN "Customers" c ON c."TenantId" = s."CustomerId"
                WHERE c."PartnerTenantId" = @p0 AND s."Status" = 'Active' AND s."ParentSubscriptionId" IS NULL AND s."TermEnd" >= @p1 AND s."TermEnd" < @p2
                ORDER BY s."TermEnd", c."Name" LIMIT 1000
                """, [raw.Id(Partner), raw.Instant(now), raw.Instant(until)]))));

        rows.Add(await bench.CompareAsync("notifications, page 1", List, ListLimit,
            async services => (await services.GetRequiredService<PortalNotifications>().ListAsync(Partner, 1, unreadOnly: false)).Items.Count,
            raw => raw.ReadAsync(CancellationToken.None,
                ("""SELECT COUNT(*) FROM "Notifications" WHERE "PartnerTenantId" = @p0""", [raw.Id(Partner)]),
                ("""SELECT * FROM "Notifications" WHERE "PartnerTenantId" = @p0 ORDER BY "CreatedAt" DESC LIMIT 25""", [raw.Id(Partner)]))));
        output.WriteLine("measured: schedules, calendar, notifications");

        rows.Add(await bench.CompareAsync("eligibility of a 1,000-subscription customer, one pass", "< 3x", 3,
            async services =>
            {
                var customer = await LargeCustomerAsync(services);
                return customer.Context.LegacySubscriptions.Count(s => EligibilityEvaluator.Evaluate(new MigrationRequest(s.Id), customer.Context).IsEligible);
            },
            RawLargeCustomer));
        rows.Add(await bench.CompareAsync("the same customer's stored judgement (now and Microsoft-led, ADR-030), one pass", "recount cost, for information", double.NaN,
            async services => CustomerJudgement.Of(await LargeCustomerAsync(services), stamp: 0).Verdicts.Count,
            RawLargeCustomer));
        output.WriteLine("measured: eligibility of 1,000");
        return rows;

        async Task<CustomerHoldings> LargeCustomerAsync(IServiceProvider services)
        {
            var holdings = services.GetRequiredService<PartnerHoldings>();
            var partner = (await holdings.PartnerAsync(Partner, CancellationToken.None))!;
            return (await holdings.OfCustomersAsync(partner, [large1000], now, withSchedules: true, CancellationToken.None))[0];
        }

        Task<long> RawLargeCustomer(RawReads raw) =>
            raw.ReadAsync(CancellationToken.None,
                ("""SELECT * FROM "LegacySubscriptions" WHERE "CustomerId" = @p0""", [raw.Id(large1000)]),
                ("""SELECT * FROM "NceSubscriptions" WHERE "CustomerId" = @p0""", [raw.Id(large1000)]),
                ("""SELECT * FROM "Migrations" m JOIN "MigrationMembers" mm ON mm."MigrationId" = m."Id" WHERE m."CustomerId" = @p0 AND mm."HoldsSubscription" """, [raw.Id(large1000)]),
                ("""SELECT * FROM "MigrationSchedules" WHERE "CustomerId" = @p0 AND "Status" = 'Created'""", [raw.Id(large1000)]));
    }
}
