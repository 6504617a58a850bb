using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Csv;
using Portal.Csv.Exports;
using Portal.Csv.Uploads;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;

namespace Portal.Tests.Csv;

/// <summary>BAM's migration and schedule uploads, through the engine's desks, on a real database of each provider.</summary>
public class BamUploadTests(PostgresServer postgres)
{
    private static readonly ImportActor Ana = new(A.PartnerTenantId, "ana@contoso.example");

    private const string Header = "CustomerTenantId,LegacySubscriptionId,StartNewTermInNce,Term,BillingPlan,SeatCount,CustomTermEndDate,AddOn,BaseSubscriptionId\r\n";

    [Theory, OnBothProviders]
    public async Task The_exported_subscriptions_file_checked_back_finds_exactly_the_eligible_rows_valid_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var eligible = A.Subscription().Named("Standard").Build();
        var trial = A.Subscription().Named("Trial").AsTrial().Build();
        await CsvHost.SeedAsync(host, eligible, trial);
        var exported = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);

        var report = await ImportAsync(host, BamUploadKind.Migrations, exported.Stream(), ImportMode.ValidateOnly);

        Assert.Null(report.FileError);
        Assert.Equal(
            exported.Rows.Select(r => (exported.Value(r, "LegacySubscriptionId"), exported.Value(r, "MigrationEligible") == "True")),
            report.Rows.Select(r => (r.Key, r.IsValid)));
        Assert.Contains(report.Rows.Single(r => r.Key == trial.Id.ToString()).Errors, e => e.Message.Contains("TrialNotAllowed", StringComparison.Ordinal) || e.Message.Contains("8 ", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task Exported_rows_uploaded_unchanged_migrate_with_the_subscriptions_own_term_billing_and_seats(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().WithSeats(17).WithTerm(TermDuration.P1Y, BillingCycle.Monthly).Build();
        await CsvHost.SeedAsync(host, subscription);
        var exported = await CsvHost.ExportAsync<SubscriptionsExport>(host, A.PartnerTenantId);

        var report = await ImportAsync(host, BamUploadKind.Migrations, exported.Stream(), ImportMode.AllOrNothing);

        Assert.Equal(1, report.Applied);
        Assert.NotNull(report.BatchId);
        await using var db = host.Store.NewContext();
        var migration = await db.Migrations.AsNoTracking().SingleAsync();
        Assert.Equal(report.BatchId, migration.ExternalReferenceId);
        var target = migration.Members.Single().Target;
        Assert.Equal((TermDuration.P1Y, BillingCycle.Monthly, 17, false), (target.Term, target.Billing, target.Quantity, target.PurchaseFullTerm));
    }

    [Theory, OnBothProviders]
    public async Task By_default_nothing_is_migrated_when_any_row_is_wrong_and_each_wrong_row_is_reported(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var first = A.Subscription().Named("first").Build();
        var second = A.Subscription().Named("second").Build();
        var theirs = A.Subscription().Named("theirs").OfCustomer(CsvHost.OtherPartnersCustomer.TenantId).Build();
        var alsoTheirs = A.Subscription().Named("also theirs").OfCustomer(CsvHost.OtherPartnersCustomer.TenantId).Build();
        await CsvHost.SeedAsync(host, first, second, theirs, alsoTheirs);
        var file = Header
            + Row(A.CustomerTenantId, first.Id, seats: "20")
            + Row(A.CustomerTenantId, second.Id, seats: "lots")
            + Row(CsvHost.OtherPartnersCustomer.TenantId, theirs.Id)
            + Row(A.CustomerTenantId, alsoTheirs.Id)
            + Row(A.CustomerTenantId, first.Id);

        var report = await ImportAsync(host, BamUploadKind.Migrations, file, ImportMode.AllOrNothing);

        Assert.Equal(0, report.Applied);
        Assert.StartsWith("Nothing was applied: 4 of 5 rows have errors.", report.Summary, StringComparison.Ordinal);
        Assert.Equal("SeatCount: 'lots' is not a seat count (a whole number, 1 or more).", Error(report, 3));
        Assert.Equal($"CustomerTenantId: Customer {CsvHost.OtherPartnersCustomer.TenantId} was not found.", Error(report, 4));
        Assert.Equal($"LegacySubscriptionId: Subscription {alsoTheirs.Id} was not found for customer {A.CustomerTenantId}.", Error(report, 5));
        Assert.Equal($"LegacySubscriptionId: Subscription {first.Id} is already on line 2.", Error(report, 6));
        Assert.Equal(0, await CountAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task Partial_mode_migrates_the_right_rows_under_one_batch_and_reports_the_wrong_ones(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var first = A.Subscription().Named("first").Build();
        var trial = A.Subscription().Named("trial").AsTrial().Build();
        await CsvHost.SeedAsync(host, first, trial);
        var file = Header + Row(A.CustomerTenantId, first.Id, term: "P1M", billing: "Monthly") + Row(A.CustomerTenantId, trial.Id);

        var report = await ImportAsync(host, BamUploadKind.Migrations, file, ImportMode.Partial);
        var again = await ImportAsync(host, BamUploadKind.Migrations, file, ImportMode.Partial);

        Assert.Equal(1, report.Applied);
        Assert.StartsWith("Migration ", report.Rows[0].Outcome, StringComparison.Ordinal);
        Assert.False(report.Rows[1].IsValid);
        var results = await CsvHost.ExportAsync<MigrationResultsExport>(host, A.PartnerTenantId, new ExportFilter(report.BatchId));
        Assert.Equal([first.Id.ToString()], results.Column("LegacySubscriptionId"));
        Assert.Equal(["P1M"], results.Column("NCETermDuration"));
        Assert.Contains("SubscriptionBeingProcessingInOms", Error(again, 2), StringComparison.Ordinal); // uploading it again starts no second migration
        Assert.Equal(1, await CountAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task Rows_of_one_customer_are_judged_together_so_two_that_fit_the_seat_cap_alone_but_not_together_migrate_neither(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var one = A.Subscription().Of(A.BusinessBasic).Named("basic 1").WithSeats(200).Build();
        var two = A.Subscription().Of(A.BusinessBasic).Named("basic 2").WithSeats(200).Build();
        await CsvHost.SeedAsync(host, one, two);

        var report = await ImportAsync(host, BamUploadKind.Migrations, Header + Row(A.CustomerTenantId, one.Id) + Row(A.CustomerTenantId, two.Id), ImportMode.AllOrNothing);

        Assert.True(report.Rows[0].IsValid);
        Assert.Contains("LicenseLimitReached", Error(report, 3), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task An_add_on_row_whose_base_is_in_the_file_migrates_with_it(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var e3 = A.Subscription().Of(A.Office365E3).Build();
        var archiving = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(e3).WithSeats(4).Build();
        await CsvHost.SeedAsync(host, e3, archiving);

        var report = await ImportAsync(host, BamUploadKind.Migrations, Header + Row(A.CustomerTenantId, e3.Id) + Row(A.CustomerTenantId, archiving.Id, seats: "3", addOn: "True", baseId: e3.Id.ToString()), ImportMode.AllOrNothing);

        Assert.Equal(2, report.Applied);
        await using var db = host.Store.NewContext();
        var migration = await db.Migrations.AsNoTracking().SingleAsync();
        Assert.Equal([(e3.Id, 10), (archiving.Id, 3)], migration.Members.Select(m => (m.LegacySubscriptionId, m.Target.Quantity)));
    }

    [Theory, OnBothProviders]
    public async Task A_schedule_file_creates_schedules_on_a_date_or_on_renewal_and_refuses_rows_naming_neither_or_a_date_past_the_term(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var onDate = A.Subscription().Named("on date").Build();
        var onRenewal = A.Subscription().Named("on renewal").Build();
        var neither = A.Subscription().Named("neither").Build();
        var tooLate = A.Subscription().Named("too late").Build();
        await CsvHost.SeedAsync(host, onDate, onRenewal, neither, tooLate);
        var header = Header.TrimEnd() + ",TargetDate,MigrateOnRenewal\r\n";
        string Line(Guid id, string date, string renewal) => Row(A.CustomerTenantId, id).TrimEnd() + $",{date},{renewal}\r\n";
        var file = header + Line(onDate.Id, "2025-10-01", "") + Line(onRenewal.Id, "", "True") + Line(neither.Id, "", "False") + Line(tooLate.Id, "2026-03-01", "");

        var checkedFirst = await ImportAsync(host, BamUploadKind.Schedules, file, ImportMode.AllOrNothing);
        var report = await ImportAsync(host, BamUploadKind.Schedules, file, ImportMode.Partial);

        Assert.Equal(0, checkedFirst.Applied);
        Assert.Equal(2, report.Applied);
        Assert.Equal("TargetDate: Give either a TargetDate or MigrateOnRenewal True, not both and not neither.", Error(report, 4));
        Assert.StartsWith("TargetDate: The target date must be between today (2025-09-10) and the last day of the term (2026-02-10).", Error(report, 5), StringComparison.Ordinal);
        await using var db = host.Store.NewContext();
        var schedules = await db.Schedules.AsNoTracking().OrderBy(s => s.SubscriptionTermEnd).ToListAsync();
        Assert.Equal(
            [(onDate.Id, (DateOnly?)new DateOnly(2025, 10, 1)), (onRenewal.Id, null)],
            schedules.Select(s => (s.SubscriptionId, s.Timing.TargetDate)).OrderBy(s => s.TargetDate is null));
        Assert.All(schedules, s => Assert.Equal(ScheduleStatus.Created, s.Status));
    }

    [Theory, OnBothProviders]
    public async Task A_file_without_the_upload_columns_is_refused_whole(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await CsvHost.SeedAsync(host, subscription);

        var report = await ImportAsync(host, BamUploadKind.Schedules, Header + Row(A.CustomerTenantId, subscription.Id), ImportMode.Partial);

        Assert.StartsWith("The first line does not have the columns of a BAM schedule upload file: missing columns 'TargetDate', 'MigrateOnRenewal'", report.FileError, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task A_damaged_file_is_refused_whole_with_its_line_and_migrates_nothing_even_in_partial_mode(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var first = A.Subscription().Named("First").Build();
        var second = A.Subscription().Named("Second").Build();
        await CsvHost.SeedAsync(host, first, second);
        var damaged = Header + Row(A.CustomerTenantId, first.Id) + Row(A.CustomerTenantId, second.Id, term: "P1\"Y");

        var report = await ImportAsync(host, BamUploadKind.Migrations, damaged, ImportMode.Partial);

        Assert.Equal("The file is not valid CSV: line 3: a quote inside an unquoted field; put the whole field in quotes and double the quote (\"\").", report.FileError);
        Assert.Empty(report.Rows);
        Assert.Equal(0, await CountAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task An_Excel_file_with_a_byte_order_mark_CRLF_and_quoted_values_is_read(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().WithSeats(17).Build();
        await CsvHost.SeedAsync(host, subscription);
        var excel = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes(Header + $"\"{A.CustomerTenantId}\",\"{subscription.Id}\",FALSE,P1Y,Monthly,\" 12 \",,FALSE,\r\n"))
            .ToArray();

        var report = await ImportAsync(host, BamUploadKind.Migrations, new MemoryStream(excel), ImportMode.AllOrNothing);

        Assert.Null(report.FileError);
        Assert.Equal(1, report.Applied);
        await using var db = host.Store.NewContext();
        Assert.Equal(12, (await db.Migrations.AsNoTracking().SingleAsync()).Members.Single().Target.Quantity);
    }

    [Theory, OnBothProviders]
    public async Task A_migration_upload_does_not_take_a_schedule_files_columns(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await CsvHost.SeedAsync(host, subscription);

        var report = await ImportAsync(host, BamUploadKind.Migrations, Header.TrimEnd() + ",TargetDate\r\n" + Row(A.CustomerTenantId, subscription.Id).TrimEnd() + ",2026-01-01\r\n", ImportMode.AllOrNothing);

        Assert.StartsWith("The first line does not have the columns of a BAM migration upload file: unknown column 'TargetDate'", report.FileError, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host));
    }

    private static string Row(Guid customer, Guid subscription, string term = "", string billing = "", string seats = "", string addOn = "", string baseId = "") =>
        $"{customer},{subscription},False,{term},{billing},{seats},,{addOn},{baseId}\r\n";

    private static string Error(ImportReport report, int line) => string.Join(" | ", report.Rows.Single(r => r.Line == line).Errors);

    private static Task<ImportReport> ImportAsync(EngineHost host, BamUploadKind kind, string text, ImportMode mode) =>
        ImportAsync(host, kind, new MemoryStream(Encoding.UTF8.GetBytes(text)), mode);

    private static Task<ImportReport> ImportAsync(EngineHost host, BamUploadKind kind, Stream content, ImportMode mode) =>
        host.WithAsync<BamUpload, ImportReport>((upload, _) => upload.ImportAsync(kind, Ana, content, "bam.csv", mode, CancellationToken.None));

    private static async Task<int> CountAsync(EngineHost host)
    {
        await using var db = host.Store.NewContext();
        return await db.Migrations.CountAsync() + await db.Schedules.CountAsync();
    }
}
