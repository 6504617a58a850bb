namespace Portal.Notifications;

/// <summary>Something the partner's people should see in the portal: a failed migration or a failed schedule.</summary>
public sealed class PortalNotification
{
    public const string MigrationFailedKind = "MigrationFailed";
    public const string ScheduleFailedKind = "ScheduleFailed";

    public Guid Id { get; init; }

    public Guid PartnerTenantId { get; init; }

    public string Kind { get; init; } = "";

    public string Title { get; init; } = "";

    public string Message { get; init; } = "";

    /// <summary>A portal-relative link to what the notification is about, e.g. <c>customers/{id}</c>.</summary>
    public string? Link { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}
