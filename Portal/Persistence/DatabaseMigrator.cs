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
        if (pending.Count > 0)
        {
            LogApplying(logger, pending.Count, options.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} schema migration(s) on {Provider}: {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider, IReadOnlyList<string> migrations);
}
