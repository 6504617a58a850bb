using System.Text;
using Portal.Csv;

namespace Portal.Tests.Csv;

public class CsvReaderWriterTests
{
    public static TheoryData<string> AwkwardValues => new()
    {
        "plain",
        "",
        "with, comma",
        "with \"quotes\"",
        "two\r\nlines",
        "lf\nonly",
        " leading space",
        "trailing space ",
        "Müller & Søn Ltd — 東京",
        "\"",
        ",",
    };

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public async Task A_written_value_reads_back_unchanged(string value)
    {
        var fields = new[] { "before", value, "after" };

        var text = await WriteAsync(fields, fields);
        var (records, error) = CsvReader.Parse(text);

        Assert.Null(error);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(fields, r.Fields));
    }

    [Fact]
    public void Rows_end_in_CRLF_or_LF_and_empty_lines_are_skipped()
    {
        var (records, error) = CsvReader.Parse("a,b\r\n1,2\n\n3,\r\n");

        Assert.Null(error);
        Assert.Equal([["a", "b"], ["1", "2"], ["3", ""]], records.Select(r => r.Fields.ToArray()).ToArray());
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void A_record_with_a_line_break_inside_quotes_keeps_the_line_it_starts_on()
    {
        var (records, _) = CsvReader.Parse("h\n\"x\ny\"\nz\n");

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal("x\ny", records[1].Fields[0]);
    }

    [Theory]
    [InlineData("a,b\n1,2\"3\n", "Line 2, field 2: a quote inside an unquoted field")]
    [InlineData("a,b\n1,\"2\"x\n", "Line 2, field 2: text after the closing quote")]
    [InlineData("a,b\n1,\"2\n3,4\n", "Line 2, field 2: a quoted field is opened but never closed")]
    public void Malformed_quoting_is_refused_with_the_line_and_field(string text, string expected)
    {
        var (records, error) = CsvReader.Parse(text);

        Assert.Empty(records);
        Assert.NotNull(error);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Contoso", "Contoso")]
    [InlineData("a=b", "a=b")]
    public void Free_text_that_a_spreadsheet_would_run_as_a_formula_is_defused(string name, string written)
    {
        Assert.Equal(written, CsvFormat.Text(name));
    }

    private static async Task<string> WriteAsync(params string[][] rows)
    {
        var builder = new StringBuilder();
        await using var writer = new StringWriter(builder);
        var csv = new CsvRowWriter(writer);
        foreach (var row in rows)
        {
            await csv.WriteRowAsync(row, CancellationToken.None);
        }

        return builder.ToString();
    }
}
