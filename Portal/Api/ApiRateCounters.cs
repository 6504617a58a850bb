using System.Data.Common;
using System.Globalization;
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

/// <summary>
/// Fixed-window counters of API calls per partition (<c>partner:{id}</c>, <c>create:{id}</c>, ...): a window starts at
/// the partition's first call after the previous window ended and lasts the limit's window, as ASP.NET Core's
/// fixed-window limiter did for one instance.
/// </summary>
public interface IApiRateCounters
{
    /// <summary>Takes one call from <paramref name="partition"/>'s current window: null when allowed, or how long until the window resets.</summary>
    Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct);
}

/// <summary>
/// Counters in the database, so that every instance on one database shares each partner's limits (ADR-021): a call takes
/// a permit by one atomic statement, an upsert on the partition's row that starts a new window when the last one has
/// ended, or else adds one, and returns the count and the window's end (PostgreSQL locks the row; SQLite has one writer).
/// So N instances together allow the limit, not N times it. A call over the limit still counts, as in Partner Center.
/// </summary>
public sealed class DatabaseRateCounters(PortalDbContext db, TimeProvider time) : IApiRateCounters
{
    public async Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "ApiRateCounters" ("Partition", "WindowStart", "Count", "ExpiresAt") VALUES (@partition, @now, 1, @end)
                ON CONFLICT ("Partition") DO UPDATE SET
                    "Count" = CASE WHEN "ApiRateCounters"."ExpiresAt" <= @now THEN 1 ELSE "ApiRateCounters"."Count" + 1 END,
                    "WindowStart" = CASE WHEN "ApiRateCounters"."ExpiresAt" <= @now THEN @now ELSE "ApiRateCounters"."WindowStart" END,
                    "ExpiresAt" = CASE WHEN "ApiRateCounters"."ExpiresAt" <= @now THEN @end ELSE "ApiRateCounters"."ExpiresAt" END
                RETURNING "Count", "ExpiresAt"
                """;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "@partition", partition);
            Add(command, "@now", now);
            Add(command, "@end", now + Length(limit));
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return Verdict(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), now, limit);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A window's length in milliseconds (at least one).</summary>
    internal static long Length(ApiLimit limit) => Math.Max(1, (long)limit.Window.TotalMilliseconds);

    /// <summary>Null when the <paramref name="count"/>-th call of a window ending at <paramref name="end"/> is within the limit, else the wait until it ends.</summary>
    internal static TimeSpan? Verdict(long count, long end, long now, ApiLimit limit) =>
        count <= limit.Permits ? null : TimeSpan.FromMilliseconds(end - now);

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
    private readonly Dictionary<string, (long End, long Count)> _windows = new(StringComparer.Ordinal);

    public Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        (long End, long Count) window;
        lock (_windows)
        {
            window = _windows.TryGetValue(partition, out var current) && current.End > now
                ? (current.End, current.Count + 1)
                : (now + DatabaseRateCounters.Length(limit), 1);
            _windows[partition] = window;
            if (window.Count == 1 && _windows.Count > 10_000)
            {
                // Partitions of partners who stopped calling: drop the windows that have ended.
                foreach (var ended in _windows.Where(w => w.Value.End <= now).Select(w => w.Key).ToList())
                {
                    _windows.Remove(ended);
                }
            }
        }

        return Task.FromResult(DatabaseRateCounters.Verdict(window.Count, window.End, now, limit));
    }
}
