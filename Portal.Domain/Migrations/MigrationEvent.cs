namespace Portal.Domain.Migrations;

/// <summary>The Migration Activity events Partner Center records, in the order they happen.</summary>
public enum MigrationEventName
{
    MigrationStarted,
    NewCommerceSubscriptionCreated,
    NewCommerceSubscriptionProvisioned,
    MigrationCompleted,
    MigrationFailed,
}

public sealed record MigrationEvent(
    Guid Id,
    Guid MigrationId,
    Guid CurrentSubscriptionId,
    MigrationEventName Name,
    DateTimeOffset CreatedAt,
    string? Detail = null);
