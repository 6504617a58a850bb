using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Portal.Audit;
using Portal.Persistence;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Portal.Accounts.Entra;

/// <summary>
/// The portal's part of a sign-in with Microsoft (ADR-019). Identity.Web's OpenID Connect handler does the protocol
/// (state, nonce, PKCE, the code redeemed by MSAL, the ID token's signature, issuer, audience and lifetime) and signs the
/// Entra identity into Identity's short-lived external cookie. Here the token's tenant must be an active partner and its
/// object id a linked, enabled portal user of that partner; only then is the portal's own cookie issued (roles and
/// partner from the portal user, never from the token). Every refusal goes to the error page and signs nobody in.
/// </summary>
public sealed partial class EntraSignIn(
    IOptions<EntraOptions> options,
    PortalDbContext db,
    SignInManager<PortalUser> signIn,
    AuditLog audit,
    ILogger<EntraSignIn> logger)
{
    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>Maps the sign-in endpoints: start (a challenge of the handler) and complete (the portal user).</summary>
    public static IEndpointRouteBuilder MapEntraSignIn(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EntraOptions.SignInPath, (EntraSignIn entra, string? returnUrl) =>
            !entra.IsEnabled
                ? Results.NotFound()
                : Results.Challenge(
                    new AuthenticationProperties { RedirectUri = $"{EntraOptions.CompletePath}?returnUrl={Uri.EscapeDataString(EntraReturnUrl.Safe(returnUrl))}" },
                    [EntraOptions.Scheme]));
        endpoints.MapGet(EntraOptions.CompletePath, async (EntraSignIn entra, HttpContext http, string? returnUrl) =>
            !entra.IsEnabled ? Results.NotFound() : Results.LocalRedirect(await entra.CompleteAsync(http, returnUrl, http.RequestAborted)));
        return endpoints;
    }

    /// <summary>Finds the portal user of the Entra identity in the external cookie and signs them in; returns where to go.</summary>
    public async Task<string> CompleteAsync(HttpContext http, string? returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);

        // The external cookie is good for this one step, whatever happens next.
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal)
        {
            LogRefused(logger, EntraRefusals.Request, "no Entra identity from the handler in this browser");
            return EntraRefusals.ErrorPage(EntraRefusals.Request);
        }

        if (!Guid.TryParse(principal.GetTenantId(), out var tenantId) || !Guid.TryParse(principal.GetObjectId(), out var objectId))
        {
            LogRefused(logger, EntraRefusals.InvalidToken, "the ID token has no tenant id (tid) or object id (oid)");
            return EntraRefusals.ErrorPage(EntraRefusals.InvalidToken);
        }

        var username = principal.FindFirstValue("preferred_username") ?? principal.Identity?.Name;
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
        if (partner is null)
        {
            LogRefused(logger, EntraRefusals.UnknownTenant, $"tenant {tenantId}");
            return EntraRefusals.ErrorPage(EntraRefusals.UnknownTenant, tenantId);
        }

        if (!partner.IsActive)
        {
            LogRefused(logger, EntraRefusals.InactivePartner, $"tenant {tenantId}");
            return EntraRefusals.ErrorPage(EntraRefusals.InactivePartner, tenantId);
        }

        var normalized = EntraUserLinks.Normalize(objectId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.PartnerTenantId == partner.TenantId && u.EntraObjectId == normalized, cancellationToken);
        if (user is null)
        {
            await RecordRefusalAsync(partner.TenantId, normalized, username, EntraRefusals.Unmapped, "no portal user is linked to this account", cancellationToken);
            return EntraRefusals.ErrorPage(EntraRefusals.Unmapped, objectId: objectId);
        }

        if (user.IsDisabled)
        {
            await RecordRefusalAsync(partner.TenantId, normalized, username, EntraRefusals.Disabled, $"the linked user {user.Email} is disabled", cancellationToken);
            return EntraRefusals.ErrorPage(EntraRefusals.Disabled);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "entra");
        await audit.RecordAsync(user.PartnerTenantId, user.Email ?? user.UserName ?? "", "SignedIn", $"user {user.Email}", $"with Microsoft Entra ID as {username ?? normalized}", cancellationToken);
        return EntraReturnUrl.Safe(returnUrl);
    }

    /// <summary>
    /// The handler failed (state, correlation, the authority's error, the code, the token): the error page says which,
    /// in words; the details go to the log only.
    /// </summary>
    public static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reason = ReasonOf(context.Failure);
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<EntraSignIn>>();
        LogHandlerFailed(logger, reason, context.Failure?.GetType().Name ?? "", context.Failure?.Message ?? "");
        context.Response.Redirect(EntraRefusals.ErrorPage(reason));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>
    /// In the code flow the handler checks the ID token's nonce only if a nonce cookie of this browser matches it; a
    /// token carrying another nonce then passes with none (found by <c>EntraSignInTests</c>). The nonce this sign-in sent
    /// must come back (OpenID Connect Core 3.1.3.7, step 11).
    /// </summary>
    public static Task RequireTheNonceSentAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Nonce))
        {
            context.Fail(new OpenIdConnectProtocolInvalidNonceException("The ID token's nonce is not the one this sign-in sent."));
        }

        return Task.CompletedTask;
    }

    /// <summary>Which refusal an exception of the OpenID Connect handler (or of MSAL inside it) stands for.</summary>
    public static string ReasonOf(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => EntraRefusals.ExpiredToken,
        OpenIdConnectProtocolException e when e.Message.Contains("access_denied", StringComparison.Ordinal) => EntraRefusals.Authority,
        OpenIdConnectProtocolException e when e.Message.Contains("Message contains error", StringComparison.Ordinal) => EntraRefusals.Authority,
        SecurityTokenException or OpenIdConnectProtocolException => EntraRefusals.InvalidToken,
        MsalException or HttpRequestException => EntraRefusals.Redeem,
        InvalidOperationException e when e.Message.Contains("IDX20803", StringComparison.Ordinal) => EntraRefusals.Unavailable,
        AuthenticationFailureException e when e.Message.StartsWith("Access was denied", StringComparison.Ordinal) => EntraRefusals.Authority,
        AuthenticationFailureException e when e.InnerException is { } inner => ReasonOf(inner),
        _ => EntraRefusals.Request, // correlation failed, state missing or unreadable: not this browser's sign-in
    };

    /// <summary>Refusals inside a registered partner go to its audit log too, so its Global admin sees who tried.</summary>
    private async Task RecordRefusalAsync(Guid partnerTenantId, string objectId, string? username, string reason, string why, CancellationToken cancellationToken)
    {
        LogRefused(logger, reason, why);
        await audit.RecordAsync(partnerTenantId, username ?? objectId, "EntraSignInRefused", $"Entra user {objectId}", why, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra sign-in refused ({Reason}): {Problem}")]
    private static partial void LogRefused(ILogger logger, string reason, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra sign-in refused ({Reason}) by the OpenID Connect handler: {Exception}: {Problem}")]
    private static partial void LogHandlerFailed(ILogger logger, string reason, string exception, string problem);
}
