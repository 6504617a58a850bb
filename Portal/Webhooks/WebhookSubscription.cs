namespace Portal.Webhooks;

/// <summary>An endpoint a Global admin registered to hear about migration events.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; }

    public Guid PartnerTenantId { get; init; }

    public string Url { get; set; } = "";

    /// <summary>Event names, comma separated (e.g. "MigrationCreated,MigrationCompleted").</summary>
    public string Events { get; set; } = "";

    /// <summary>The signing secret, protected at rest; shown to the admin once.</summary>
    public string ProtectedSecret { get; init; } = "";

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }
}
