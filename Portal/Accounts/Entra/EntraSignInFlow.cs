using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Portal.Audit;
using Portal.Persistence;

namespace Portal.Accounts.Entra;

/// <summary>
/// What the sign-in page remembers between sending the browser to Microsoft and its return: kept in a short-lived,
/// HTTP-only cookie protected with ASP.NET Core Data Protection (encrypted and signed, time-limited).
/// </summary>
public sealed record EntraPendingSignIn(string State, string Nonce, string CodeVerifier, string ReturnUrl, string RedirectUri);

/// <summary>
/// Organizational sign-in (ADR-006): MSAL's authorization-code flow with PKCE, our own ID-token validation, then the
/// partner organization of the token's tenant and the portal user linked to the token's object id, signed in with the
/// portal's own Identity cookie. Every refusal sends the browser to the error page and signs nobody in.
/// </summary>
public sealed partial class EntraSignInFlow(
    IOptions<EntraOptions> options,
    EntraMsalClients msal,
    EntraIdTokenValidator validator,
    IDataProtectionProvider dataProtection,
    PortalDbContext db,
    SignInManager<PortalUser> signIn,
    AuditLog audit,
    ILogger<EntraSignInFlow> logger)
{
    public const string CookieName = "portal.entra";

    /// <summary>How long a person has to finish signing in at Microsoft.</summary>
    public static readonly TimeSpan RequestLifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("Portal.Accounts.Entra.PendingSignIn").ToTimeLimitedDataProtector();

    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>Remembers a new sign-in request in the cookie and returns Microsoft's authorize address to send the browser to.</summary>
    public async Task<Uri> StartAsync(HttpContext http, string? returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var redirectUri = RedirectUriFor(http.Request);
        var state = RandomToken();
        var nonce = RandomToken();
        var authorize = await msal.Create(redirectUri)
            .GetAuthorizationRequestUrl(options.Value.ScopeList)
            .WithPkce(out var codeVerifier)
            .WithExtraQueryParameters(new Dictionary<string, (string, bool)>
            {
                ["state"] = (state, false),
                ["nonce"] = (nonce, false),
            })
            .ExecuteAsync(cancellationToken);

        var pending = new EntraPendingSignIn(state, nonce, codeVerifier, EntraReturnUrl.Safe(returnUrl), redirectUri.AbsoluteUri);
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(pending), RequestLifetime), CookieOptions(http, RequestLifetime));
        LogStarted(logger, redirectUri);

        // MSAL leaves the spaces between scopes unescaped; AbsoluteUri escapes them for the Location header.
        return new Uri(authorize.AbsoluteUri);
    }

    /// <summary>Completes a sign-in on Microsoft's answer; returns the local address to send the browser to.</summary>
    public async Task<string> CompleteAsync(HttpContext http, string? code, string? state, string? error, string? errorDescription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);

        // The request cookie is good for one answer only, whatever happens next.
        var pending = ReadPending(http);
        http.Response.Cookies.Delete(CookieName, CookieOptions(http, null));

        if (pending is null || string.IsNullOrEmpty(state) || !FixedTimeEquals(state, pending.State))
        {
            LogRefused(logger, EntraRefusals.Request, pending is null ? "no valid sign-in request cookie" : "the state does not match the request");
            return EntraRefusals.ErrorPage(EntraRefusals.Request);
        }

        if (!string.IsNullOrEmpty(error))
        {
            LogRefused(logger, EntraRefusals.Authority, $"{error}: {errorDescription}");
            return EntraRefusals.ErrorPage(EntraRefusals.Authority);
        }

        if (string.IsNullOrEmpty(code))
        {
            LogRefused(logger, EntraRefusals.Request, "the answer carries no code");
            return EntraRefusals.ErrorPage(EntraRefusals.Request);
        }

        AuthenticationResult tokens;
        try
        {
            tokens = await msal.Create(new Uri(pending.RedirectUri))
                .AcquireTokenByAuthorizationCode(options.Value.ScopeList, code)
                .WithPkceCodeVerifier(pending.CodeVerifier)
                .ExecuteAsync(cancellationToken);
        }
        catch (MsalException ex)
        {
            LogRedeemFailed(logger, ex.ErrorCode, ex);
            return EntraRefusals.ErrorPage(EntraRefusals.Redeem);
        }
        catch (HttpRequestException ex)
        {
            LogRedeemFailed(logger, "http", ex);
            return EntraRefusals.ErrorPage(EntraRefusals.Redeem);
        }

        EntraIdTokenCheck check;
        try
        {
            check = await validator.ValidateAsync(tokens.IdToken, pending.Nonce, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // The discovery document or the signing keys could not be fetched (IDX20803): nothing can be verified.
            LogKeysUnavailable(logger, ex);
            return EntraRefusals.ErrorPage(EntraRefusals.Unavailable);
        }

        if (check.Identity is not { } identity)
        {
            LogRefused(logger, check.Refusal!, check.Problem ?? "");
            return EntraRefusals.ErrorPage(check.Refusal!);
        }

        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == identity.TenantId, cancellationToken);
        if (partner is null)
        {
            LogRefused(logger, EntraRefusals.UnknownTenant, $"tenant {identity.TenantId}");
            return EntraRefusals.ErrorPage(EntraRefusals.UnknownTenant, identity.TenantId);
        }

        if (!partner.IsActive)
        {
            LogRefused(logger, EntraRefusals.InactivePartner, $"tenant {identity.TenantId}");
            return EntraRefusals.ErrorPage(EntraRefusals.InactivePartner, identity.TenantId);
        }

        var objectId = EntraUserLinks.Normalize(identity.ObjectId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.PartnerTenantId == partner.TenantId && u.EntraObjectId == objectId, cancellationToken);
        if (user is null)
        {
            await RecordRefusalAsync(partner.TenantId, identity, EntraRefusals.Unmapped, "no portal user is linked to this account", cancellationToken);
            return EntraRefusals.ErrorPage(EntraRefusals.Unmapped, objectId: identity.ObjectId);
        }

        if (user.IsDisabled)
        {
            await RecordRefusalAsync(partner.TenantId, identity, EntraRefusals.Disabled, $"the linked user {user.Email} is disabled", cancellationToken);
            return EntraRefusals.ErrorPage(EntraRefusals.Disabled);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "entra");
        await audit.RecordAsync(user.PartnerTenantId, user.Email ?? user.UserName ?? "", "SignedIn", $"user {user.Email}", $"with Microsoft Entra ID as {identity.Username ?? objectId}", cancellationToken);
        return pending.ReturnUrl;
    }

    private EntraPendingSignIn? ReadPending(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } protectedValue)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EntraPendingSignIn>(_protector.Unprotect(protectedValue, out _));
        }
        catch (CryptographicException)
        {
            // Tampered with, made by another key ring, or older than RequestLifetime.
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Refusals inside a registered partner go to its audit log too, so its Global admin sees who tried.</summary>
    private async Task RecordRefusalAsync(Guid partnerTenantId, EntraIdentity identity, string reason, string why, CancellationToken cancellationToken)
    {
        LogRefused(logger, reason, why);
        await audit.RecordAsync(partnerTenantId, identity.Username ?? EntraUserLinks.Normalize(identity.ObjectId), "EntraSignInRefused", $"Entra user {EntraUserLinks.Normalize(identity.ObjectId)}", why, cancellationToken);
    }

    private Uri RedirectUriFor(HttpRequest request) =>
        !string.IsNullOrWhiteSpace(options.Value.RedirectUri)
            ? new Uri(options.Value.RedirectUri)
            : new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{EntraOptions.CallbackPath}");

    private static CookieOptions CookieOptions(HttpContext http, TimeSpan? maxAge) => new()
    {
        Path = "/account/entra",
        HttpOnly = true,
        IsEssential = true,

        // Lax: the cookie comes back on Microsoft's top-level GET redirect to the callback.
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        MaxAge = maxAge,
    };

    private static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    [LoggerMessage(Level = LogLevel.Information, Message = "Entra sign-in started; the callback is {RedirectUri}")]
    private static partial void LogStarted(ILogger logger, Uri redirectUri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra sign-in refused ({Reason}): {Problem}")]
    private static partial void LogRefused(ILogger logger, string reason, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entra sign-in refused: the authority's discovery document or signing keys could not be fetched")]
    private static partial void LogKeysUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra sign-in refused: the authority did not redeem the code ({ErrorCode})")]
    private static partial void LogRedeemFailed(ILogger logger, string errorCode, Exception exception);
}
