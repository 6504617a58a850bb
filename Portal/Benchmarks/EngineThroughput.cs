using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Csv.Exports;
using Portal.Demo;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Benchmarks;

/// <summary>One engine run: how long the desk took to accept the migrations, and the workers to complete them.</summary>
internal sealed record EngineRun(int Instances, int Migrations, int Completed, TimeSpan Submitted, TimeSpan Completing)
{
    public double PerSecond => Completed / Math.Max(0.001, Completing.TotalSeconds);

    public string ToMarkdown() => BenchCommand.Invariant(
        $"| {Instances} worker instance{(Instances == 1 ? "" : "s")}, simulated backend with zero step delays | {Migrations:N0} ({Completed:N0} completed) | {Submitted.TotalSeconds:F1} s ({Migrations / Math.Max(0.001, Submitted.TotalSeconds):F0}/s) | {Completing.TotalSeconds:F1} s | {PerSecond:F1} | >= 50/s: {(PerSecond >= 50 ? "met" : "MISSED")} |");
}

/// <summary>
/// The engine's throughput: the first <c>count</c> eligible active bases of the Scale Test Partner are submitted through
/// <see cref="MigrationDesk"/> as one bulk batch (as bulk migration and the CSV import do), then <c>instances</c> engine
/// passes (each with its own claims holder, as separate instances are) run side by side until none is in flight.
/// </summary>
internal static class EngineThroughput
{
    /// <summary>
    /// Brings the engine to its steady state before any run is timed: the scale set leaves its own history's migrations
    /// in flight, Microsoft-led renewals unplanned and schedules due, which a first pass would otherwise work through
    /// inside the first timed run (and count none of it). Passes run until one finds nothing to do; the line says what
    /// they did.
    /// </summary>
    public static async Task CatchUpAsync(IServiceProvider services, TextWriter output)
    {
        var pass = Pass(services, "bench-catch-up");
        var watch = Stopwatch.StartNew();
        var (passes, advanced, windows, planned, schedules) = (0, 0, 0, 0, 0);
        while (passes < 100)
        {
            var report = await pass.RunOnceAsync(CancellationToken.None);
            passes++;
            (advanced, windows, planned, schedules) = (advanced + report.MigrationsAdvanced + report.MigrationsReverted, windows + report.WindowsClosed, planned + report.MicrosoftLedScheduled, schedules + report.SchedulesRun + report.SchedulesFailed);
            if (!report.DidWork)
            {
                break;
            }
        }

        output.WriteLine(BenchCommand.Invariant($"engine: caught up before the timed runs in {watch.Elapsed.TotalSeconds:F1} s ({passes} passes): {advanced:N0} steps of the scale set's migrations in flight, {windows:N0} cancellation windows closed, {planned:N0} Microsoft-led renewals planned, {schedules:N0} schedules run."));
    }

    public static async Task<EngineRun> MeasureAsync(IServiceProvider services, int count, int instances, TextWriter output)
    {
        var picked = await EligibleAsync(services, count);
        var batch = $"bench-{instances}-{Guid.NewGuid():N}"[..20];
        output.WriteLine(BenchCommand.Invariant($"engine: submitting {picked.Count:N0} migrations through the desk (batch {batch}) ..."));
        var submit = Stopwatch.StartNew();
        var created = 0;
        foreach (var (customer, subscription) in picked)
        {
            // Bases of one customer were judged one at a time: one may push another over a seat cap; the desk refuses it.
            await using var scope = services.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<MigrationDesk>();
            var answer = await desk.CreateAsync(DemoIds.ScaleTenantId, customer, new MigrationRequest(subscription), new MigrationOrigin("bench", batch, $"{batch}:{subscription:N}"), CancellationToken.None);
            created += answer.IsDone ? 1 : 0;
        }

        submit.Stop();
        var passes = Enumerable.Range(1, instances).Select(i => Pass(services, $"bench-{i}")).ToList();

        output.WriteLine(BenchCommand.Invariant($"engine: running {instances} instance(s) until the batch is done ..."));
        var completing = Stopwatch.StartNew();
        await Task.WhenAll(passes.Select(async pass =>
        {
            while (await InFlightAsync(services, batch) > 0)
            {
                await pass.RunOnceAsync(CancellationToken.None);
            }
        }));
        completing.Stop();
        await using var check = services.CreateAsyncScope();
        var completed = await check.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations.CountAsync(m => m.ExternalReferenceId == batch && m.Phase == MigrationPhase.Completed);
        return new EngineRun(instances, created, completed, submit.Elapsed, completing.Elapsed);
    }

    /// <summary>An engine pass with a claims holder of its own, as a separate instance has.</summary>
    private static EnginePass Pass(IServiceProvider services, string instance)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var time = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<EngineOptions>();
        var own = new EngineOptions { Simulation = options.Simulation, Worker = new WorkerOptions { LeaseDuration = options.Worker.LeaseDuration, MaxParallelSteps = options.Worker.MaxParallelSteps, InstanceName = instance } };
        return new EnginePass(scopes, new WorkClaims(scopes, time, own), services.GetRequiredService<EngineMetrics>(), time, services.GetRequiredService<ILogger<EnginePass>>(), options: own);
    }

    private static async Task<int> InFlightAsync(IServiceProvider services, string batch)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations
            .CountAsync(m => m.ExternalReferenceId == batch && (m.Phase == MigrationPhase.Requested || m.Phase == MigrationPhase.LegacySuspended));
    }

    /// <summary>The first <paramref name="count"/> active bases that could migrate now, customer by customer.</summary>
    private static async Task<List<(Guid Customer, Guid Subscription)>> EligibleAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var holdings = scope.ServiceProvider.GetRequiredService<PartnerHoldings>();
        var partner = (await holdings.PartnerAsync(DemoIds.ScaleTenantId, CancellationToken.None))!;
        var now = await scope.ServiceProvider.GetRequiredService<PartnerClock>().NowAsync(partner.TenantId, CancellationToken.None);
        var picked = new List<(Guid, Guid)>();
        await foreach (var page in holdings.PagesAsync(partner, now, withSchedules: false, CancellationToken.None))
        {
            foreach (var customer in page)
            {
                foreach (var subscription in customer.Context.LegacySubscriptions.Where(s => s.Status == LegacySubscriptionStatus.Active && !s.IsAddOn))
                {
                    if (EligibilityEvaluator.Evaluate(new MigrationRequest(subscription.Id), customer.Context).IsEligible)
                    {
                        picked.Add((customer.Customer.TenantId, subscription.Id));
                        if (picked.Count == count)
                        {
                            return picked;
                        }
                    }
                }
            }
        }

        return picked;
    }
}
