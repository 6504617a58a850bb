using System.Text;

namespace Portal.Csv;

/// <summary>One record of a CSV file: its fields and the line it starts on (1 is the header).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A strict RFC 4180 reader: comma separated, CRLF or LF line ends, fields optionally in double quotes with quotes
/// doubled inside. Anything else (a quote inside an unquoted field, text after a closing quote, a quoted field never
/// closed) is refused with the line it is on, so a damaged file is never half read. Completely empty lines are skipped.
/// </summary>
public static class CsvReader
{
    /// <summary>The records of <paramref name="text"/>, or the first malformed spot as a message.</summary>
    public static (IReadOnlyList<CsvRecord> Records, string? Error) Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                // A quoted field: runs to the next quote that is not doubled.
                var openedOn = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return ([], $"Line {openedOn}, field {fields.Count + 1}: a quoted field is opened but never closed.");
                    }

                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                fieldStarted = true;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    return ([], $"Line {line}, field {fields.Count + 1}: text after the closing quote; a quote inside a quoted field must be doubled (\"\").");
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    return ([], $"Line {line}, field {fields.Count + 1}: a quote inside an unquoted field; put the whole field in quotes and double the quote (\"\").");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false; // the next field may be quoted
                    i++;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    EndRecord();
                    i++;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    i++;
                    break;
            }
        }

        EndRecord();
        return (records, null);

        void EndRecord()
        {
            if (fields.Count == 0 && field.Length == 0 && !fieldStarted)
            {
                return; // an empty line
            }

            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields.ToArray()));
            fields.Clear();
            field.Clear();
            fieldStarted = false;
        }
    }
}
