using Microsoft.EntityFrameworkCore;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Engine.Simulation;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>
/// Issue 14: one pass advances several customers' migrations at once (ADR-027), and still moves each migration exactly
/// once: the same events, New Commerce subscriptions and billing as one step after another.
/// </summary>
public class ParallelStepsTests(PostgresServer postgres)
{
    private const int PerCustomer = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 1)]
    [InlineData(DatabaseProvider.Sqlite, 8)]
    [InlineData(DatabaseProvider.PostgreSQL, 1)]
    [InlineData(DatabaseProvider.PostgreSQL, 8)]
    public async Task One_pass_with_zero_step_delays_completes_every_customers_migrations_each_exactly_once(DatabaseProvider provider, int parallelSteps)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Engine:Simulation:BeginAfter"] = "00:00:00",
            ["Engine:Simulation:CreateAfter"] = "00:00:00",
            ["Engine:Simulation:ProvisionAfter"] = "00:00:00",
            ["Engine:Simulation:CompleteAfter"] = "00:00:00",
            ["Engine:Worker:MaxParallelSteps"] = parallelSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var subscriptions = new[] { A.CustomerTenantId, OtherCustomer.TenantId }
            .SelectMany(customer => Enumerable.Range(0, PerCustomer).Select(i =>
                A.Subscription().OfCustomer(customer).Of(A.Office365E3).Named($"E3 {i}").Build()))
            .ToArray();
        await SeedAsync(host.Store, subscriptions);
        foreach (var subscription in subscriptions)
        {
            var answer = await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
                d.CreateAsync(A.PartnerTenantId, subscription.CustomerId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana@contoso.example"), Ct));
            Assert.True(answer.IsDone, string.Join(" ", answer.Errors.Select(e => e.Description)));
        }

        var report = await host.PassAsync();

        Assert.Equal(subscriptions.Length, report.MigrationsAdvanced);
        Assert.True(report.DidWork);
        await using var db = host.Store.NewContext();
        var migrations = await db.MigrationsWithEvents.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(subscriptions.Length, migrations.Count);
        Assert.All(migrations, m => Assert.Equal(
            [MigrationEventName.MigrationStarted, MigrationEventName.NewCommerceSubscriptionCreated, MigrationEventName.NewCommerceSubscriptionProvisioned, MigrationEventName.MigrationCompleted],
            m.Events.Select(e => e.Name)));
        var nce = await db.NceSubscriptions.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(subscriptions.Select(s => s.Id).Order(), nce.Select(n => n.MigratedFromSubscriptionId!.Value).Order());
        Assert.Equal(subscriptions.Length, await db.LegacySubscriptions.CountAsync(s => s.Status == LegacySubscriptionStatus.Migrated, Ct));
        var ledger = await StoredLedger.ReadAsync(db, subscriptions.Select(s => s.Id).ToList(), Ct);
        foreach (var subscription in subscriptions)
        {
            var created = nce.Single(n => n.MigratedFromSubscriptionId == subscription.Id);
            Assert.Empty(ledger.DaysBilledTwice(subscription.Id, created.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)));
        }

        // Nothing left: the next pass finds no work, so the worker waits its poll interval again.
        Assert.False((await host.PassAsync()).DidWork);
        Assert.Empty(await db.WorkClaims.AsNoTracking().ToListAsync(Ct));
    }
}
