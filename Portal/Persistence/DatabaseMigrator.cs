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

        // On PostgreSQL, EF Core's migration lock lasts one migration's transaction only: with several pending
        // migrations, two instances could each apply a later one. A session lock held over the whole run closes that.
        var postgres = options.Provider == DatabaseProvider.PostgreSQL;
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        }

        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogApplying(logger, pending.Count, options.Provider, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The PostgreSQL advisory lock key of schema migrations (any fixed number the app uses for nothing else).</summary>
    private const long MigrationLockKey = 7_305_118_020_261_130;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} schema migration(s) on {Provider}: {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider, IReadOnlyList<string> migrations);
}
