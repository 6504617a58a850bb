namespace Portal.Audit;

/// <summary>One line of the append-only audit log: who did what, to what, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public Guid PartnerTenantId { get; init; }

    /// <summary>The user or API key that acted; "system" for the engine and Microsoft-led work.</summary>
    public string Actor { get; init; } = "";

    public string Action { get; init; } = "";

    /// <summary>What was acted on, e.g. "migration 3f2c…" or "user ana@contoso.example".</summary>
    public string Target { get; init; } = "";

    public string? Detail { get; init; }

    public DateTimeOffset At { get; init; }
}
