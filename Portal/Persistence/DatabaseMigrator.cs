using Microsoft.EntityFrameworkCore;
using Portal.Persistence.Migrations.Legacy;

namespace Portal.Persistence;

/// <summary>
/// Brings the schema up to date before the app serves requests: a database made by the hand-written migrations
/// of ADR-005 first adopts the generated baseline (<see cref="LegacySchema"/>), then the provider's generated
/// migrations run (ADR-020). On PostgreSQL the whole run holds an advisory lock, so several instances starting
/// together on one database apply each migration once.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Brings the schema up to date now, whatever <see cref="DatabaseOptions.MigrateOnStartup"/> says: the way for
    /// commands that use the store without starting the app (never <c>Database.MigrateAsync()</c> alone, which
    /// cannot upgrade a database made by the hand-written migrations).
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Npgsql's migration lock lasts one transaction, and each migration runs in its own: with two or more pending,
        // a second instance could apply the later ones again. A session advisory lock held across the whole run prevents it.
        await using var migrationLock = options.Provider == DatabaseProvider.PostgreSQL
            ? await PostgresMigrationLock.AcquireAsync(options.ConnectionString!, cancellationToken)
            : null;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (await LegacySchema.AdoptAsync(db, options.Provider, options.ConnectionString!, cancellationToken))
        {
            LogAdopted(logger, options.Provider, LegacySchema.BaselineMigrationId);
        }

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
            // Waits as long as another instance migrates (a large upgrade may take minutes), not the 30 s command timeout.
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The database on {Provider} was made by the hand-written migrations: brought to their last one and recorded as at {Baseline}")]
    private static partial void LogAdopted(ILogger logger, DatabaseProvider provider, string baseline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} schema migration(s) on {Provider}: {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider, IReadOnlyList<string> migrations);
}
