using Portal.Operations;

namespace Portal.Engine;

/// <summary>The hosted worker: one <see cref="EnginePass"/> every poll interval, in every instance (ADR-007).</summary>
public sealed class EngineWorker(EnginePass pass, WorkClaims claims, EngineOptions options, WorkerHeartbeats heartbeats, TimeProvider time, ILogger<EngineWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Worker.PollInterval;
        EngineLog.WorkerStarted(logger, claims.Holder, interval);
        var backToBack = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await pass.RunOnceAsync(stoppingToken);
                heartbeats.Beat(WorkerHeartbeats.Engine); // the readiness check sees the worker pass (ADR-021)

                // A pass that moved something may have made more work due now (a zero-delay backend, a batch larger
                // than one pass reaches): run again at once, a bounded number of times, rather than idle a poll interval.
                if (report.DidWork && ++backToBack < options.Worker.MaxBackToBackPasses)
                {
                    continue;
                }

                backToBack = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The schema may not be ready yet (another instance migrating), or the database briefly unreachable.
                EngineLog.PassFailed(logger, e, interval);
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
}
