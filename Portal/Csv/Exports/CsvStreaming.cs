using System.Diagnostics;

namespace Portal.Csv.Exports;

/// <summary>Progress of an export, for the benchmark: called after every <see cref="CsvStreaming.FlushEvery"/> rows.</summary>
public delegate void ExportProgress(long rows);

/// <summary>
/// Writes an export to a stream as its rows arrive: the header, then each row, flushing to the stream every
/// <see cref="FlushEvery"/> rows, so a response is sent while the database is still being read and memory never
/// holds more than one page of rows.
/// </summary>
public static class CsvStreaming
{
    public const int FlushEvery = 1000;

    public static async Task<long> WriteAsync(
        Stream output,
        IReadOnlyList<string> header,
        IAsyncEnumerable<string[]> rows,
        CancellationToken cancellationToken,
        ExportProgress? progress = null)
    {
        var writer = new StreamWriter(output, CsvFormat.Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var csv = new CsvRowWriter(writer);
            await csv.WriteRowAsync(header, cancellationToken).ConfigureAwait(false);
            long count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Debug.Assert(row.Length == header.Count, "Every row has the header's columns.");
                await csv.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
                if (++count % FlushEvery == 0)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    progress?.Invoke(count);
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            progress?.Invoke(count);
            return count;
        }
    }
}
