using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Persistence;

/// <summary>
/// Sets <c>PRAGMA synchronous = NORMAL</c> on every SQLite connection the portal opens (ADR-029). The database is in WAL
/// mode, where NORMAL is crash-safe (an application or process crash loses nothing committed, and the file is never
/// corrupted); only a power loss of the machine can roll back the last commits. In exchange a commit no longer waits
/// for an fsync: the engine's many small transactions (leases, figures, steps) run about 1.5 times as fast.
/// Also sets <c>PRAGMA busy_timeout</c>: a writer that finds the database locked by another connection's write waits
/// inside SQLite (which retries after 1, 2, 5, 10 ... ms) instead of Microsoft.Data.Sqlite's own retry loop, which
/// sleeps 150 ms before each new try (the engine's parallel steps contend for the one writer).
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public static readonly SqliteConnectionPragmas Instance = new();

    /// <summary>As long as a command's default timeout (30 s): a write waits that long for the lock before failing.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
    }
}
