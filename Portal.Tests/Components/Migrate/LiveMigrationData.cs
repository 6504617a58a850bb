using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;

namespace Portal.Tests.Components.Migrate;

/// <summary>Migrations in flight and completed, stored in the running portal (its worker is off), for the live pages' tests.</summary>
public static class LiveMigrationData
{
    /// <summary>A Business Standard subscription and a migration of it requested 20 minutes ago (in progress), optionally in a batch.</summary>
    public static async Task<(Guid SubscriptionId, Guid MigrationId)> AddInFlightMigrationAsync(this PortalFactory factory, Guid customerId, string? batchId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var end = TermDates.EndInstant(TermDates.UtcDate(now).AddDays(100));
        var offer = DemoCatalog.BusinessStandard;
        var subscription = LegacySubscription.Create(
            Guid.NewGuid(), customerId, offer.Id, offer.Name, 20, TermDuration.P1Y, BillingCycle.Annual, end.AddDays(-365).AddSeconds(1), end, now.AddDays(-800), "");
        var line = new MigrationLine(subscription.Id, null, offer.Mapping!.CatalogItemId, MigrationTarget.CarryOver(subscription));
        var migration = Migration.Request(Guid.NewGuid(), customerId, [line], [subscription], now.AddMinutes(-20), batchId);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.Add(subscription);
        db.Migrations.Add(migration);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (subscription.Id, migration.Id);
    }

    /// <summary>Does what the engine does with a migration in flight: suspends, creates and provisions, completes (or fails).</summary>
    public static async Task FinishAsync(this PortalFactory factory, Guid migrationId, bool fail = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var migration = await db.MigrationsWithEvents.SingleAsync(m => m.Id == migrationId, TestContext.Current.CancellationToken);
        var ids = migration.Members.Select(m => m.LegacySubscriptionId).ToList();
        var members = await db.LegacySubscriptions.Where(s => ids.Contains(s.Id)).ToListAsync(TestContext.Current.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        if (fail)
        {
            migration.Fail(members, "900013", "Simulated failure for a test.", now);
        }
        else
        {
            migration.Begin(members);
            migration.RecordNceSubscriptionCreated(members[0].Id, Guid.NewGuid(), now);
            migration.RecordProvisioned(members[0].Id, now);
            migration.Complete(members, now);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
