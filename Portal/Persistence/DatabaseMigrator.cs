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

        // Npgsql's migration lock lasts one transaction, and each migration runs in its own: with two or more pending,
        // a second instance could apply the later ones again. A session advisory lock held across the whole run prevents it.
        await using var migrationLock = options.Provider == DatabaseProvider.PostgreSQL
            ? await PostgresMigrationLock.AcquireAsync(options.ConnectionString!, cancellationToken)
            : null;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplying(logger, pending.Count, options.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A session-level advisory lock on a connection of its own, released on dispose (or when the process dies).</summary>
    private sealed class PostgresMigrationLock(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
    {
        private const long Key = 0x5057_4d49_4752_4154; // "PWMIGRAT"

        public static async Task<PostgresMigrationLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            // Waits while another instance migrates (or, on a loaded machine, starts slowly): longer than a query's 30 s.
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection);
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
