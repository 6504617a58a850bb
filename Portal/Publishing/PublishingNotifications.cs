using Portal.Domain.Publishing;
using Portal.Notifications;
using Portal.Persistence;

namespace Portal.Publishing;

/// <summary>
/// Publisher notifications also go to the portal's notification list (issue 12): each message a run records for the
/// publishing account's owner (completed, or failed and reverted) becomes a portal notification of the partner, saved
/// with the run, linking to the publisher's status page.
/// </summary>
public static class PublishingNotifications
{
    public const string CompletedKind = "PublisherMigrationCompleted";
    public const string FailedKind = "PublisherMigrationFailed";

    /// <summary>Adds (without saving) a portal notification for each publisher notification after the first <paramref name="alreadyNotified"/>.</summary>
    public static void AddNew(PortalDbContext unitOfWork, Guid partnerTenantId, PublisherMigration migration, int alreadyNotified)
    {
        ArgumentNullException.ThrowIfNull(migration);
        foreach (var notification in migration.Notifications.Skip(alreadyNotified))
        {
            PortalNotifications.Add(
                unitOfWork,
                partnerTenantId,
                notification.Kind == PublisherNotificationKind.Completed ? CompletedKind : FailedKind,
                notification.Subject,
                notification.Text,
                PublishingPages.StatusPage(notification.PublisherId).TrimStart('/'),
                notification.At);
        }
    }
}
