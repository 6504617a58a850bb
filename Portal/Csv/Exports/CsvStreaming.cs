using CsvHelper;

namespace Portal.Csv.Exports;

/// <summary>Progress of an export, for the benchmark: called after every <see cref="CsvStreaming.FlushEvery"/> rows.</summary>
public delegate void ExportProgress(long rows);

/// <summary>
/// Writes an export to a stream as its rows arrive, with CsvHelper's generated record writer of the row type: the
/// header, then each row, flushing to the stream every <see cref="FlushEvery"/> rows, so a response is sent while the
/// database is still being read and memory never holds more than one page of rows. Every write to the stream is
/// asynchronous (Kestrel refuses synchronous writes).
/// </summary>
public static class CsvStreaming
{
    public const int FlushEvery = 1000;

    public static async Task<long> WriteAsync<TRow>(
        Stream output,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken,
        ExportProgress? progress = null)
    {
        var csv = CsvWriter.Create(output, CsvFormat.Writing, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            csv.WriteHeader<TRow>();
            long count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await csv.WriteRecordAsync(row, cancellationToken).ConfigureAwait(false);
                if (++count % FlushEvery == 0)
                {
                    await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
                    progress?.Invoke(count);
                }
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
            progress?.Invoke(count);
            return count;
        }
    }
}
