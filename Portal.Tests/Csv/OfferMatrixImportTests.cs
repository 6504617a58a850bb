using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Csv;
using Portal.Csv.Exports;
using Portal.Csv.Uploads;
using Portal.Domain.Catalog;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;

namespace Portal.Tests.Csv;

/// <summary>The offer matrix NCE Mapping import, on a real database of each provider.</summary>
public class OfferMatrixImportTests(PostgresServer postgres)
{
    private static readonly ImportActor Admin = new(A.PartnerTenantId, "admin@contoso.example");

    private const string Header = "LegacyOfferId,LegacyOfferName,NceProductId,NceSkuId,NceAvailabilityId,MigrationEnabled\r\n";

    [Theory, OnBothProviders]
    public async Task The_exported_matrix_imported_back_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);
        var before = await CatalogAsync(host);
        var exported = await CsvHost.ExportAsync<OfferMatrixExport>(host, A.PartnerTenantId);

        var report = await ImportAsync(host, exported.Stream(), ImportMode.AllOrNothing);

        Assert.Null(report.FileError);
        Assert.Equal(A.Catalog.Count, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.Equal("Unchanged.", r.Outcome));
        Assert.Equal(0, report.Applied);
        Assert.Equal(before, await CatalogAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task A_valid_file_changes_the_mapping_and_migration_flag_and_is_audited(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);

        var report = await ImportAsync(host, Header + $"{A.AzureInformationProtectionP1Unmapped.Id},,cfq7ttc0lfls,0002,,True\r\n{A.Intune.Id},,,,,False\r\n", ImportMode.AllOrNothing);

        Assert.Equal(2, report.Applied);
        var catalog = await CatalogAsync(host);
        Assert.Equal((new NceProductMapping("CFQ7TTC0LFLS", "0002"), true), (catalog[A.AzureInformationProtectionP1Unmapped.Id].Mapping, catalog[A.AzureInformationProtectionP1Unmapped.Id].MigrationEnabled));
        Assert.Equal((null, false), (catalog[A.Intune.Id].Mapping, catalog[A.Intune.Id].MigrationEnabled));
        await using var db = host.Store.NewContext();
        var audit = await db.AuditLog.SingleAsync();
        Assert.Equal(("CsvImported", Admin.Name), (audit.Action, audit.Actor));
    }

    [Theory, OnBothProviders]
    public async Task By_default_one_wrong_row_applies_nothing_and_each_wrong_row_is_reported(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);
        var before = await CatalogAsync(host);
        var unknown = Guid.NewGuid();

        var report = await ImportAsync(host, Header
            + $"{A.AzureInformationProtectionP1Unmapped.Id},,CFQ7TTC0LFLS,0002,,True\r\n"
            + $"{unknown},,CFQ7TTC0LFLS,0002,,True\r\n"
            + $"{A.Intune.Id},,CFQ7TTC0LCH4,,,True\r\n"
            + $"{A.BusinessBasic.Id},,CFQ7TTC0LH18,0001,,maybe\r\n", ImportMode.AllOrNothing);

        Assert.Equal(0, report.Applied);
        Assert.StartsWith("Nothing was applied: 3 of 4 rows have errors.", report.Summary, StringComparison.Ordinal);
        Assert.Equal([3, 4, 5], report.Rows.Where(r => !r.IsValid).Select(r => r.Line));
        Assert.Equal($"LegacyOfferId: Offer {unknown} was not found in the legacy catalog.", report.Rows[1].Errors.Single().ToString());
        Assert.Equal("NceSkuId", report.Rows[2].Errors.Single().Column);
        Assert.Equal("MigrationEnabled", report.Rows[3].Errors.Single().Column);
        Assert.Equal(before, await CatalogAsync(host));
    }

    [Theory, OnBothProviders]
    public async Task Partial_mode_applies_the_right_rows_and_reports_the_wrong_ones(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);

        var report = await ImportAsync(host, Header
            + $"{A.AzureInformationProtectionP1Unmapped.Id},,CFQ7TTC0LFLS,0002,,True\r\n"
            + $"{A.AzureInformationProtectionP1Unmapped.Id},,CFQ7TTC0LFLS,0003,,True\r\n", ImportMode.Partial);

        Assert.Equal(1, report.Applied);
        Assert.Equal("LegacyOfferId: Offer " + A.AzureInformationProtectionP1Unmapped.Id + " is already on line 2.", report.Rows[1].Errors.Single().ToString());
        Assert.Equal("0002", (await CatalogAsync(host))[A.AzureInformationProtectionP1Unmapped.Id].Mapping!.SkuId);
    }

    [Theory, OnBothProviders]
    public async Task Check_only_mode_says_what_would_change_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);
        var before = await CatalogAsync(host);

        var report = await ImportAsync(host, Header + $"{A.Intune.Id},,,,,False\r\n", ImportMode.ValidateOnly);

        Assert.StartsWith("Would update: Intune: mapping CFQ7TTC0LCH4:0009:0001 -> (none)", report.Rows.Single().Outcome, StringComparison.Ordinal);
        Assert.Equal(before, await CatalogAsync(host));
    }

    public static TheoryData<DatabaseProvider, string, string> BadFiles()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL })
        {
            data.Add(provider, "wrong columns", "The first line does not have the columns of a offer matrix NCE Mapping file: missing column 'MigrationEnabled'");
            data.Add(provider, "latin-1", "The file is not UTF-8 text");
            data.Add(provider, "bad quotes", "The file is not valid CSV: line 2: a quote inside an unquoted field");
            data.Add(provider, "empty", "The file is empty.");
            data.Add(provider, "too large", "The file is larger than the limit");
        }

        return data;
    }

    [Theory, MemberData(nameof(BadFiles))]
    public async Task A_refused_file_changes_nothing_and_says_why(DatabaseProvider provider, string kind, string message)
    {
        await using var host = await CsvHost.CreateAsync(provider, postgres);
        await CsvHost.SeedAsync(host);
        var before = await CatalogAsync(host);
        var good = $"{A.Intune.Id},,,,,False\r\n";
        var bytes = kind switch
        {
            "wrong columns" => Encoding.UTF8.GetBytes("LegacyOfferId,NceProductId,NceSkuId\r\n" + good),
            "latin-1" => Encoding.Latin1.GetBytes(Header + $"{A.Intune.Id},Intune für alle,,,,False\r\n"),
            "bad quotes" => Encoding.UTF8.GetBytes(Header + $"{A.Intune.Id},,CFQ\"7,,,False\r\n"),
            "empty" => [],
            _ => Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Repeat(good, (int)(CsvUpload.MaxBytes / good.Length) + 1))),
        };

        var report = await ImportAsync(host, new MemoryStream(bytes), ImportMode.Partial);

        Assert.StartsWith(message, report.FileError, StringComparison.Ordinal);
        Assert.Empty(report.Rows);
        Assert.Equal(before, await CatalogAsync(host));
        await using var db = host.Store.NewContext();
        Assert.Equal("CsvImportNotApplied", (await db.AuditLog.SingleAsync()).Action);
    }

    private static Task<ImportReport> ImportAsync(EngineHost host, string text, ImportMode mode) => ImportAsync(host, CsvHost.Utf8(text), mode);

    private static Task<ImportReport> ImportAsync(EngineHost host, Stream content, ImportMode mode) =>
        host.WithAsync<OfferMatrixImport, ImportReport>((import, _) => import.ImportAsync(Admin, content, "matrix.csv", mode, CancellationToken.None));

    /// <summary>Every stored offer as a value (its collections joined), so two reads compare equal when nothing changed.</summary>
    private static async Task<Dictionary<Guid, OfferState>> CatalogAsync(EngineHost host)
    {
        await using var db = host.Store.NewContext();
        var offers = await db.LegacyOffers.AsNoTracking().ToListAsync();
        return offers.ToDictionary(o => o.Id, o => new OfferState(
            o.Name, o.Mapping, o.MigrationEnabled, o.IsAddOn, o.SeatCap, string.Join(',', o.AllowedTargets), string.Join(',', o.AllowedBaseOfferIds.Order())));
    }

    private sealed record OfferState(string Name, NceProductMapping? Mapping, bool MigrationEnabled, bool IsAddOn, int? SeatCap, string Targets, string Bases);
}
