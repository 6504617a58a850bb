using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Persistence.Configurations;
using Portal.Time;

namespace Portal.Publishing;

/// <summary>What one due migration did when the runner ran it.</summary>
public sealed record PublisherMigrationRun(string PublisherId, Guid MigrationId, bool Succeeded, string? Refusal);

/// <summary>
/// Runs every confirmed publisher migration whose slot has started, at the time <see cref="TimeProvider"/> says.
/// Each migration is its own unit of work: it completes, or fails and is reverted (with its notification), and is
/// saved alone; an error while running one leaves it as it was (nothing half-moved) and the others still run.
/// Two runners at once (two app instances, or the worker and an on-demand call) run each migration once: the
/// publisher's version makes the second save fail, and that migration is skipped.
/// </summary>
public sealed partial class PublisherMigrationRunner(IServiceScopeFactory scopes, TimeProvider time, ILogger<PublisherMigrationRunner> logger)
{
    public const string Actor = "Publisher migration runner";

    public async Task<IReadOnlyList<PublisherMigrationRun>> RunDueAsync(CancellationToken ct = default)
    {
        var real = time.GetUtcNow();
        List<(string PublisherId, DateTimeOffset Now)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

            // A Sandbox partner's migrations run on its own (moved) clock; no clock runs behind real time.
            var offsets = await scope.ServiceProvider.GetRequiredService<PartnerClock>().OffsetsAsync(ct);
            var latest = real + offsets.Values.Append(TimeSpan.Zero).Max();
            var confirmed = await db.Publishers.AsNoTracking()
                .Where(p => p.Migration!.Status == PublisherMigrationStatus.Confirmed && p.Migration.Slot!.Start <= latest)
                .Select(p => new { p.PublisherId, Partner = EF.Property<Guid>(p, PublisherConfiguration.PartnerTenantIdProperty), p.Migration!.Slot!.Start })
                .ToListAsync(ct);
            due = confirmed
                .Select(m => (m.PublisherId, Now: real + offsets.GetValueOrDefault(m.Partner), m.Start))
                .Where(m => m.Start <= m.Now)
                .OrderBy(m => m.Start)
                .Select(m => (m.PublisherId, m.Now))
                .ToList();
        }

        var runs = new List<PublisherMigrationRun>();
        foreach (var (publisherId, now) in due)
        {
            if (await RunOneAsync(publisherId, now, ct) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    private async Task<PublisherMigrationRun?> RunOneAsync(string publisherId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var publisher = await db.WholePublishers().SingleAsync(p => p.PublisherId == publisherId, ct);
        if (publisher.Migration is not { Status: PublisherMigrationStatus.Confirmed } migration || migration.Slot!.Start > now)
        {
            return null; // another runner got there first
        }

        try
        {
            var notified = migration.Notifications.Count;
            var outcome = migration.Run(now);
            PublishingNotifications.AddNew(db, db.PartnerOf(publisher), migration, notified);
            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = db.PartnerOf(publisher),
                Actor = Actor,
                Action = outcome.Succeeded ? "Publisher migration completed" : "Publisher migration failed and reverted",
                Target = $"publisher {publisher.PublisherId}",
                Detail = PublisherDesk.RunDetail(migration),
                At = now,
            });
            await db.SaveChangesAsync(ct);
            LogRan(logger, publisherId, migration.Status);
            return new PublisherMigrationRun(publisherId, migration.Id, outcome.Succeeded, outcome.Refusal?.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogRanElsewhere(logger, publisherId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publisher migration of {PublisherId} ran: {Status}")]
    private static partial void LogRan(ILogger logger, string publisherId, PublisherMigrationStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publisher migration of {PublisherId} was run by another runner at the same time")]
    private static partial void LogRanElsewhere(ILogger logger, string publisherId);
}

/// <summary>Runs due publisher migrations every <c>Publishing:RunnerIntervalSeconds</c> (60 by default; 0 turns it off).</summary>
public sealed partial class PublisherMigrationWorker(PublisherMigrationRunner runner, TimeProvider time, IConfiguration configuration, ILogger<PublisherMigrationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Publishing:RunnerIntervalSeconds", 60);
        if (seconds <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), time, stoppingToken);
                await runner.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Domain.Common.DomainException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Running due publisher migrations failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
