using System.Globalization;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Engine;
using Portal.Notifications;
using Portal.Persistence;

namespace Portal.Webhooks;

/// <summary>
/// What the engine's events leave behind, inside the engine's own unit of work (so they are saved atomically with
/// the change): webhook deliveries in the outbox for every event, and a portal notification for failed migrations
/// and failed schedules.
/// </summary>
public sealed class WebhookEngineEvents(WebhookOutbox outbox, TimeProvider time) : IEngineEvents
{
    public void MigrationCreated(PortalDbContext db, Migration migration) =>
        outbox.Enqueue(db, PartnerOf(db, migration.CustomerId).PartnerTenantId, WebhookEventTypes.MigrationCreated, MigrationEventPayloads.Of(migration));

    public void MigrationCompleted(PortalDbContext db, Migration migration) =>
        outbox.Enqueue(db, PartnerOf(db, migration.CustomerId).PartnerTenantId, WebhookEventTypes.MigrationCompleted, MigrationEventPayloads.Of(migration));

    public void MigrationFailed(PortalDbContext db, Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var customer = PartnerOf(db, migration.CustomerId);
        outbox.Enqueue(db, customer.PartnerTenantId, WebhookEventTypes.MigrationFailed, MigrationEventPayloads.Of(migration));
        var next = migration.Phase == MigrationPhase.FailedLegacySuspended
            ? $"The legacy subscription stays suspended until the migration is completed or reverted, at the latest by {Utc(migration.ResolutionDeadline)}."
            : "The legacy subscription is still active and billed: retry the migration, or cancel the legacy subscription.";
        PortalNotifications.Add(
            db,
            customer.PartnerTenantId,
            PortalNotification.MigrationFailedKind,
            $"Migration failed for {customer.Name}",
            $"The migration of {SubscriptionName(db, migration.CurrentSubscriptionId)} failed ({migration.ErrorCode}: {migration.ErrorDescription}). {next}",
            $"migrations/{migration.Id}",
            time.GetUtcNow());
    }

    public void ScheduleFailed(PortalDbContext db, MigrationSchedule schedule, string code, string description)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var customer = PartnerOf(db, schedule.CustomerId);
        outbox.Enqueue(db, customer.PartnerTenantId, WebhookEventTypes.ScheduleFailed, MigrationEventPayloads.Of(schedule, code, description));
        PortalNotifications.Add(
            db,
            customer.PartnerTenantId,
            PortalNotification.ScheduleFailedKind,
            $"Scheduled migration failed for {customer.Name}",
            $"The {(schedule.IsMicrosoftLed ? "Microsoft-led " : "")}schedule of {SubscriptionName(db, schedule.SubscriptionId)} did not run ({code}: {description}). "
                + "The legacy subscription is unchanged; fix the cause, then migrate or schedule it again.",
            $"schedules/{schedule.Id}",
            time.GetUtcNow());
    }

    private static Customer PartnerOf(PortalDbContext db, Guid customerId) =>
        db.Customers.Find(customerId) ?? throw new InvalidOperationException($"Customer {customerId} of an engine event does not exist.");

    /// <summary>"Office 365 E3 (subscription {id})": the name a partner knows, and the id to search by.</summary>
    private static string SubscriptionName(PortalDbContext db, Guid subscriptionId) =>
        db.LegacySubscriptions.Find(subscriptionId) is { } legacy ? $"{legacy.FriendlyName} (subscription {subscriptionId})" : $"subscription {subscriptionId}";

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
