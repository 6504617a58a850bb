using Microsoft.EntityFrameworkCore;
using Portal.Engine;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Dashboard;

/// <summary><c>Dashboard:Figures</c>: the background pass over the stored eligibility figures (ADR-022).</summary>
public sealed class EligibilityFiguresOptions
{
    public const string Section = "Dashboard:Figures";

    /// <summary>Run the background pass in this instance; by default wherever the engine worker runs.</summary>
    public bool? WorkerEnabled { get; set; }

    /// <summary>Time between two passes that recount the figures made stale or due since the last one.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The UTC hour of the nightly full recount, which finds and repairs drift.</summary>
    public int RecountHourUtc { get; set; } = 2;

    public static EligibilityFiguresOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<EligibilityFiguresOptions>() ?? new EligibilityFiguresOptions();
}

/// <summary>
/// Keeps the stored eligibility figures current between dashboard loads: every <see cref="EligibilityFiguresOptions.RefreshInterval"/>
/// it recounts each partner's stale and due figures at the partner's clock, and once a day, from
/// <see cref="EligibilityFiguresOptions.RecountHourUtc"/>, one instance (claimed like engine work, ADR-007) judges every
/// customer again, repairs drift and logs what it found.
/// </summary>
public sealed partial class EligibilityFiguresWorker(
    IServiceScopeFactory scopes,
    WorkClaims claims,
    EligibilityFiguresOptions options,
    TimeProvider time,
    ILogger<EligibilityFiguresWorker> logger) : BackgroundService
{
    private DateOnly? _lastRecount;

    /// <summary>One pass: the stale and due figures of every partner; the full recount when it is due today.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<PartnerClock>();
            var store = scope.ServiceProvider.GetRequiredService<EligibilityFigureStore>();
            foreach (var partner in await db.Partners.AsNoTracking().ToListAsync(ct))
            {
                await store.RefreshAsync(partner, await clock.NowAsync(partner.TenantId, ct), ct);
            }
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (now.Hour < options.RecountHourUtc || _lastRecount == today)
        {
            return;
        }

        var key = $"eligibility-recount:{today:yyyy-MM-dd}";
        if (!await claims.TryClaimAsync(key, ct))
        {
            return;
        }

        _lastRecount = today;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<EligibilityFigureStore>().RecountAllAsync(ct);
            LogRecount(logger, found.Customers, found.Partners, found.WereDue, found.Missing, found.Drifted);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.RefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Eligibility recount: {Customers} customers of {Partners} partners judged again; {WereDue} figures were due, {Missing} missing, {Drifted} drifted (all repaired)")]
    private static partial void LogRecount(ILogger logger, int customers, int partners, int wereDue, int missing, int drifted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eligibility figures pass failed; it runs again after the refresh interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
