using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Csv.Exports;
using Portal.Demo;
using Portal.Engine;
using Portal.Hosting;
using Portal.Persistence;

namespace Portal.Csv.Benchmark;

/// <summary>
/// <c>dotnet run --project Portal -c Release --no-launch-profile -- bench-export --rows 100000</c>: seeds the scale data
/// set into a temporary SQLite file, reads the Scale Test Partner's legacy subscriptions straight from the database,
/// then exports them as BAM's subscriptions-with-eligibility file, and prints both times and the export's memory at
/// 10%, 50% and 100% of the rows (live managed heap after a full collection, the largest heap seen, and the process's working set),
/// which stay flat when the export streams. Options: <c>--rows N</c> (default 100000, a multiple of 10),
/// <c>--keep FILE</c> (use/keep this database file instead of a temporary one).
/// </summary>
public static class ExportBenchmarkCommand
{
    public const string Name = "bench-export";

    private const int SubscriptionsPerCustomer = 10;

    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        var rows = 100_000;
        string? keep = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= SubscriptionsPerCustomer:
                    rows = n / SubscriptionsPerCustomer * SubscriptionsPerCustomer;
                    i++;
                    break;
                case "--keep" when i + 1 < args.Length:
                    keep = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --rows N (10 or more) and optionally --keep FILE.");
            }
        }

        var file = keep ?? Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        try
        {
            await RunAsync(file, rows, output);
        }
        finally
        {
            if (keep is null)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                {
                    File.Delete(file + suffix);
                }
            }
        }

        return true;
    }

    private static async Task RunAsync(string file, int rows, TextWriter output)
    {
        var builder = CommandHost.CreateBuilder(["--Database:Provider", "Sqlite", "--Database:ConnectionString", $"Data Source={file}"]);
        builder.Services.AddPortalDemo(builder.Configuration);
        builder.Services.AddPortalEngine(builder.Configuration);
        builder.Services.AddPortalCsv();
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        output.WriteLine(Invariant($"Seeding {rows:N0} legacy subscriptions ({rows / SubscriptionsPerCustomer:N0} customers) into {file} ..."));
        var seeded = await app.Services.GetRequiredService<ScaleDataGenerator>().GenerateAsync(
            new ScaleOptions { Customers = rows / SubscriptionsPerCustomer, SubscriptionsPerCustomer = SubscriptionsPerCustomer },
            replace: false,
            CancellationToken.None);
        output.WriteLine(Invariant($"Seeded {seeded.LegacySubscriptions:N0} in {seeded.Elapsed.TotalSeconds:F1} s{(seeded.Skipped ? " (already there)" : "")}."));

        var now = TimeProvider.System.GetUtcNow();
        await ReadStraightAsync(app.Services); // warm-up: JIT and the database file's pages
        var read = await ReadStraightAsync(app.Services);
        var export = await ExportAsync(app.Services, now, seeded.LegacySubscriptions);

        output.WriteLine();
        output.WriteLine(Invariant($"| run | rows | time | rows/s |"));
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine(Invariant($"| read the rows straight from the database (no tracking) | {read.Rows:N0} | {read.Elapsed.TotalSeconds:F2} s | {read.Rows / read.Elapsed.TotalSeconds:N0} |"));
        output.WriteLine(Invariant($"| export subscriptions-with-eligibility CSV ({export.Bytes / 1024.0 / 1024.0:F1} MB) | {export.Rows:N0} | {export.Elapsed.TotalSeconds:F2} s | {export.Rows / export.Elapsed.TotalSeconds:N0} |"));
        output.WriteLine(Invariant($"Export / read time: {export.Elapsed.TotalSeconds / read.Elapsed.TotalSeconds:F1}x (the export also evaluates every subscription's eligibility and writes CSV)."));
        output.WriteLine();
        output.WriteLine("| export rows written | live managed heap (after full GC) | peak managed heap seen | working set |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (var checkpoint in export.Checkpoints)
        {
            output.WriteLine(Invariant($"| {checkpoint.Rows:N0} | {Mb(checkpoint.LiveHeap)} | {Mb(checkpoint.PeakHeap)} | {Mb(checkpoint.WorkingSet)} |"));
        }

        var first = export.Checkpoints[0];
        var last = export.Checkpoints[^1];
        var growth = (double)last.LiveHeap / first.LiveHeap;
        output.WriteLine(Invariant($"Live heap at {last.Rows:N0} rows is {growth:F2}x the heap at {first.Rows:N0} rows: {(growth < 1.5 ? "flat, the export streams" : "NOT flat: the export holds rows in memory")}."));
    }

    private static async Task<(long Rows, TimeSpan Elapsed)> ReadStraightAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var watch = Stopwatch.StartNew();
        long count = 0;
        var customers = db.Customers.Where(c => c.PartnerTenantId == DemoIds.ScaleTenantId).Select(c => c.TenantId);
        await foreach (var subscription in db.LegacySubscriptions.AsNoTracking().Where(s => customers.Contains(s.CustomerId)).AsAsyncEnumerable())
        {
            count += subscription.Quantity > 0 ? 1 : 0;
        }

        return (count, watch.Elapsed);
    }

    private static async Task<ExportRun> ExportAsync(IServiceProvider services, DateTimeOffset now, int expectedRows)
    {
        await using var scope = services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<SubscriptionsExport>();
        var marks = new Queue<long>(new long[] { expectedRows / 10, expectedRows / 2, expectedRows }.Where(m => m > 0).Distinct());
        var checkpoints = new List<Checkpoint>();
        long peakHeap = 0;
        using var process = Process.GetCurrentProcess();
        await using var sink = new CountingStream();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        var written = await export.WriteAsync(sink, DemoIds.ScaleTenantId, now, ExportFilter.None, CancellationToken.None, progress: rows =>
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            if (marks.Count > 0 && rows >= marks.Peek())
            {
                marks.Dequeue();
                watch.Stop();
                process.Refresh();
                checkpoints.Add(new Checkpoint(rows, GC.GetTotalMemory(forceFullCollection: true), peakHeap, process.WorkingSet64));
                watch.Start();
            }
        });
        watch.Stop();
        return new ExportRun(written, sink.Length, watch.Elapsed, checkpoints);
    }

    private static string Mb(long bytes) => Invariant($"{bytes / 1024.0 / 1024.0:F1} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Checkpoint(long Rows, long LiveHeap, long PeakHeap, long WorkingSet);

    private sealed record ExportRun(long Rows, long Bytes, TimeSpan Elapsed, IReadOnlyList<Checkpoint> Checkpoints);

    /// <summary>Discards what is written and counts it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
