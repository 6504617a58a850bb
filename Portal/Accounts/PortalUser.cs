using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>A person who signs in to the portal. Every user belongs to exactly one partner organization.</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public Guid PartnerTenantId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone the user sees times in; UTC when unset.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>A disabled user cannot sign in; users are disabled rather than deleted so the audit log keeps its names.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Object id of the user's Microsoft Entra ID account, when linked.</summary>
    public string? EntraObjectId { get; set; }
}

public sealed class PortalRole : IdentityRole<Guid>
{
    public PortalRole()
    {
    }

    public PortalRole(string name)
        : base(name)
    {
        Id = Guid.NewGuid();
        NormalizedName = name.ToUpperInvariant();
    }
}
