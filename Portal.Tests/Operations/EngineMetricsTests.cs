using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Engine;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Operations;

/// <summary>The engine's counters, queue depth and step latency move as migrations run (ADR-021).</summary>
public class EngineMetricsTests(PostgresServer postgres)
{
    [Fact]
    public async Task Started_completed_and_failed_counters_step_durations_and_queue_depth_follow_the_migrations()
    {
        await using var host = await EngineHost.CreateAsync(DatabaseProvider.Sqlite, postgres, MinuteSteps());
        using var recorded = new RecordedMetrics(host.Singleton<IMeterFactory>());
        var good = A.Subscription().Named("good").Build();
        var bad = A.Subscription().Named("bad").Build();
        await SeedAsync(host.Store, good, bad);

        var completing = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(good.Id))).Value!.Id;
        await MigrationDeskTests.CreateAsync(host, new MigrationRequest(bad.Id), new MigrationOrigin("ana", "FAIL-ACTIVE-7"));
        Assert.Equal(2, recorded.Sum("portal.engine.migrations.started"));
        Assert.Equal(0, recorded.Sum("portal.engine.migrations.completed"));

        await host.PassAfterAsync(TimeSpan.FromMinutes(1)); // the good one begins, the bad one fails while Active
        recorded.Observe();
        Assert.Equal(1, recorded.Sum("portal.engine.migrations.failed"));
        Assert.Equal("FailedLegacyActive", recorded.Tag("portal.engine.migrations.failed", "portal.migration.phase"));
        Assert.Equal(2, recorded.Last("portal.engine.queue.depth", "migrations"));
        Assert.Equal(0, recorded.Last("portal.engine.queue.depth", "schedules"));

        for (var i = 0; i < 4; i++)
        {
            await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        }

        recorded.Observe();
        Assert.Equal(MigrationPhase.Completed, (await host.StoredMigrationAsync(completing)).Phase);
        Assert.Equal(1, recorded.Sum("portal.engine.migrations.completed"));
        Assert.Equal(1, recorded.Sum("portal.engine.migrations.failed"));
        Assert.Equal(2, recorded.Sum("portal.engine.migrations.started"));
        Assert.Equal(0, recorded.Last("portal.engine.queue.depth", "migrations"));
        // One step per change: begin, create, provision, complete for the good one; the failure for the bad one.
        Assert.Equal(5, recorded.Count("portal.engine.step.duration"));
        Assert.All(recorded.Values("portal.engine.step.duration"), seconds => Assert.InRange(seconds, 0, 60));
    }

    [Fact]
    public async Task A_pass_with_nothing_to_do_records_no_step_and_counts_nothing()
    {
        await using var host = await EngineHost.CreateAsync(DatabaseProvider.Sqlite, postgres, MinuteSteps());
        using var recorded = new RecordedMetrics(host.Singleton<IMeterFactory>());

        await host.PassAfterAsync(TimeSpan.FromMinutes(1));
        recorded.Observe();

        Assert.Equal(0, recorded.Count("portal.engine.step.duration"));
        Assert.Equal(0, recorded.Sum("portal.engine.migrations.started"));
        Assert.Equal(0, recorded.Last("portal.engine.queue.depth", "migrations"));
    }
}

/// <summary>
/// Listens, as an exporter would, to the instruments of one host's meters only (its <see cref="IMeterFactory"/>), so
/// tests running other engines in parallel do not add to what it sees.
/// </summary>
public sealed class RecordedMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public RecordedMetrics(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == EngineMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments (the queue depth), as an exporter's collection does.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public double Sum(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    public int Count(string instrument) => _measurements.Count(m => m.Instrument == instrument);

    public IEnumerable<double> Values(string instrument) => _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value);

    public object? Tag(string instrument, string tag) => _measurements.Last(m => m.Instrument == instrument).Tags[tag];

    /// <summary>The last value observed for <paramref name="instrument"/> with the work kind <paramref name="work"/>.</summary>
    public double Last(string instrument, string work) =>
        _measurements.Last(m => m.Instrument == instrument && Equals(m.Tags["portal.engine.work"], work)).Value;

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
