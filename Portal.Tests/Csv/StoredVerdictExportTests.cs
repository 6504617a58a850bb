using Microsoft.EntityFrameworkCore;
using Portal.Csv.Exports;
using Portal.Dashboard;
using Portal.Domain.Customers;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;

namespace Portal.Tests.Csv;

/// <summary>
/// The exports read the verdicts stored with the eligibility figures (ADR-030) instead of judging every row, and never
/// show one that is not valid now: changed facts, a stamp that moved, or verdicts missing are judged again.
/// </summary>
public class StoredVerdictExportTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Exports_show_the_stored_verdicts_and_a_full_recount_repairs_one_that_went_wrong(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Named("eligible").EndingAt(A.Now.AddDays(20)).Build();
        await CsvHost.SeedAsync(host, subscription);
        await ExpectEligibleAsync(host, subscription.Id);

        // A write that bypasses the portal: the exports read what is stored, not a judgement of their own.
        await TamperAsync(host);
        var (eligible, reason, status, ledReason) = await ExportedAsync(host, subscription.Id);
        Assert.Equal(("False", "tampered", "Ineligible", "tampered"), (eligible, reason, status, ledReason));

        await host.WithAsync<EligibilityFigureStore, FiguresRecount>(store => store.RecountAllAsync(Ct));
        await ExpectEligibleAsync(host, subscription.Id);
    }

    [Theory, OnBothProviders]
    public async Task A_verdict_stored_before_the_facts_changed_is_never_shown_and_is_replaced(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Named("eligible").EndingAt(A.Now.AddDays(20)).Build();
        await CsvHost.SeedAsync(host, subscription);
        await ExpectEligibleAsync(host, subscription.Id);

        // The figure's stamp moved (a change saved while a recount ran) but its time has not come: the verdicts it
        // holds are from older facts, so the export judges the customer itself and stores the result.
        await TamperAsync(host);
        await using (var db = host.Store.NewContext())
        {
            await db.EligibilityFigures.ExecuteUpdateAsync(f => f.SetProperty(x => x.Stamp, x => x.Stamp + 1), Ct);
        }

        await ExpectEligibleAsync(host, subscription.Id);
        await ExpectStoredAtFigureStampAsync(host, [subscription.Id]);
    }

    [Theory, OnBothProviders]
    public async Task Verdicts_missing_beside_a_current_figure_are_judged_and_stored_by_the_export(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var first = A.Subscription().Named("first").EndingAt(A.Now.AddDays(20)).Build();
        var second = A.Subscription().Named("second").EndingAt(A.Now.AddDays(25)).Build();
        await CsvHost.SeedAsync(host, first, second);
        await ExpectEligibleAsync(host, first.Id);

        // As in a database from before the verdicts were stored: the figures are current, the verdicts are not there.
        await using (var db = host.Store.NewContext())
        {
            await db.SubscriptionVerdicts.ExecuteDeleteAsync(Ct);
        }

        await ExpectEligibleAsync(host, second.Id);
        await ExpectStoredAtFigureStampAsync(host, [first.Id, second.Id]);
    }

    [Theory, OnBothProviders]
    public async Task The_Microsoft_led_export_follows_a_schedule_saved_after_the_last_export(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Named("renewing").EndingAt(A.Now.AddDays(20)).Build();
        await CsvHost.SeedAsync(host, subscription);
        await ExpectEligibleAsync(host, subscription.Id);

        await host.Store.SaveAsync(db => db.Schedules.Add(Domain.MicrosoftLed.MicrosoftLedTestData.PartnerSchedule(subscription)));

        var (_, _, status, reason) = await ExportedAsync(host, subscription.Id);
        Assert.Equal(("Ineligible", "The partner has scheduled its migration; Microsoft leaves partner-led schedules in place."), (status, reason));
    }

    [Theory, OnBothProviders]
    public async Task In_the_Microsoft_led_export_an_add_on_renewing_with_its_base_shows_the_bases_verdict_and_one_without_shows_its_own(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var lastHours = A.Subscription().Of(A.Office365E3).Named("base in its last hours").EndingAt(A.Now.AddHours(47)).Build();
        var laterAddOn = A.Subscription().Of(A.ExchangeArchiving).Named("add-on ending later").AddOnOf(lastHours).BoughtAt(A.Now.AddYears(-1)).EndingAt(A.Now.AddDays(50)).Build();
        var cancelled = A.Subscription().Of(A.Office365E3).Named("cancelled base").WithStatus(LegacySubscriptionStatus.Cancelled).EndingAt(A.Now.AddDays(30)).Build();
        var orphan = A.Subscription().Of(A.ExchangeArchiving).Named("add-on of a cancelled base").AddOnOf(cancelled).BoughtAt(A.Now.AddYears(-1)).EndingAt(A.Now.AddDays(30)).Build();
        await CsvHost.SeedAsync(host, lastHours, laterAddOn, cancelled, orphan);

        for (var export = 0; export < 2; export++)
        {
            // The first export judges and stores; the second reads what was stored: both say the same.
            var file = await CsvHost.ExportAsync<MicrosoftLedExport>(host, A.PartnerTenantId);
            Assert.Equal("ScheduleCreated", file.Value(file.RowOf("SubscriptionId", laterAddOn.Id.ToString()), "MigrationEligibilityStatus"));
            var orphanRow = file.RowOf("SubscriptionId", orphan.Id.ToString());
            Assert.Equal(
                ("Ineligible", "The add-on can only migrate alone when the customer has the services of its base offer."),
                (file.Value(orphanRow, "MigrationEligibilityStatus"), file.Value(orphanRow, "MigrationIneligibilityReasons")));
        }
    }

    [Theory, OnBothProviders]
    public async Task The_subscriptions_export_finds_the_stored_verdicts_of_every_customer_whatever_their_ids(DatabaseProvider provider)
    {
        // The export reads the subscriptions and the verdicts as two streams in the database's order of customer ids
        // and merges them (InDatabaseOrder): a customer whose verdicts the merge missed would be judged again, so with
        // every stored verdict tampered each row must still show the tampered one, whatever the ids.
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var customers = Enumerable.Range(0, 40).Select(i => new Customer
        {
            TenantId = Guid.NewGuid(),
            PartnerTenantId = A.PartnerTenantId,
            Name = $"Customer {i:00}",
            Domain = $"customer{i:00}.example",
        }).ToList();
        var subscriptions = customers.SelectMany(c => Enumerable.Range(0, 1 + (c.Name.Length % 2)).Select(i => A.Subscription().OfCustomer(c.TenantId).Named($"{c.Name} {i}").EndingAt(A.Now.AddDays(20)).Build())).ToList();
        await CsvHost.SeedAsync(host);
        await host.Store.SaveAsync(db =>
        {
            db.Customers.AddRange(customers);
            db.LegacySubscriptions.AddRange(subscriptions);
        });
        var judged = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);
        Assert.All(subscriptions, s => Assert.Equal("True", judged.Value(judged.RowOf("LegacySubscriptionId", s.Id.ToString()), "MigrationEligible")));

        await TamperAsync(host);

        var stored = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);
        Assert.All(subscriptions, s => Assert.Equal("tampered", stored.Value(stored.RowOf("LegacySubscriptionId", s.Id.ToString()), "MigrationIneligibilityReason")));
    }

    [Fact]
    public void Guids_compare_in_the_order_of_their_text_as_the_databases_sort_them()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 5000).Select(_ => { var bytes = new byte[16]; random.NextBytes(bytes); return new Guid(bytes); }).ToList();
        ids.Add(Guid.Parse("80000000-0000-0000-0000-000000000000")); // a first int that is negative as an int
        ids.Add(Guid.Parse("7fffffff-ffff-ffff-ffff-ffffffffffff"));

        var asText = ids.OrderBy(id => id.ToString("D").ToUpperInvariant(), StringComparer.Ordinal).ToList();
        var merged = ids.Order(Comparer<Guid>.Create(InDatabaseOrder.Compare)).ToList();

        Assert.Equal(asText, merged);
    }

    private static async Task ExpectEligibleAsync(EngineHost host, Guid subscriptionId)
    {
        var (eligible, reason, status, ledReason) = await ExportedAsync(host, subscriptionId);
        Assert.Equal(("True", "", "Eligible", ""), (eligible, reason, status, ledReason));
    }

    /// <summary>The subscriptions export's verdict and reason, and the Microsoft-led export's status and reasons, of one subscription.</summary>
    private static async Task<(string Eligible, string Reason, string Status, string LedReason)> ExportedAsync(EngineHost host, Guid subscriptionId)
    {
        var subscriptions = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);
        var microsoftLed = await CsvHost.ExportAsync<MicrosoftLedExport>(host, A.PartnerTenantId);
        var row = subscriptions.RowOf("LegacySubscriptionId", subscriptionId.ToString());
        var ledRow = microsoftLed.RowOf("SubscriptionId", subscriptionId.ToString());
        return (subscriptions.Value(row, "MigrationEligible"), subscriptions.Value(row, "MigrationIneligibilityReason"),
            microsoftLed.Value(ledRow, "MigrationEligibilityStatus"), microsoftLed.Value(ledRow, "MigrationIneligibilityReasons"));
    }

    private static async Task TamperAsync(EngineHost host)
    {
        await using var db = host.Store.NewContext();
        await db.SubscriptionVerdicts.ExecuteUpdateAsync(
            v => v.SetProperty(x => x.Eligible, false).SetProperty(x => x.Reasons, "tampered").SetProperty(x => x.LedEligible, false).SetProperty(x => x.LedReasons, "tampered"),
            Ct);
    }

    private static async Task ExpectStoredAtFigureStampAsync(EngineHost host, Guid[] subscriptionIds)
    {
        await using var db = host.Store.NewContext();
        var stamps = await db.EligibilityFigures.AsNoTracking().ToDictionaryAsync(f => f.CustomerId, f => f.Stamp, Ct);
        var stored = await db.SubscriptionVerdicts.AsNoTracking().Where(v => subscriptionIds.Contains(v.SubscriptionId)).ToListAsync(Ct);
        Assert.Equal(subscriptionIds.Length, stored.Count);
        Assert.All(stored, v => Assert.Equal((stamps[v.CustomerId], true, ""), (v.Stamp, v.Eligible, v.Reasons)));
    }
}
