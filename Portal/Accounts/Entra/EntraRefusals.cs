using System.Globalization;

namespace Portal.Accounts.Entra;

/// <summary>
/// Why a sign-in with Microsoft was refused, as the error page's <c>reason</c> names it, and the message people see.
/// Nothing is ever signed in when a sign-in is refused.
/// </summary>
public static class EntraRefusals
{
    /// <summary>No matching sign-in request from this browser (missing, expired or foreign cookie, or another state).</summary>
    public const string Request = "request";

    /// <summary>The authority answered with an error (the person cancelled, or their organization refused).</summary>
    public const string Authority = "authority";

    /// <summary>The authority did not accept the code (used, expired, or the PKCE verifier did not match).</summary>
    public const string Redeem = "redeem";

    /// <summary>The ID token's signature, issuer, audience or nonce is wrong.</summary>
    public const string InvalidToken = "token";

    public const string ExpiredToken = "expired";

    /// <summary>The authority's discovery document or signing keys could not be fetched, so nothing could be verified.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The token's tenant is no partner organization of the portal.</summary>
    public const string UnknownTenant = "unknown-tenant";

    public const string InactivePartner = "inactive-partner";

    /// <summary>The partner has no portal user linked to this Entra object id.</summary>
    public const string Unmapped = "unmapped";

    public const string Disabled = "disabled";

    public static string Title(string? reason) => reason switch
    {
        UnknownTenant => "Organization not registered",
        Unmapped => "No portal role for your account",
        Disabled => "Account disabled",
        _ => "Sign-in with Microsoft did not complete",
    };

    /// <summary>What went wrong and what to do, for the person signing in.</summary>
    public static string Message(string? reason, Guid? tenantId, Guid? objectId) => reason switch
    {
        Request => "This sign-in could not be matched to a request from this browser: it may have taken longer than 10 minutes, or started in another browser or tab. Nothing was signed in. Start again.",
        Authority => "Microsoft did not complete the sign-in: it was cancelled, or your organization did not allow it. Nothing was signed in.",
        Redeem => "Microsoft did not accept this sign-in's answer (it was already used or has expired). Nothing was signed in. Start again.",
        InvalidToken => "The sign-in token from Microsoft could not be verified: it is not signed by Microsoft Entra ID, or it was not issued for this portal and this sign-in. Nothing was signed in.",
        ExpiredToken => "The sign-in token from Microsoft has expired. Nothing was signed in. Start again.",
        Unavailable => "The portal could not reach Microsoft Entra ID to verify the sign-in. Nothing was signed in. Try again in a few minutes.",
        UnknownTenant => string.Create(CultureInfo.InvariantCulture, $"Your organization{Tenant(tenantId)} is not registered with the portal. Ask your Microsoft partner to register it, or sign in with a portal account."),
        InactivePartner => string.Create(CultureInfo.InvariantCulture, $"Your organization{Tenant(tenantId)} is registered with the portal but is not active. Contact the portal's support."),
        Unmapped => string.Create(CultureInfo.InvariantCulture, $"No portal role is mapped to your account; ask your Global admin to link your Microsoft Entra account{ObjectId(objectId)} to a portal user."),
        Disabled => "This account is disabled. Ask your partner's Global admin to enable it.",
        _ => "Sign-in with Microsoft did not complete. Nothing was signed in. Start again.",
    };

    /// <summary>Where the browser goes with a refusal: the error page, with the ids the message names.</summary>
    public static string ErrorPage(string reason, Guid? tenantId = null, Guid? objectId = null)
    {
        var url = $"{EntraOptions.ErrorPath}?reason={Uri.EscapeDataString(reason)}";
        if (tenantId is { } tenant)
        {
            url += string.Create(CultureInfo.InvariantCulture, $"&tenant={tenant:D}");
        }

        if (objectId is { } user)
        {
            url += string.Create(CultureInfo.InvariantCulture, $"&user={user:D}");
        }

        return url;
    }

    private static string Tenant(Guid? tenantId) =>
        tenantId is { } id ? string.Create(CultureInfo.InvariantCulture, $" (Microsoft Entra tenant {id:D})") : "";

    private static string ObjectId(Guid? objectId) =>
        objectId is { } id ? string.Create(CultureInfo.InvariantCulture, $" (object id {id:D})") : "";
}
