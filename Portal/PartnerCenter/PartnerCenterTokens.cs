using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using Portal.Accounts.Entra;

namespace Portal.PartnerCenter;

/// <summary>
/// Access tokens for Partner Center through Microsoft.Identity.Web's token acquisition (ADR-019), cached in the
/// distributed token cache in the database, so every instance reuses them and MSAL renews them before they expire:
/// <list type="bullet">
/// <item>app-only (client credentials) with the <c>PartnerCenter</c> app registration;</item>
/// <item>app+user when <see cref="PartnerCenterOptions.UserObjectId"/> is set: the tokens of that partner user, who signed
/// in to the portal with Microsoft (same app registration as <c>Entra</c>) and consented to Partner Center's scope; MSAL
/// refreshes them from the cached refresh token, on any instance, with nobody signed in.</item>
/// </list>
/// </summary>
public sealed class PartnerCenterTokens(IOptions<PartnerCenterOptions> options, IServiceProvider services)
{
    /// <summary>The name of the app-only application options (<see cref="MicrosoftIdentityApplicationOptions"/>).</summary>
    public const string AppOnly = "PartnerCenter";

    private int _forceRefresh;

    /// <summary>A valid access token; from the token cache unless it expires within MSAL's five minutes or was refused.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        var forceRefresh = Interlocked.Exchange(ref _forceRefresh, 0) == 1;
        try
        {
            if (value.IsAppPlusUser)
            {
                var user = ClaimsPrincipalFactory.FromHomeTenantIdAndHomeObjectId(value.UserTenantId!, value.UserObjectId!);
                return await services.GetRequiredService<ITokenAcquisition>().GetAccessTokenForUserAsync(
                    [value.UserScope], EntraOptions.Scheme, tenantId: value.UserTenantId, userFlow: null, user: user,
                    tokenAcquisitionOptions: new TokenAcquisitionOptions { ForceRefresh = forceRefresh, CancellationToken = cancellationToken });
            }

            if (!value.IsConfigured)
            {
                throw new PartnerCenterException("Partner Center is not configured: set PartnerCenter:TenantId, PartnerCenter:ClientId and PartnerCenter:ClientSecret.");
            }

            var acquirer = services.GetRequiredService<ITokenAcquirerFactory>().GetTokenAcquirer(AppOnly);
            var result = await acquirer.GetTokenForAppAsync(value.Scope, new AcquireTokenOptions { ForceRefresh = forceRefresh }, cancellationToken);
            return result.AccessToken ?? throw new PartnerCenterException("Microsoft Entra ID answered without a Partner Center access token.");
        }
        catch (Exception e) when (e is MsalUiRequiredException or MicrosoftIdentityWebChallengeUserException)
        {
            throw new PartnerCenterException(
                $"No Partner Center token for the partner user {value.UserObjectId} (app+user): they have not signed in to this portal with Microsoft and consented to {value.UserScope}, or must sign in again: {e.Message}", e);
        }
        catch (MsalException e)
        {
            throw new PartnerCenterException(
                $"No Partner Center token from Microsoft Entra ID ({(value.IsAppPlusUser ? "app+user" : "app-only")}): {e.ErrorCode}: {e.Message}", e);
        }
    }

    /// <summary>Partner Center answered 401 (revoked, or expired early): the next token is fetched anew.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _forceRefresh, 1);
}
