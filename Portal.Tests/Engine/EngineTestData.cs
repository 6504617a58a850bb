using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;

namespace Portal.Tests.Engine;

/// <summary>Shared steps of the engine's tests.</summary>
public static class EngineTestData
{
    /// <summary>One minute per simulated step: begin at +1 min, created +2, provisioned +3, completed +4.</summary>
    public static Dictionary<string, string?> MinuteSteps(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Engine:Simulation:BeginAfter"] = "00:01:00",
            ["Engine:Simulation:CreateAfter"] = "00:01:00",
            ["Engine:Simulation:ProvisionAfter"] = "00:01:00",
            ["Engine:Simulation:CompleteAfter"] = "00:01:00",
            ["Engine:Worker:LeaseDuration"] = "00:00:30",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<PassReport> PassAsync(this EngineHost host) => host.Singleton<EnginePass>().RunOnceAsync(Ct);

    /// <summary>Moves time on by <paramref name="by"/> and runs one pass.</summary>
    public static async Task<PassReport> PassAfterAsync(this EngineHost host, TimeSpan by)
    {
        host.Time.Advance(by);
        return await host.PassAsync();
    }

    /// <summary>Another app instance's pass over the same database (its own claims holder and its own memory).</summary>
    public static EnginePass SecondInstance(this EngineHost host, string name)
    {
        var options = host.Singleton<EngineOptions>();
        var own = new EngineOptions { Simulation = options.Simulation, Worker = new WorkerOptions { LeaseDuration = options.Worker.LeaseDuration, MaxParallelSteps = options.Worker.MaxParallelSteps, InstanceName = name } };
        var scopes = host.Singleton<IServiceScopeFactory>();
        return new EnginePass(scopes, new WorkClaims(scopes, host.Time, own), host.Singleton<EngineMetrics>(), host.Time, NullLogger<EnginePass>.Instance, options: own);
    }

    /// <summary>Stores the Sandbox partner and its customer, and <paramref name="subscriptions"/> (of that customer).</summary>
    public static async Task SeedSandboxAsync(EngineHost host, params LegacySubscription[] subscriptions)
    {
        await using var db = host.Store.NewContext();
        if (!await db.LegacyOffers.AnyAsync(Ct))
        {
            db.LegacyOffers.AddRange(A.Catalog.Select(o => o with { }));
        }

        db.Partners.Add(EngineHost.Sandbox);
        db.Customers.Add(EngineHost.SandboxCustomer);
        db.LegacySubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(Ct);
    }

    public static LegacySubscriptionBuilder SandboxSubscription() =>
        A.Subscription().OfCustomer(EngineHost.SandboxCustomer.TenantId).WithPartnerOfRecord(EngineHost.Sandbox.MpnId);

    public static async Task<Migration> StoredMigrationAsync(this EngineHost host, Guid id)
    {
        await using var db = host.Store.NewContext();
        return await db.MigrationsWithEvents.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
    }

    public static async Task<LegacySubscription> StoredLegacyAsync(this EngineHost host, Guid id)
    {
        await using var db = host.Store.NewContext();
        return await db.LegacySubscriptions.AsNoTracking().SingleAsync(s => s.Id == id, Ct);
    }
}
