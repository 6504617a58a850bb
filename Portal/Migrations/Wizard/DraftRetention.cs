using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Persistence;

namespace Portal.Migrations.Wizard;

/// <summary><c>Drafts:Retention</c>: how long migration drafts are kept once nobody changes them (ADR-017).</summary>
public sealed class DraftRetentionOptions
{
    public const string Section = "Drafts:Retention";

    /// <summary>Run the clean-up in this instance (any number of instances may).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An unsubmitted draft nobody has saved for this many days is deleted.</summary>
    public int OpenDays { get; set; } = 14;

    /// <summary>
    /// A submitted draft is deleted this many days after its submission: until then the wizard's back button leads to
    /// what it created and a batch page lists the bulk migration's not-migrated rows from it.
    /// </summary>
    public int SubmittedDays { get; set; } = 90;

    /// <summary>Time between two clean-ups.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What one clean-up deleted.</summary>
public sealed record DraftPurge(int Open, int Submitted);

/// <summary>
/// Deletes old migration drafts with two set-based deletes (ADR-017). Idempotent: instances running it at the same
/// moment delete the same rows once between them. A draft being submitted right now is left alone.
/// </summary>
public sealed class DraftRetention(PortalDbContext db, TimeProvider time, IOptions<DraftRetentionOptions> options)
{
    public async Task<DraftPurge> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var openCutoff = now - TimeSpan.FromDays(options.Value.OpenDays);
        var submittedCutoff = now - TimeSpan.FromDays(options.Value.SubmittedDays);
        var claimLapsed = now - DraftStore.SubmissionTimeout;
        var open = await db.MigrationDrafts
            .Where(d => d.SubmittedAt == null && d.UpdatedAt < openCutoff && (d.SubmittingSince == null || d.SubmittingSince < claimLapsed))
            .ExecuteDeleteAsync(ct);
        var submitted = await db.MigrationDrafts
            .Where(d => d.SubmittedAt != null && d.UpdatedAt < submittedCutoff)
            .ExecuteDeleteAsync(ct);
        return new DraftPurge(open, submitted);
    }
}

/// <summary>Runs <see cref="DraftRetention"/> at start-up and then every <see cref="DraftRetentionOptions.Interval"/> (unless turned off).</summary>
public sealed partial class DraftRetentionWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<DraftRetentionOptions> options, ILogger<DraftRetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var interval = options.Value.Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<DraftRetention>().PurgeAsync(stoppingToken);
                if (purged.Open + purged.Submitted > 0)
                {
                    Purged(logger, purged.Open, purged.Submitted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The schema may not be ready yet (another instance migrating), or the database briefly unreachable.
                PurgeFailed(logger, e, interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Open} unsubmitted and {Submitted} submitted migration drafts past their retention")]
    private static partial void Purged(ILogger logger, int open, int submitted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old migration drafts failed; the next attempt is in {Interval}")]
    private static partial void PurgeFailed(ILogger logger, Exception exception, TimeSpan interval);
}
