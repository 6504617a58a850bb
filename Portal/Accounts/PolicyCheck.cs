using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Accounts;

/// <summary>
/// A circuit's second check of a policy before a desk command runs: the page's <c>[Authorize]</c> or the form's
/// <c>AuthorizeView</c> ran when it was drawn, and a role changed since must not keep acting.
/// </summary>
public static class PolicyCheck
{
    /// <summary>True when <paramref name="user"/> meets <paramref name="policy"/> now.</summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal? user, string policy)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return user is not null && (await authorization.AuthorizeAsync(user, resource: null, policy)).Succeeded;
    }

    /// <summary>True when the signed-in user of <paramref name="authentication"/> meets <paramref name="policy"/> now.</summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, Task<AuthenticationState>? authentication, string policy) =>
        authentication is not null && await authorization.AllowsAsync((await authentication).User, policy);
}
