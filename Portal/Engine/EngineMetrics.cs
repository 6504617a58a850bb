using System.Diagnostics.Metrics;

namespace Portal.Engine;

/// <summary>
/// The engine's metrics (meter <see cref="MeterName"/>, ADR-021): migrations started (created, by any entry point),
/// completed and failed, the work waiting (migrations in flight, schedules due, as this instance's last pass saw them)
/// and how long each engine step took. With no listener (telemetry off, the default) recording costs a check of a flag.
/// No instrument carries a partner, customer or migration id: those belong in the logs.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "Portal.Engine";

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _stepDuration;
    private long _migrationsInFlight;
    private long _schedulesDue;

    public EngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("portal.engine.migrations.started", "{migration}", "Migrations created (by the portal, the API, CSV imports or a schedule).");
        _completed = meter.CreateCounter<long>("portal.engine.migrations.completed", "{migration}", "Migrations that completed.");
        _failed = meter.CreateCounter<long>("portal.engine.migrations.failed", "{migration}", "Migrations that failed (phase: FailedLegacyActive or FailedLegacySuspended).");
        _stepDuration = meter.CreateHistogram<double>("portal.engine.step.duration", "s", "How long one engine step on a migration in flight took (commerce backend and database).");
        meter.CreateObservableGauge(
            "portal.engine.queue.depth",
            () => new[]
            {
                new Measurement<long>(Interlocked.Read(ref _migrationsInFlight), new KeyValuePair<string, object?>("portal.engine.work", "migrations")),
                new Measurement<long>(Interlocked.Read(ref _schedulesDue), new KeyValuePair<string, object?>("portal.engine.work", "schedules")),
            },
            "{item}",
            "Migrations in flight and schedules due, as this instance's last engine pass found them.");
    }

    public void MigrationStarted() => _started.Add(1);

    public void MigrationCompleted() => _completed.Add(1);

    public void MigrationFailed(string phase) => _failed.Add(1, new KeyValuePair<string, object?>("portal.migration.phase", phase));

    public void StepTook(TimeSpan duration, string phase) =>
        _stepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("portal.migration.phase", phase));

    public void MigrationsInFlight(int count) => Interlocked.Exchange(ref _migrationsInFlight, count);

    public void SchedulesDue(int count) => Interlocked.Exchange(ref _schedulesDue, count);
}
