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

    /// <summary>Writes the file of <paramref name="partnerTenantId"/> as of <paramref name="now"/> to <paramref name="output"/> as its rows are read; the rows written.</summary>
    Task<long> WriteAsync(Stream output, Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, CancellationToken cancellationToken, ExportProgress? progress = null);
}

/// <summary>An export whose rows are <typeparamref name="TRow"/>, a <c>[CsvRecord]</c> type that is the file's format.</summary>
public abstract class CsvExport<TRow> : ICsvExport
{
    public abstract string FileName { get; }

    public IReadOnlyList<string> Header => CsvFormat.Columns<TRow>();

    /// <summary>The rows, for <paramref name="partnerTenantId"/> only, as of <paramref name="now"/>.</summary>
    public abstract IAsyncEnumerable<TRow> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, CancellationToken cancellationToken);

    public Task<long> WriteAsync(Stream output, Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, CancellationToken cancellationToken, ExportProgress? progress = null) =>
        CsvStreaming.WriteAsync(output, RowsAsync(partnerTenantId, now, filter, cancellationToken), cancellationToken, progress);
}
