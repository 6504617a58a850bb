using Microsoft.EntityFrameworkCore;

namespace Portal.Persistence;

/// <summary>
/// Brings the schema up to date before the app serves requests. EF Core takes a migration lock, so several
/// instances starting together on one PostgreSQL database apply each migration once.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // EF Core's own lock on PostgreSQL is taken per migration transaction, and the list of pending migrations is
        // not read again when it is taken back: with two or more migrations, a second instance could apply one twice.
        // A session-wide advisory lock around the whole run serialises instances (SQLite's file lock already does).
        await using var serialised = options.Provider == DatabaseProvider.PostgreSQL
            ? await PostgresAdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, cancellationToken)
            : null;
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplying(logger, pending.Count, options.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Holds <c>pg_advisory_lock</c> on a connection of its own until disposed.</summary>
    private sealed class PostgresAdvisoryLock(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
    {
        private const long Key = 0x5041_5254_4e45_52; // "PARTNER"

        public static async Task<PostgresAdvisoryLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresAdvisoryLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} schema migration(s) on {Provider}: {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider, IReadOnlyList<string> migrations);
}
