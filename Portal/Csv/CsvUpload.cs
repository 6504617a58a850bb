using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;

namespace Portal.Csv;

/// <summary>A column an import knows: required ones must be in the header; optional ones may be.</summary>
public sealed record CsvColumn(string Name, bool Required = true);

/// <summary>The columns of one kind of file. Order does not matter on import; names do (case-insensitive).</summary>
public sealed record CsvSchema(string Kind, IReadOnlyList<CsvColumn> Columns)
{
    public IEnumerable<string> RequiredNames => Columns.Where(c => c.Required).Select(c => c.Name);

    /// <summary>The schema of row type <typeparamref name="TRow"/>: its columns, required unless marked optional.</summary>
    public static CsvSchema Of<TRow>(string kind) =>
        new(kind, Members<TRow>().Select(m => new CsvColumn(m.ColumnNames[0], !m.Optional)).ToList());

    internal static IReadOnlyList<CsvRecordMember> Members<TRow>() =>
        CsvRecordMapper.TryGetMembers<TRow>(out var members)
            ? members
            : throw new InvalidOperationException($"{typeof(TRow).Name} is not a [CsvRecord] type of this assembly.");
}

/// <summary>One data row of an upload: the line it starts on, how many fields it has, and its values.</summary>
public sealed record CsvUploadRow<TRow>(int Line, int FieldCount, TRow Record);

/// <summary>An upload that passed the file-level checks: a header of known columns and at least one row.</summary>
public sealed record CsvTable<TRow>(IReadOnlyList<string> Header, IReadOnlyList<CsvUploadRow<TRow>> Rows, string Sha256);

/// <summary>
/// The file-level checks every import makes before looking at a single row: size (before anything is parsed),
/// emptiness, UTF-8, RFC 4180 quoting (CsvHelper reports a malformed record with its line) and the header against the
/// row type's columns. A file that fails any of them is refused whole, with a message a person can act on.
/// </summary>
public static class CsvUpload
{
    /// <summary>1 MiB: a 5,000-row BAM file with every column is well under it.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>BAM takes 200 rows per file; the portal takes more, but a file stays one reviewable batch.</summary>
    public const int MaxRows = 5000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes of <paramref name="content"/>, then checks them.</summary>
    public static async Task<(CsvTable<TRow>? Table, string? Error)> ReadAsync<TRow>(Stream content, CsvSchema schema, CancellationToken cancellationToken)
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

        return Check<TRow>(buffer.ToArray(), schema);
    }

    public static string TooLarge() => string.Create(
        CultureInfo.InvariantCulture,
        $"The file is larger than the limit of {MaxBytes / 1024:N0} KB ({MaxRows:N0} rows). Split it into smaller files.");

    public static (CsvTable<TRow>? Table, string? Error) Check<TRow>(byte[] bytes, CsvSchema schema)
    {
        var error = CheckText(bytes);
        if (error is not null)
        {
            return (null, error);
        }

        CsvMalformedRecord? malformed = null;
        using var csv = CsvReader.Create(bytes, CsvFormat.Reading with { OnMalformedRecord = m => malformed ??= m });
        var header = csv.Headers.Select(h => h.Trim()).ToList();
        if (malformed is { } badHeader)
        {
            return (null, Malformed(badHeader));
        }

        var headerError = CheckHeader(header, schema);
        if (headerError is not null)
        {
            return (null, headerError);
        }

        var mapper = CsvRecordMapper.Create<TRow>(csv);
        var rows = new List<CsvUploadRow<TRow>>();
        var count = 0;
        while (csv.Read())
        {
            if (++count <= MaxRows)
            {
                rows.Add(new CsvUploadRow<TRow>((int)csv.LineNumber, csv.FieldCount, csv.GetRecord(mapper)));
            }
        }

        if (malformed is { } badRecord)
        {
            return (null, Malformed(badRecord));
        }

        if (count == 0)
        {
            return (null, "The file has a header but no rows.");
        }

        if (count > MaxRows)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"The file has {count:N0} rows; the limit is {MaxRows:N0}. Split it into smaller files."));
        }

        return (new CsvTable<TRow>(header, rows, Convert.ToHexString(SHA256.HashData(bytes))), null);
    }

    /// <summary>What CsvHelper is not asked to judge: the size, the encoding, binary content, an empty file.</summary>
    private static string? CheckText(byte[] bytes)
    {
        if (bytes.LongLength > MaxBytes)
        {
            return TooLarge();
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return "The file is UTF-16, not UTF-8. Save it as \"CSV UTF-8 (comma delimited)\" and upload it again.";
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"The file is not UTF-8 text (invalid byte at position {e.Index}). Save it as \"CSV UTF-8 (comma delimited)\" and upload it again.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "The file holds binary data (NUL characters), not CSV text.";
        }

        return string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')) ? "The file is empty." : null;
    }

    private static string Malformed(CsvMalformedRecord record)
    {
        var problem = record.Reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; put the whole field in quotes and double the quote (\"\").",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote; a quote inside a quoted field must be doubled (\"\").",
            CsvMalformedReason.UnterminatedQuote => "a quoted field is opened but never closed.",
            _ => "the quoting is not valid CSV.",
        };
        return string.Create(CultureInfo.InvariantCulture, $"The file is not valid CSV: line {record.LineNumber}: {problem}");
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
