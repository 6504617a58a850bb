namespace Portal.Migrations.Wizard;

/// <summary>What a draft is for: the step-by-step wizard for one subscription, or a bulk migration.</summary>
public enum DraftKind
{
    Wizard,
    Bulk,
}

/// <summary>
/// The server-side state of a migration wizard or bulk migration while a person fills it in (ADR-012). Owned by
/// one user of one partner; nobody else sees it. Versioned: every save bumps <see cref="Version"/>, and a form
/// posted from an older version is merged only when the sections it changes were not changed since.
/// </summary>
public sealed class MigrationDraft
{
    public Guid Id { get; init; }

    public Guid PartnerTenantId { get; init; }

    public Guid OwnerUserId { get; init; }

    public DraftKind Kind { get; init; }

    /// <summary>The customer of a wizard or of a one-customer bulk migration; null for a bulk migration across customers.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>The legacy subscription the wizard was opened for.</summary>
    public Guid? SubscriptionId { get; init; }

    /// <summary>The draft's choices as JSON (<see cref="DraftContent"/> or <see cref="BulkContent"/>).</summary>
    public string Content { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set while one request submits the draft, so a second submit waits for it instead of submitting again.</summary>
    public DateTimeOffset? SubmittingSince { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The migration the submission created (migrate now).</summary>
    public Guid? MigrationId { get; set; }

    /// <summary>The schedule the submission created (on a date or on renewal).</summary>
    public Guid? ScheduleId { get; set; }

    /// <summary>The batch (Partner Center's externalReferenceId) of a submitted bulk migration.</summary>
    public string? BatchId { get; set; }

    /// <summary>Bumped by every save (see PortalDbContext); a concurrency token.</summary>
    public int Version { get; set; }

    public bool IsSubmitted => SubmittedAt is not null;
}
