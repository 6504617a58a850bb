using System.Globalization;
using System.Text;

namespace Portal.Csv;

/// <summary>A column an import knows: required ones must be in the header; optional ones may be.</summary>
public sealed record CsvColumn(string Name, bool Required = true);

/// <summary>The columns of one kind of file. Order does not matter on import; names do (case-insensitive).</summary>
public sealed record CsvSchema(string Kind, IReadOnlyList<CsvColumn> Columns)
{
    public IEnumerable<string> RequiredNames => Columns.Where(c => c.Required).Select(c => c.Name);
}

/// <summary>One data row of an upload, read by column name.</summary>
public sealed class CsvRow(int line, IReadOnlyList<string> fields, IReadOnlyDictionary<string, int> index)
{
    public int Line { get; } = line;

    public int FieldCount => fields.Count;

    /// <summary>The trimmed value of <paramref name="column"/>; empty when the (optional) column is absent.</summary>
    public string this[string column] =>
        index.TryGetValue(column, out var position) && position < fields.Count ? fields[position].Trim() : "";
}

/// <summary>An upload that passed the file-level checks: a header of known columns and at least one row.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows, string Sha256);

/// <summary>
/// The file-level checks every import makes before looking at a single row: size, emptiness, UTF-8, RFC 4180
/// quoting, and the header against the expected columns. A file that fails any of them is refused whole, with a
/// message a person can act on, and nothing is read further.
/// </summary>
public static class CsvUpload
{
    /// <summary>1 MiB: a 5,000-row BAM file with every column is well under it.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>BAM takes 200 rows per file; the portal takes more, but a file stays one reviewable batch.</summary>
    public const int MaxRows = 5000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes of <paramref name="content"/>, then checks them.</summary>
    public static async Task<(CsvTable? Table, string? Error)> ReadAsync(Stream content, CsvSchema schema, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, TooLarge());
            }
        }

        return Check(buffer.ToArray(), schema);
    }

    public static string TooLarge() => string.Create(
        CultureInfo.InvariantCulture,
        $"The file is larger than the limit of {MaxBytes / 1024:N0} KB ({MaxRows:N0} rows). Split it into smaller files.");

    public static (CsvTable? Table, string? Error) Check(byte[] bytes, CsvSchema schema)
    {
        if (bytes.LongLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return (null, "The file is UTF-16, not UTF-8. Save it as \"CSV UTF-8 (comma delimited)\" and upload it again.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return (null, string.Create(
                CultureInfo.InvariantCulture,
                $"The file is not UTF-8 text (invalid byte at position {e.Index}). Save it as \"CSV UTF-8 (comma delimited)\" and upload it again."));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return (null, "The file holds binary data (NUL characters), not CSV text.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "The file is empty.");
        }

        var (records, error) = CsvReader.Parse(text);
        if (error is not null)
        {
            return (null, "The file is not valid CSV: " + error);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var headerError = CheckHeader(header, schema);
        if (headerError is not null)
        {
            return (null, headerError);
        }

        if (records.Count == 1)
        {
            return (null, "The file has a header but no rows.");
        }

        if (records.Count - 1 > MaxRows)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"The file has {records.Count - 1:N0} rows; the limit is {MaxRows:N0}. Split it into smaller files."));
        }

        var known = schema.Columns.ToDictionary(c => c.Name, c => c.Name, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index[known[header[i]]] = i;
        }

        var rows = records.Skip(1).Select(r => new CsvRow(r.Line, r.Fields, index)).ToList();
        return (new CsvTable(header, rows, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))), null);
    }

    private static string? CheckHeader(List<string> header, CsvSchema schema)
    {
        var known = schema.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = header.Where(h => !known.Contains(h)).ToList();
        var duplicates = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = schema.RequiredNames.Where(n => !header.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count == 0 && duplicates.Count == 0 && missing.Count == 0)
        {
            return null;
        }

        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"missing column{(missing.Count > 1 ? "s" : "")} {Quoted(missing)}");
        }

        if (unknown.Count > 0)
        {
            problems.Add($"unknown column{(unknown.Count > 1 ? "s" : "")} {Quoted(unknown)}");
        }

        if (duplicates.Count > 0)
        {
            problems.Add($"column{(duplicates.Count > 1 ? "s" : "")} {Quoted(duplicates)} more than once");
        }

        return $"The first line does not have the columns of a {schema.Kind} file: {string.Join("; ", problems)}. "
            + $"Expected: {string.Join(", ", schema.Columns.Select(c => c.Required ? c.Name : c.Name + " (optional)"))}.";
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
