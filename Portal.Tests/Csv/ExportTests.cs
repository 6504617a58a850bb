using Portal.Csv;
using Portal.Csv.Exports;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;

namespace Portal.Tests.Csv;

/// <summary>The exports' columns, rows and partner scoping, on a real database of each provider.</summary>
public class ExportTests(PostgresServer postgres)
{
    private const string MicrosoftLedHeader =
        "PartnerTenantId,PartnerId,CustomerTenantId,CustomerName,SubscriptionId,SubscriptionFriendlyName,OfferId,IsAddOn,ParentSubscriptionId,Quantity,TermDuration,BillingCycle,SubscriptionEndDate,CatalogItemId,MigrationEligibilityStatus,MigrationIneligibilityReasons,LastProcessedDate";

    [Theory, OnBothProviders]
    public async Task The_Microsoft_led_export_lists_exactly_the_subscriptions_ending_in_the_next_three_months(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var endsNow = A.Subscription().Named("ends now").EndingAt(A.Now).Build();
        var endsJustAfterNow = A.Subscription().Named("ends just after now").EndingAt(A.Now.AddSeconds(1)).Build();
        var endsAtWindowEnd = A.Subscription().Named("ends at the window's end").EndingAt(A.Now.AddMonths(3)).Build();
        var endsJustAfterWindow = A.Subscription().Named("ends just after the window").EndingAt(A.Now.AddMonths(3).AddSeconds(1)).Build();
        await CsvHost.SeedAsync(host, endsNow, endsJustAfterNow, endsAtWindowEnd, endsJustAfterWindow);

        var file = await CsvHost.ExportAsync<MicrosoftLedExport>(host, A.PartnerTenantId);

        Assert.Equal(MicrosoftLedHeader, string.Join(',', file.Header));
        Assert.Equal(["ends just after now", "ends at the window's end"], file.Column("SubscriptionFriendlyName"));
    }

    [Theory, OnBothProviders]
    public async Task The_Microsoft_led_export_says_what_Microsoft_will_do_with_each_subscription(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var eligible = A.Subscription().Of(A.Office365E3).Named("eligible").WithSeats(25).WithTerm(TermDuration.P1M, BillingCycle.Monthly).EndingAt(A.Now.AddDays(20)).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).Named("archiving").AddOnOf(eligible).WithTerm(TermDuration.P1M, BillingCycle.Monthly).EndingAt(A.Now.AddDays(20)).Build();
        var unmapped = A.Subscription().Of(A.AzureInformationProtectionP1Unmapped).Named("unmapped").EndingAt(A.Now.AddDays(30)).Build();
        var lastHours = A.Subscription().Named("last hours").EndingAt(A.Now.AddHours(47)).Build();
        var cancelled = A.Subscription().Named("cancelled").WithStatus(LegacySubscriptionStatus.Cancelled).EndingAt(A.Now.AddDays(10)).Build();
        await CsvHost.SeedAsync(host, eligible, addOn, unmapped, lastHours, cancelled);

        var file = await CsvHost.ExportAsync<MicrosoftLedExport>(host, A.PartnerTenantId);

        var row = file.RowOf("SubscriptionId", eligible.Id.ToString());
        Assert.Equal(
            [A.PartnerTenantId.ToString(), A.PartnerMpnId, A.CustomerTenantId.ToString(), A.Customer().Name, eligible.Id.ToString(), "eligible",
             A.Office365E3.Id.ToString(), "False", "", "25", "P1M", "Monthly", CsvFormat.Date(eligible.TermEnd), A.Office365E3.Mapping!.CatalogItemId,
             "Eligible", "", CsvFormat.Instant(A.Now)],
            row);
        var addOnRow = file.RowOf("SubscriptionId", addOn.Id.ToString());
        Assert.Equal(["True", eligible.Id.ToString(), "Eligible"], [file.Value(addOnRow, "IsAddOn"), file.Value(addOnRow, "ParentSubscriptionId"), file.Value(addOnRow, "MigrationEligibilityStatus")]);
        var unmappedRow = file.RowOf("SubscriptionId", unmapped.Id.ToString());
        Assert.Equal("Ineligible", file.Value(unmappedRow, "MigrationEligibilityStatus"));
        Assert.Equal($"'{A.AzureInformationProtectionP1Unmapped.Name}' has no New Commerce equivalent in the offer matrix.", file.Value(unmappedRow, "MigrationIneligibilityReasons"));
        Assert.Equal("ScheduleCreated", file.Value(file.RowOf("SubscriptionId", lastHours.Id.ToString()), "MigrationEligibilityStatus"));
        Assert.DoesNotContain(cancelled.Id.ToString(), file.Column("SubscriptionId"));
    }

    [Theory, OnBothProviders]
    public async Task No_export_ever_shows_another_partners_data(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var mine = A.Subscription().Named("mine").EndingAt(A.Now.AddDays(40)).Build();
        var theirs = A.Subscription().Named("theirs").OfCustomer(CsvHost.OtherPartnersCustomer.TenantId).EndingAt(A.Now.AddDays(40)).Build();
        await CsvHost.SeedAsync(host, mine, theirs);
        var theirMigration = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(CsvHost.OtherPartner.TenantId, CsvHost.OtherPartnersCustomer.TenantId, new MigrationRequest(theirs.Id), new MigrationOrigin("them", "their-batch"), CancellationToken.None));
        Assert.True(theirMigration.IsDone, string.Join(" ", theirMigration.Errors));

        var microsoftLed = await CsvHost.ExportAsync<MicrosoftLedExport>(host, A.PartnerTenantId);
        var subscriptions = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);
        var results = await CsvHost.ExportAsync<MigrationResultsExport>(host, A.PartnerTenantId);
        var theirResults = await CsvHost.ExportAsync<MigrationResultsExport>(host, CsvHost.OtherPartner.TenantId);

        Assert.Equal([mine.Id.ToString()], microsoftLed.Column("SubscriptionId"));
        Assert.Equal([mine.Id.ToString()], subscriptions.Column("LegacySubscriptionId"));
        Assert.Empty(results.Rows);
        Assert.Equal([theirs.Id.ToString()], theirResults.Column("LegacySubscriptionId"));
        foreach (var file in new[] { microsoftLed, subscriptions, results })
        {
            var text = System.Text.Encoding.UTF8.GetString(file.Bytes);
            Assert.DoesNotContain(CsvHost.OtherPartnersCustomer.TenantId.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(CsvHost.OtherPartnersCustomer.Name, text, StringComparison.Ordinal);
        }
    }

    private static readonly string[] TargetColumns =
        ["MigrationEligible", "CurrentTerm", "CurrentBillingPlan", "CurrentSeatCount", "StartNewTermInNce", "Term", "BillingPlan", "SeatCount", "CustomTermEndDate", "AddOn", "BaseSubscriptionId", "MigrationIneligibilityReason"];

    [Theory, OnBothProviders]
    public async Task The_subscriptions_export_has_BAMs_columns_the_verdict_and_the_current_values_as_targets(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var eligible = A.Subscription().Named("Standard").WithSeats(12).Build();
        var trial = A.Subscription().Named("Trial").AsTrial().Build();
        var indirect = A.Subscription().Named("Indirect").WithPartnerOfRecord("9999999").Build();
        await CsvHost.SeedAsync(host, eligible, trial, indirect);

        var file = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);

        Assert.Equal(BamColumns.Subscriptions, file.Header);
        Assert.Equal(["Indirect", "Standard", "Trial"], file.Column("LegacySubscriptionName"));
        var row = file.RowOf("LegacySubscriptionId", eligible.Id.ToString());
        Assert.Equal(
            ["True", "P1Y", "Annual", "12", "False", "P1Y", "Annual", "12", "", "False", "", ""],
            [.. TargetColumns.Select(c => file.Value(row, c))]);
        Assert.Equal("", file.Value(row, "IndirectResellerMpnId"));
        Assert.Equal("9999999", file.Value(file.RowOf("LegacySubscriptionId", indirect.Id.ToString()), "IndirectResellerMpnId"));
        var trialRow = file.RowOf("LegacySubscriptionId", trial.Id.ToString());
        Assert.Equal("False", file.Value(trialRow, "MigrationEligible"));
        Assert.NotEqual("", file.Value(trialRow, "MigrationIneligibilityReason"));
    }

    [Theory, OnBothProviders]
    public async Task Migration_results_show_each_member_with_its_outcome_and_batch(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var baseSubscription = A.Subscription().Of(A.Office365E3).Named("E3").Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).Named("Archiving").AddOnOf(baseSubscription).Build();
        var other = A.Subscription().Named("Standard").Build();
        await CsvHost.SeedAsync(host, baseSubscription, addOn, other);
        foreach (var (subscription, batch) in new[] { (baseSubscription, "batch-1"), (other, "batch-2") })
        {
            var answer = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
                d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", batch), CancellationToken.None));
            Assert.True(answer.IsDone, string.Join(" ", answer.Errors));
        }

        var all = await CsvHost.ExportAsync<MigrationResultsExport>(host, A.PartnerTenantId);
        var batch1 = await CsvHost.ExportAsync<MigrationResultsExport>(host, A.PartnerTenantId, new ExportFilter("batch-1"));

        Assert.Equal(3, all.Rows.Count);
        Assert.Equal([baseSubscription.Id.ToString(), addOn.Id.ToString()], batch1.Column("LegacySubscriptionId"));
        Assert.Equal(["Processing", "Processing"], batch1.Column("MigrationStatus"));
        Assert.Equal(["False", "True"], batch1.Column("AddOn"));
        Assert.Equal(["batch-1", "batch-1"], batch1.Column("BatchId"));
        Assert.Single(batch1.Column("MigrationId").Distinct());
    }

    [Theory, OnBothProviders]
    public async Task Exports_list_every_customer_of_several_pages_once_in_tenant_order(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);
        var customers = Enumerable.Range(0, (2 * PartnerHoldings.PageSize) + 7).Select(i => new Portal.Domain.Customers.Customer
        {
            TenantId = Guid.NewGuid(),
            PartnerTenantId = A.PartnerTenantId,
            Name = $"Paged customer {i}",
            Domain = $"paged{i}.onmicrosoft.com",
        }).ToList();
        await host.Store.SaveAsync(db =>
        {
            db.Customers.AddRange(customers);
            db.LegacySubscriptions.AddRange(customers.Select(c => A.Subscription().OfCustomer(c.TenantId).Named(c.Name).EndingAt(A.Now.AddDays(20)).Build()));
        });

        var all = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);
        var ending = await CsvHost.ExportAsync<MicrosoftLedExport>(host, A.PartnerTenantId);

        List<string> expected = [.. customers.Select(c => c.TenantId).Order().Select(id => id.ToString())];
        Assert.Equal(expected, all.Column("CustomerTenantId"));
        Assert.Equal(expected, ending.Column("CustomerTenantId"));
    }
}
