using System.Text;
using Portal.Csv;
using Portal.Csv.Exports;

namespace Portal.Tests.Csv;

/// <summary>How every export is written (<see cref="CsvFormat.Writing"/> through <see cref="CsvStreaming"/>), on a real row type.</summary>
public class CsvWritingTests
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
        var file = await WriteAsync(Offer(value), Offer("after"));

        Assert.Equal(OfferMatrixExport.Columns, file.Header);
        Assert.Equal([value, "after"], file.Column(OfferMatrixExport.LegacyOfferName));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Contoso", "Contoso")]
    [InlineData("a=b", "a=b")]
    [InlineData("Fabrikam - Europe", "Fabrikam - Europe")]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(string name, string written)
    {
        var file = await WriteAsync(Offer(name));

        Assert.Equal(written, file.Value(file.Rows[0], OfferMatrixExport.LegacyOfferName));
    }

    [Fact]
    public async Task Ids_booleans_and_dates_are_never_escaped()
    {
        var id = Guid.NewGuid();
        var file = await WriteAsync(new OfferMatrixRow { LegacyOfferId = id, LegacyOfferName = "-", NceProductId = "CFQ7TTC0LF8S", MigrationEnabled = true });

        Assert.Equal([id.ToString(), "'-", "CFQ7TTC0LF8S", "", "", "True"], file.Rows[0]);
    }

    [Fact]
    public async Task A_file_is_UTF8_with_a_byte_order_mark_and_CRLF_line_ends()
    {
        var file = await WriteAsync(Offer("Müller"));

        Assert.Equal(Encoding.UTF8.GetPreamble(), file.Bytes[..3]);
        var text = Encoding.UTF8.GetString(file.Bytes[3..]);
        Assert.EndsWith("Müller,,,,False\r\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_are_flushed_to_the_stream_while_they_are_still_being_produced()
    {
        await using var output = new MemoryStream();
        var lengthsSeen = new List<long>();

        var written = await CsvStreaming.WriteAsync(output, RowsAsync(), CancellationToken.None);

        Assert.Equal(2 * CsvStreaming.FlushEvery + 1, written);
        Assert.True(lengthsSeen[0] == 0 && lengthsSeen[1] > 0 && lengthsSeen[2] > lengthsSeen[1], string.Join(", ", lengthsSeen));

        async IAsyncEnumerable<OfferMatrixRow> RowsAsync()
        {
            for (var i = 0; i <= 2 * CsvStreaming.FlushEvery; i++)
            {
                if (i is 1 or CsvStreaming.FlushEvery + 1 or 2 * CsvStreaming.FlushEvery)
                {
                    lengthsSeen.Add(output.Length);
                }

                await Task.Yield();
                yield return Offer("offer " + i);
            }
        }
    }

    private static OfferMatrixRow Offer(string name) => new() { LegacyOfferId = Guid.Empty, LegacyOfferName = name };

    private static async Task<CsvFile> WriteAsync(params OfferMatrixRow[] rows)
    {
        await using var output = new MemoryStream();
        await CsvStreaming.WriteAsync(output, rows.ToAsyncEnumerable(), CancellationToken.None);
        return CsvFile.Read(output.ToArray());
    }
}
