namespace Portal.Migrations;

/// <summary>
/// Who asks for a migration and how: the actor written to the audit log (a user's name, "api key …", "system"),
/// the partner's own reference, an idempotency key (per partner: the same key twice answers the first
/// migration), and whether Microsoft made it.
/// </summary>
public sealed record MigrationOrigin(string Actor, string? ExternalReferenceId = null, string? IdempotencyKey = null, bool IsMicrosoftLed = false);

/// <summary>Remembers which migration an idempotency key created, per partner (unique on the pair).</summary>
public sealed class MigrationRequestKey
{
    public const int MaxKeyLength = 100;

    public Guid PartnerTenantId { get; init; }

    public string IdempotencyKey { get; init; } = "";

    public Guid MigrationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
