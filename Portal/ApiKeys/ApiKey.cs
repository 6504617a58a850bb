namespace Portal.ApiKeys;

/// <summary>A key an API-enabled partner sends as a bearer token. Only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; init; }

    public Guid PartnerTenantId { get; init; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, shown so a person can tell keys apart.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>SHA-256 of the whole key, hex encoded.</summary>
    public string SecretHash { get; init; } = "";

    /// <summary>The role the key acts with.</summary>
    public string Role { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}
