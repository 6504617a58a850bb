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
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        LogApplying(logger, pending.Count, options.Provider, pending);
        if (options.Provider != DatabaseProvider.PostgreSQL)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // EF Core's PostgreSQL migration lock lasts one migration's transaction: with several pending migrations a
        // second instance could apply the later ones again. A session advisory lock holds for the whole run.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An arbitrary number the portal's instances agree on for the schema advisory lock.</summary>
    private const long AdvisoryLockKey = 7_261_130_000_600;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} schema migration(s) on {Provider}: {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider, IReadOnlyList<string> migrations);
}
