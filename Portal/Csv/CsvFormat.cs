using System.Globalization;
using CsvHelper;
using Portal.Domain.Terms;

// Lets CsvFormat.Columns<T>() and CsvSchema.Of<T>() read each file format's columns from its generated mapper.
[assembly: CsvRecordProjections]

namespace Portal.Csv;

/// <summary>
/// The dialect of every CSV file the portal writes and reads, on CsvHelper (ADR-024). Each file format is one
/// <see cref="CsvRecordAttribute"/> row type (its columns, names, order, converters); CsvHelper's source generator
/// writes its mapper and record writer.
/// </summary>
public static class CsvFormat
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// RFC 4180 with CRLF, UTF-8 with a byte-order mark (Excel reads accents), fields with leading or trailing spaces
    /// quoted (they read back unchanged), and text that a spreadsheet would run as a formula (= + - @, tab, CR first)
    /// escaped with a leading apostrophe. Numbers, dates, ids and booleans are never escaped.
    /// </summary>
    public static CsvWriterOptions Writing { get; } = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// Comma separated (never guessed), strict quoting (a malformed record is reported, never repaired), line
    /// numbers tracked for the report, values trimmed, empty lines skipped, values kept out of exception messages.
    /// </summary>
    public static CsvReaderOptions Reading { get; } = CsvReaderOptions.Default with
    {
        Separator = ',',
        DetectSeparatorHint = false,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        IncludeValuesInExceptions = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The header of row type <typeparamref name="TRow"/>, in the order its record writer writes it.</summary>
    public static IReadOnlyList<string> Columns<TRow>() => ColumnsOf<TRow>.Names;

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>The UTC date of a UTC instant (term ends are the last second of a UTC day, so nothing is lost).</summary>
    public static string Date(DateTimeOffset instant) => TermDates.UtcDate(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True/False as the portal writes them, and Yes/No/1/0 as spreadsheets often hold them.</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static class ColumnsOf<TRow>
    {
        public static readonly IReadOnlyList<string> Names = CsvSchema.Members<TRow>().Select(m => m.ColumnNames[0]).ToArray();
    }
}

/// <summary>A term as Partner Center writes it: P1M, P1Y, P3Y.</summary>
public sealed class TermColumn : ICsvConverter<TermDuration>
{
    public TermDuration Read(CsvReader reader, int index) =>
        TermDurationExtensions.TryParseTermDuration(reader.GetString(index), out var term) ? term : throw new FormatException("Not a term: use P1M, P1Y or P3Y.");

    public void Write(CsvWriter writer, TermDuration value) => writer.WriteField(value.ToIso8601());
}

/// <summary>An instant in UTC to the second, as 2026-01-31T23:59:59Z; empty when there is none.</summary>
public sealed class UtcInstantColumn : ICsvConverter<DateTimeOffset?>
{
    public DateTimeOffset? Read(CsvReader reader, int index) =>
        reader.IsEmpty(index) ? null : DateTimeOffset.Parse(reader.GetString(index), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public void Write(CsvWriter writer, DateTimeOffset? value) => writer.WriteField(value is { } instant ? CsvFormat.Instant(instant) : "");
}
