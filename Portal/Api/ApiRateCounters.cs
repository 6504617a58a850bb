using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Persistence;

namespace Portal.Api;

/// <summary>
/// Fixed-window counters in the database, so that every instance on one database shares each partner's limits
/// (ADR-021): a call takes a permit by one atomic statement, an upsert that adds one to the window's row and returns the
/// new count (PostgreSQL locks the row; SQLite has one writer), so N instances together allow the limit, not N times it.
/// Windows are aligned to the Unix epoch, so every instance agrees on where one ends. A call over the limit still
/// counts, as in Partner Center.
/// </summary>
public sealed class ApiRateCounters(PortalDbContext db, TimeProvider time)
{
    /// <summary>Takes one call from <paramref name="partition"/>'s current window: null when allowed, or how long until the window resets.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string partition, ApiLimit limit, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var length = Math.Max(1, (long)limit.Window.TotalMilliseconds);
        var windowStart = now - (now % length);
        var windowEnd = windowStart + length;
        var count = await IncrementAsync(partition, windowStart, windowEnd, ct);
        if (count == 1)
        {
            // A new window: the partition's finished ones are of no more use.
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "ApiRateCounters" WHERE "Partition" = {partition} AND "ExpiresAt" <= {now}""", ct);
        }

        return count <= limit.Permits ? null : TimeSpan.FromMilliseconds(windowEnd - now);
    }

    private async Task<long> IncrementAsync(string partition, long windowStart, long windowEnd, CancellationToken ct)
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
            Add(command, "@windowStart", windowStart);
            Add(command, "@expiresAt", windowEnd);
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
