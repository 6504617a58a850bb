namespace Portal.Csv.Exports;

/// <summary>Narrows an export: one upload batch (external reference id) or one customer; both optional.</summary>
public sealed record ExportFilter(string? BatchId = null, Guid? CustomerId = null)
{
    public static ExportFilter None { get; } = new();
}

/// <summary>A CSV file of one partner's data, produced row by row as the database is read.</summary>
public interface ICsvExport
{
    /// <summary>The name offered to the browser.</summary>
    string FileName { get; }

    IReadOnlyList<string> Header { get; }

    /// <summary>The rows, for <paramref name="partnerTenantId"/> only, as of <paramref name="now"/>.</summary>
    IAsyncEnumerable<string[]> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, CancellationToken cancellationToken);
}
