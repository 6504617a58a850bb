using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;

namespace Portal.Tests.Web.Migrate;

/// <summary>A failed migration of a customer's own Business Standard subscription, stored in the running portal (its worker is off).</summary>
public sealed record FailedMigration(Guid CustomerId, Guid SubscriptionId, Guid MigrationId)
{
    public string StatusPage => $"/migrations/{MigrationId}";

    public string SubscriptionPage => $"/customers/{CustomerId}/subscriptions/{SubscriptionId}";
}

public static class FailedMigrationData
{
    /// <summary>Adds a subscription and a migration of it that failed ten minutes ago, in <paramref name="phase"/>.</summary>
    public static async Task<FailedMigration> AddFailedMigrationAsync(this PortalFactory factory, Guid customerId, MigrationPhase phase)
    {
        var now = DateTimeOffset.UtcNow;
        var end = TermDates.EndInstant(TermDates.UtcDate(now).AddDays(100));
        var offer = DemoCatalog.BusinessStandard;
        var subscription = LegacySubscription.Create(
            Guid.NewGuid(), customerId, offer.Id, offer.Name, 20, TermDuration.P1Y, BillingCycle.Annual, end.AddDays(-365).AddSeconds(1), end, now.AddDays(-800), "");
        var line = new MigrationLine(subscription.Id, null, offer.Mapping!.CatalogItemId, MigrationTarget.CarryOver(subscription));
        // Requested and failed earlier today (UTC): a migration from before midnight would count in yesterday's figures,
        // and on a Monday in last week's (the dashboard's tests failed so in a run just after midnight).
        var requestedAt = now.AddMinutes(-20) < TermDates.StartInstant(TermDates.UtcDate(now)) ? TermDates.StartInstant(TermDates.UtcDate(now)) : now.AddMinutes(-20);
        var failedAt = requestedAt + ((now - requestedAt) / 2);
        var migration = Migration.Request(Guid.NewGuid(), customerId, [line], [subscription], requestedAt);
        if (phase == MigrationPhase.FailedLegacySuspended)
        {
            migration.Begin([subscription]);
        }

        migration.Fail([subscription], "900013", "Simulated failure for a test.", failedAt);
        Assert.Equal(phase, migration.Phase);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.Add(subscription);
        db.Migrations.Add(migration);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new FailedMigration(customerId, subscription.Id, migration.Id);
    }

    public static async Task MakeSandboxAsync(this PortalFactory factory, Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Partners.Where(p => p.TenantId == partnerTenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Environment, PartnerEnvironment.Sandbox), TestContext.Current.CancellationToken);
    }

    public static async Task<LegacySubscription> LegacyAsync(this PortalFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().LegacySubscriptions.AsNoTracking().SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
    }

    public static async Task<Migration> MigrationAsync(this PortalFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().MigrationsWithEvents.AsNoTracking().SingleAsync(m => m.Id == id, TestContext.Current.CancellationToken);
    }

    public static async Task<int> MigrationCountAsync(this PortalFactory factory, Guid subscriptionId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations.CountAsync(m => m.Members.Any(x => x.LegacySubscriptionId == subscriptionId), TestContext.Current.CancellationToken);
    }
}
