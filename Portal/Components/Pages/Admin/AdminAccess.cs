using Microsoft.AspNetCore.Authorization;
using Portal.Accounts;
using Portal.Domain.Common;

namespace Portal.Components.Pages.Admin;

/// <summary>
/// The admin pages' actions check the policy again in the circuit (the page's <c>[Authorize]</c> ran when it opened;
/// a role changed since then must not keep acting), and run one at a time.
/// </summary>
public static class AdminAccess
{
    public static readonly Outcome Refused = Outcome.Refused("Forbidden", "Only a Global admin may change users and API keys.");

    /// <summary>Whether the signed-in user may still administer the partner (<see cref="PolicyCheck"/>).</summary>
    public static Task<bool> MayAdministerAsync(this IAuthorizationService authorization, CurrentPartner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return authorization.AllowsAsync(partner.User, PortalPolicies.Administer);
    }
}
