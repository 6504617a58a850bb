using System.Text;
using Portal.Csv;
using Portal.Csv.Uploads;

namespace Portal.Tests.Csv;

/// <summary>The file-level checks every import makes before reading a row, on the offer matrix upload's format.</summary>
public class CsvUploadTests
{
    private const string Header = "LegacyOfferId,NceProductId,NceSkuId,MigrationEnabled";

    private static readonly CsvSchema Schema = CsvSchema.Of<OfferMatrixUploadRow>("test");

    private static (CsvTable<OfferMatrixUploadRow>? Table, string? Error) Check(string text) =>
        CsvUpload.Check<OfferMatrixUploadRow>(Encoding.UTF8.GetBytes(text), Schema);

    [Fact]
    public void The_schema_is_the_row_types_columns_with_the_optional_ones_marked()
    {
        Assert.Equal(
            ["LegacyOfferId", "LegacyOfferName (optional)", "NceProductId", "NceSkuId", "NceAvailabilityId (optional)", "MigrationEnabled"],
            Schema.Columns.Select(c => c.Required ? c.Name : c.Name + " (optional)"));
    }

    [Fact]
    public void An_Excel_file_with_a_byte_order_mark_and_CRLF_is_read_by_column_name_in_any_order()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("migrationenabled,NCESKUID,NceProductId,LegacyOfferId\r\n True , 0002,\"CFQ7TTC0LF8S\",1\r\n")).ToArray();

        var (table, error) = CsvUpload.Check<OfferMatrixUploadRow>(bytes, Schema);

        Assert.Null(error);
        var row = Assert.Single(table!.Rows);
        Assert.Equal("1", row.Record.LegacyOfferId);
        Assert.Equal("CFQ7TTC0LF8S", row.Record.NceProductId);
        Assert.Equal("0002", row.Record.NceSkuId);
        Assert.Equal("True", row.Record.MigrationEnabled);
        Assert.Equal("", row.Record.LegacyOfferName);
        Assert.Equal(2, row.Line);
        Assert.Equal(4, row.FieldCount);
    }

    [Fact]
    public void Each_row_knows_the_line_it_starts_on_past_empty_lines_and_line_breaks_in_quotes()
    {
        var (table, error) = Check(Header + "\n1,\"a\nb\",c,d\n\n2,a,b,c\r\n3,a,b\r\n");

        Assert.Null(error);
        Assert.Equal([2, 5, 6], table!.Rows.Select(r => r.Line));
        Assert.Equal("a\nb", table.Rows[0].Record.NceProductId);
        Assert.Equal([4, 4, 3], table.Rows.Select(r => r.FieldCount));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\r\n")]
    [InlineData("\uFEFF")]
    public void An_empty_file_is_refused(string text)
    {
        Assert.Equal("The file is empty.", Check(text).Error);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        Assert.Equal("The file has a header but no rows.", Check(Header + "\r\n").Error);
    }

    [Fact]
    public void A_missing_required_column_is_named()
    {
        var error = Check("LegacyOfferId,NceProductId,MigrationEnabled\r\n1,x,True\r\n").Error!;

        Assert.StartsWith("The first line does not have the columns of a test file: missing column 'NceSkuId'.", error, StringComparison.Ordinal);
        Assert.Contains("Expected: LegacyOfferId, LegacyOfferName (optional), NceProductId", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_repeated_columns_are_named()
    {
        var error = Check(Header + ",Colour,nceskuid\r\n1,a,b,c,d,e\r\n").Error!;

        Assert.Contains("unknown column 'Colour'", error, StringComparison.Ordinal);
        Assert.Contains("column 'NceSkuId' more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header + "\r\n1,Müller,b,c\r\n");

        var (table, error) = CsvUpload.Check<OfferMatrixUploadRow>(latin1, Schema);

        Assert.Null(table);
        Assert.StartsWith("The file is not UTF-8 text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF16_file_is_refused_by_name()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "\r\n1,a,b,c\r\n")).ToArray();

        Assert.StartsWith("The file is UTF-16, not UTF-8.", CsvUpload.Check<OfferMatrixUploadRow>(utf16, Schema).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Header + "\n1,a,b\"x,c\n", "The file is not valid CSV: line 2: a quote inside an unquoted field")]
    [InlineData(Header + "\n1,\"a\"x,b,c\n", "The file is not valid CSV: line 2: text after the closing quote")]
    [InlineData(Header + "\n1,a,b,c\n2,\"unclosed,b,c\n3,a,b,c\n", "The file is not valid CSV: line 3: a quoted field is opened but never closed")]
    [InlineData("LegacyOfferId,\"NceProductId,NceSkuId,MigrationEnabled\n1,a,b,c\n", "The file is not valid CSV: line 1: a quoted field is opened but never closed")]
    public void Malformed_quoting_refuses_the_whole_file_with_the_line(string text, string expected)
    {
        var (table, error) = Check(text);

        Assert.Null(table);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_and_one_at_the_limit_is_read()
    {
        var header = Header + "\n";
        var row = "1,a,b,c\n";
        var atLimit = header + row + "1,a,b," + new string('x', (int)CsvUpload.MaxBytes - header.Length - row.Length - 7) + "\n";
        Assert.Equal(CsvUpload.MaxBytes, Encoding.UTF8.GetByteCount(atLimit));

        Assert.Null(Check(atLimit).Error);
        Assert.Equal(CsvUpload.TooLarge(), Check(atLimit + "\n").Error);
    }

    [Fact]
    public async Task An_endless_stream_is_refused_by_size_no_further_than_one_read_past_the_limit()
    {
        await using var endless = new EndlessStream();

        var (table, error) = await CsvUpload.ReadAsync<OfferMatrixUploadRow>(endless, Schema, CancellationToken.None);

        Assert.Null(table);
        Assert.Equal(CsvUpload.TooLarge(), error);
        Assert.True(endless.Position < CsvUpload.MaxBytes + (128 * 1024), $"read {endless.Position} bytes");
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused_and_exactly_the_limit_is_read()
    {
        var rows = string.Concat(Enumerable.Repeat("1,a,b,c\n", CsvUpload.MaxRows));

        Assert.Equal(CsvUpload.MaxRows, Check(Header + "\n" + rows).Table!.Rows.Count);
        Assert.StartsWith("The file has 5,001 rows; the limit is 5,000.", Check(Header + "\n" + rows + "1,a,b,c\n").Error, StringComparison.Ordinal);
    }

    private sealed class EndlessStream : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
