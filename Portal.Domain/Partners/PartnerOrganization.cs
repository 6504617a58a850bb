namespace Portal.Domain.Partners;

public enum PartnerEnvironment
{
    Production,
    Sandbox,
}

/// <summary>A Cloud Solution Provider partner organization (a Partner Center account).</summary>
public sealed record PartnerOrganization
{
    public required Guid TenantId { get; init; }

    public required string Name { get; init; }

    /// <summary>The partner's MPN id (PartnerId in Partner Center's exports).</summary>
    public required string MpnId { get; init; }

    public bool ProfileComplete { get; init; } = true;

    public bool IsActive { get; init; } = true;

    public PartnerEnvironment Environment { get; init; } = PartnerEnvironment.Production;

    public bool IsSandbox => Environment == PartnerEnvironment.Sandbox;
}
