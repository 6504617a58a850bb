using System.Security.Claims;

namespace Portal.Accounts;

/// <summary>
/// The partner organization the current request acts for, from the signed-in user's claims. Every query and
/// command of a request is scoped to it; an id of another partner is treated exactly like a missing one.
/// </summary>
public sealed class CurrentPartner(IHttpContextAccessor accessor, CircuitUser circuit)
{
    /// <summary>The circuit's user on an interactive page; the request's user everywhere else.</summary>
    public ClaimsPrincipal User => circuit.User ?? accessor.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The partner's tenant id; throws when nobody is signed in (pages that need it require a policy).</summary>
    public Guid TenantId => TryGetTenantId(User) ?? throw new InvalidOperationException("No partner: the request is not signed in.");

    public string DisplayName => User.FindFirstValue(PortalClaims.DisplayName) ?? User.Identity?.Name ?? "";

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public TimeZoneInfo TimeZone => Domain.Time.PartnerTime.FindZone(User.FindFirstValue(PortalClaims.TimeZone)) ?? TimeZoneInfo.Utc;

    public static Guid? TryGetTenantId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.PartnerTenantId), out var id) ? id : null;
}
