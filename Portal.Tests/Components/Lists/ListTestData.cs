using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Lists;

/// <summary>Migrations and notifications stored for a test partner's customer in the running portal (its engine is off).</summary>
public static class ListTestData
{
    /// <summary>A migration of a new Business Standard subscription of <paramref name="customerId"/>, requested at <paramref name="requestedAt"/>, left in <paramref name="phase"/>.</summary>
    public static async Task<Migration> AddMigrationAsync(this PortalFactory factory, Guid customerId, MigrationPhase phase, DateTimeOffset requestedAt, string? batch = null, bool microsoftLed = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var offer = DemoCatalog.BusinessStandard;
        var subscription = WizardData.Legacy(customerId, offer, 20);
        var line = new MigrationLine(subscription.Id, null, offer.Mapping!.CatalogItemId, MigrationTarget.CarryOver(subscription));
        var migration = Migration.Request(Guid.NewGuid(), customerId, [line], [subscription], requestedAt, batch, microsoftLed);
        switch (phase)
        {
            case MigrationPhase.Completed:
                migration.Begin([subscription]);
                migration.RecordNceSubscriptionCreated(subscription.Id, Guid.NewGuid(), requestedAt.AddMinutes(1));
                migration.RecordProvisioned(subscription.Id, requestedAt.AddMinutes(2));
                migration.Complete([subscription], requestedAt.AddMinutes(3));
                break;
            case MigrationPhase.FailedLegacyActive:
                migration.Fail([subscription], "900013", "Simulated failure for a test.", requestedAt.AddMinutes(1));
                break;
        }

        Assert.Equal(phase, migration.Phase);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.Add(subscription);
        db.Migrations.Add(migration);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return migration;
    }

    public static async Task AddSubscriptionsAsync(this PortalFactory factory, params LegacySubscription[] subscriptions)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<Guid> AddNotificationAsync(this PortalFactory factory, Guid partnerTenantId, string title, Guid customerId, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        PortalNotifications.Add(db, partnerTenantId, PortalNotification.MigrationFailedKind, title, "It failed.", $"customers/{customerId}", at ?? DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return db.Notifications.Local.Single().Id;
    }
}
