using System.Globalization;
using System.Text;

namespace Portal.Csv;

/// <summary>
/// RFC 4180 writing: comma separated, CRLF line ends, a field quoted when it holds a comma, a quote, a line break or
/// leading/trailing spaces, quotes doubled. Each row is built in memory and handed to the output in one async write,
/// so a response stream is never written synchronously.
/// </summary>
public sealed class CsvRowWriter(TextWriter output)
{
    private readonly StringBuilder _row = new(512);

    public Task WriteRowAsync(IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        _row.Clear();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                _row.Append(',');
            }

            CsvFormat.AppendField(_row, fields[i]);
        }

        _row.Append("\r\n");
        return output.WriteAsync(_row, cancellationToken);
    }
}

/// <summary>How values are written in the portal's CSV files, and read back.</summary>
public static class CsvFormat
{
    /// <summary>UTF-8 with a byte-order mark, so spreadsheet programs read names with accents correctly.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public const string ContentType = "text/csv; charset=utf-8";

    public static void AppendField(StringBuilder row, string value)
    {
        var needsQuotes = value.Length > 0 && (value[0] == ' ' || value[^1] == ' ' || value.AsSpan().IndexOfAny(",\"\r\n") >= 0);
        if (!needsQuotes)
        {
            row.Append(value);
            return;
        }

        row.Append('"');
        foreach (var c in value)
        {
            row.Append(c == '"' ? "\"\"" : c);
        }

        row.Append('"');
    }

    /// <summary>
    /// Free text (names) that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
    /// apostrophe; ids, numbers and dates never need it. Importers never read these columns back.
    /// </summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static string Bool(bool value) => value ? "True" : "False";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC date of a UTC instant (term ends are the last second of a UTC day, so nothing is lost).</summary>
    public static string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(instant.UtcDateTime));

    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset? instant) => instant is { } value ? Instant(value) : "";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Id(Guid? id) => id?.ToString() ?? "";

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
}
