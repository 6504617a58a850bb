using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Persistence;

namespace Portal.Api;

/// <summary>Where the API's fixed-window counters live (<c>Api:RateLimits:Store</c>; by default the database on PostgreSQL).</summary>
public enum ApiRateStore
{
    /// <summary>In this process: right for a single instance (SQLite), free of database writes.</summary>
    Memory,

    /// <summary>In the database, shared by every instance on it (ADR-021).</summary>
    Database,
}

/// <summary>Fixed-window counters of API calls per partition (<c>partner:{id}</c>, <c>create:{id}</c>, ...).</summary>
public interface IApiRateCounters
{
    /// <summary>Takes one call from <paramref name="partition"/>'s current window: null when allowed, or how long until the window resets.</summary>
    Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct);
}

/// <summary>
/// One fixed window of a limit at an instant. Windows are aligned to the Unix epoch, so every instance agrees on where
/// one starts and ends without talking to the others.
/// </summary>
public readonly record struct FixedWindow(long Now, long Start, long End)
{
    public static FixedWindow At(DateTimeOffset now, ApiLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var ms = now.ToUnixTimeMilliseconds();
        var length = Math.Max(1, (long)limit.Window.TotalMilliseconds);
        var start = ms - (ms % length);
        return new FixedWindow(ms, start, start + length);
    }

    /// <summary>Null when the <paramref name="count"/>-th call of the window is within <paramref name="limit"/>, else the wait until the window ends.</summary>
    public TimeSpan? Verdict(long count, ApiLimit limit) => count <= limit.Permits ? null : TimeSpan.FromMilliseconds(End - Now);
}

/// <summary>
/// Counters in the database, so that every instance on one database shares each partner's limits (ADR-021): a call takes
/// a permit by one atomic statement, an upsert that adds one to the window's row and returns the new count (PostgreSQL
/// locks the row; SQLite has one writer), so N instances together allow the limit, not N times it. A call over the limit
/// still counts, as in Partner Center.
/// </summary>
public sealed class DatabaseRateCounters(PortalDbContext db, TimeProvider time) : IApiRateCounters
{
    public async Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct)
    {
        var window = FixedWindow.At(time.GetUtcNow(), limit);
        var count = await IncrementAsync(partition, window, ct);
        if (count == 1)
        {
            // A new window: the partition's finished ones are of no more use.
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "ApiRateCounters" WHERE "Partition" = {partition} AND "ExpiresAt" <= {window.Now}""", ct);
        }

        return window.Verdict(count, limit);
    }

    private async Task<long> IncrementAsync(string partition, FixedWindow window, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "ApiRateCounters" ("Partition", "WindowStart", "Count", "ExpiresAt") VALUES (@partition, @windowStart, 1, @expiresAt)
                ON CONFLICT ("Partition", "WindowStart") DO UPDATE SET "Count" = "ApiRateCounters"."Count" + 1
                RETURNING "Count"
                """;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "@partition", partition);
            Add(command, "@windowStart", window.Start);
            Add(command, "@expiresAt", window.End);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>The same windows in this process only: one instance (SQLite is the single-instance store) needs no database write per call.</summary>
public sealed class MemoryRateCounters(TimeProvider time) : IApiRateCounters
{
    private readonly Dictionary<string, (long Start, long Count)> _windows = new(StringComparer.Ordinal);

    public Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct)
    {
        var window = FixedWindow.At(time.GetUtcNow(), limit);
        long count;
        lock (_windows)
        {
            count = _windows.TryGetValue(partition, out var current) && current.Start == window.Start ? current.Count + 1 : 1;
            _windows[partition] = (window.Start, count);
            if (count == 1 && _windows.Count > 10_000)
            {
                // Partitions of partners who stopped calling: drop the finished windows.
                foreach (var stale in _windows.Where(w => w.Value.Start < window.Start).Select(w => w.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }
        }

        return Task.FromResult(window.Verdict(count, limit));
    }
}
