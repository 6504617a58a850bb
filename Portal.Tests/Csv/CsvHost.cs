using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Audit;
using Portal.Csv;
using Portal.Csv.Exports;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;

namespace Portal.Tests.Csv;

/// <summary>
/// The engine's and the CSV services on a fresh database of one provider (see <see cref="EngineHost"/>), holding
/// <see cref="A.Partner"/> with two customers and the test catalog, and another partner with a customer of its own.
/// </summary>
public static class CsvHost
{
    public static readonly PartnerOrganization OtherPartner = new()
    {
        TenantId = Guid.Parse("0e7c1a4e-0000-4000-8000-000000000009"),
        Name = "Fabrikam Partners",
        MpnId = "7654321",
    };

    public static readonly Customer OtherPartnersCustomer = new()
    {
        TenantId = Guid.Parse("c0570000-0000-4000-8000-000000000099"),
        PartnerTenantId = OtherPartner.TenantId,
        Name = "Fabrikam's Customer",
        Domain = "fabrikamcustomer.onmicrosoft.com",
    };

    public static Task<EngineHost> CreateAsync(DatabaseProvider provider, PostgresServer postgres) =>
        EngineHost.CreateAsync(provider, postgres, services: s => s.AddScoped<AuditLog>().AddPortalCsv());

    /// <summary>Stores both partners, their customers, the catalog and <paramref name="subscriptions"/>.</summary>
    public static async Task SeedAsync(EngineHost host, params LegacySubscription[] subscriptions)
    {
        await StoredData.SeedAsync(host.Store, subscriptions.Where(s => s.CustomerId != OtherPartnersCustomer.TenantId).ToArray());
        await host.Store.SaveAsync(db =>
        {
            db.Partners.Add(OtherPartner);
            db.Customers.Add(OtherPartnersCustomer);
            db.LegacySubscriptions.AddRange(subscriptions.Where(s => s.CustomerId == OtherPartnersCustomer.TenantId));
        });
    }

    /// <summary>Runs export <typeparamref name="TExport"/> for <paramref name="partnerTenantId"/> and reads the file back.</summary>
    public static async Task<CsvFile> ExportAsync<TExport>(EngineHost host, Guid partnerTenantId, ExportFilter? filter = null)
        where TExport : ICsvExport
    {
        await using var scope = host.Scope();
        var export = scope.ServiceProvider.GetRequiredService<TExport>();
        using var output = new MemoryStream();
        await export.WriteAsync(output, partnerTenantId, host.Time.Now, filter ?? ExportFilter.None, CancellationToken.None);
        return CsvFile.Read(output.ToArray());
    }

    public static async Task<TResult> WithAsync<TService, TResult>(this EngineHost host, Func<TService, PortalDbContext, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>(), scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}

/// <summary>A CSV file as bytes, header and rows (by column name).</summary>
public sealed class CsvFile
{
    private CsvFile(byte[] bytes, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Bytes = bytes;
        Header = header;
        Rows = rows;
    }

    public byte[] Bytes { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Reads <paramref name="bytes"/> strictly (RFC 4180, nothing trimmed); malformed quoting fails the test.</summary>
    public static CsvFile Read(byte[] bytes)
    {
        using var csv = CsvHelper.CsvReader.Create(bytes, CsvHelper.CsvReaderOptions.Default with
        {
            Separator = ',',
            DetectSeparatorHint = false,
            MalformedData = CsvHelper.CsvMalformedDataHandling.Throw,
        });
        var header = csv.Headers.ToList();
        var rows = new List<IReadOnlyList<string>>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToArray());
        }

        return new CsvFile(bytes, header, rows);
    }

    public string Value(IReadOnlyList<string> row, string column) => row[IndexOf(column)];

    public IReadOnlyList<string> Column(string column) => Rows.Select(r => r[IndexOf(column)]).ToList();

    public IReadOnlyList<string> RowOf(string column, string value) => Rows.Single(r => r[IndexOf(column)] == value);

    public MemoryStream Stream() => new(Bytes);

    private int IndexOf(string column)
    {
        var index = Header.ToList().IndexOf(column);
        Assert.True(index >= 0, $"no column {column}");
        return index;
    }
}
