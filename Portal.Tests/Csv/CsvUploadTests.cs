using System.Text;
using Portal.Csv;

namespace Portal.Tests.Csv;

/// <summary>The file-level checks every import makes before reading a row.</summary>
public class CsvUploadTests
{
    private static readonly CsvSchema Schema = new("test", [new CsvColumn("Id"), new CsvColumn("Name"), new CsvColumn("Note", Required: false)]);

    private static (CsvTable? Table, string? Error) Check(string text) => CsvUpload.Check(Encoding.UTF8.GetBytes(text), Schema);

    [Fact]
    public void A_good_file_is_read_by_column_name_in_any_order_with_or_without_a_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name,ID\r\nAnna,1\r\n")).ToArray();

        var (table, error) = CsvUpload.Check(bytes, Schema);

        Assert.Null(error);
        var row = Assert.Single(table!.Rows);
        Assert.Equal("1", row["Id"]);
        Assert.Equal("Anna", row["Name"]);
        Assert.Equal("", row["Note"]);
        Assert.Equal(2, row.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\r\n")]
    public void An_empty_file_is_refused(string text)
    {
        Assert.Equal("The file is empty.", Check(text).Error);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        Assert.Equal("The file has a header but no rows.", Check("Id,Name\r\n").Error);
    }

    [Fact]
    public void A_missing_required_column_is_named()
    {
        var error = Check("Id,Note\r\n1,x\r\n").Error!;

        Assert.StartsWith("The first line does not have the columns of a test file: missing column 'Name'.", error, StringComparison.Ordinal);
        Assert.Contains("Expected: Id, Name, Note (optional).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_repeated_columns_are_named()
    {
        var error = Check("Id,Name,Colour,Id\r\n1,a,b,1\r\n").Error!;

        Assert.Contains("unknown column 'Colour'", error, StringComparison.Ordinal);
        Assert.Contains("column 'Id' more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused()
    {
        var latin1 = Encoding.Latin1.GetBytes("Id,Name\r\n1,Müller\r\n");

        var (table, error) = CsvUpload.Check(latin1, Schema);

        Assert.Null(table);
        Assert.StartsWith("The file is not UTF-8 text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF16_file_is_refused_by_name()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Id,Name\r\n1,a\r\n")).ToArray();

        Assert.StartsWith("The file is UTF-16, not UTF-8.", CsvUpload.Check(utf16, Schema).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_quoting_refuses_the_whole_file()
    {
        var (table, error) = Check("Id,Name\r\n1,\"unclosed\r\n2,b\r\n");

        Assert.Null(table);
        Assert.StartsWith("The file is not valid CSV: Line 2, field 2: a quoted field is opened but never closed.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_and_one_at_the_limit_is_read()
    {
        var header = "Id,Name\n";
        var row = "1,x\n";
        var atLimit = header + row + "1," + new string('x', (int)CsvUpload.MaxBytes - header.Length - row.Length - 3) + "\n";
        Assert.Equal(CsvUpload.MaxBytes, Encoding.UTF8.GetByteCount(atLimit));

        Assert.Null(Check(atLimit).Error);
        Assert.Equal(CsvUpload.TooLarge(), Check(atLimit + "\n").Error);
    }

    [Fact]
    public async Task A_stream_is_read_no_further_than_one_byte_past_the_limit()
    {
        await using var endless = new EndlessStream();

        var (table, error) = await CsvUpload.ReadAsync(endless, Schema, CancellationToken.None);

        Assert.Null(table);
        Assert.Equal(CsvUpload.TooLarge(), error);
        Assert.True(endless.Position < CsvUpload.MaxBytes + (128 * 1024), $"read {endless.Position} bytes");
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused_and_exactly_the_limit_is_read()
    {
        var rows = string.Concat(Enumerable.Repeat("1,a\n", CsvUpload.MaxRows));

        Assert.Equal(CsvUpload.MaxRows, Check("Id,Name\n" + rows).Table!.Rows.Count);
        Assert.StartsWith("The file has 5,001 rows; the limit is 5,000.", Check("Id,Name\n" + rows + "1,a\n").Error, StringComparison.Ordinal);
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
