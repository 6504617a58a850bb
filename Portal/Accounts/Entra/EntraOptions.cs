namespace Portal.Accounts.Entra;

/// <summary>
/// The <c>Entra</c> configuration section: organizational sign-in with Microsoft Entra ID through Microsoft.Identity.Web
/// (ADR-019). Sign-in with Microsoft is off unless <see cref="ClientId"/> is set.
/// </summary>
public sealed class EntraOptions
{
    public const string SectionName = "Entra";

    /// <summary>The authentication scheme of the OpenID Connect handler Identity.Web configures.</summary>
    public const string Scheme = "Entra";

    /// <summary>
    /// The named <see cref="HttpClient"/> for every call to Microsoft Entra ID: the OpenID Connect handler's discovery
    /// and keys, the issuer validator, and MSAL's token requests (sign-in and Partner Center). Tests configure its
    /// primary handler to trust their local fake authority.
    /// </summary>
    public const string HttpClientName = "Portal.Accounts.Entra";

    public const string SignInPath = "/account/entra/sign-in";

    /// <summary>Where Entra sends the browser back; the OpenID Connect handler answers it.</summary>
    public const string CallbackPath = "/account/entra/callback";

    /// <summary>Where the handler sends the browser once the token is validated: the portal user is found there.</summary>
    public const string CompletePath = "/account/entra/complete";

    public const string ErrorPath = "/account/entra/error";

    /// <summary>The cloud instance, e.g. <c>https://login.microsoftonline.com/</c>.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary><c>organizations</c> (any work or school account; the portal then checks the tenant) or one tenant id.</summary>
    public string TenantId { get; set; } = "organizations";

    /// <summary>The application (client) id of the portal's app registration. Empty: Entra sign-in is off.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret; or use <see cref="CertificatePath"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PFX file with the client certificate (relative to the content root), used when no secret is set.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Space-separated scopes asked for at sign-in besides <c>openid profile offline_access</c>.</summary>
    public string Scopes { get; set; } = "User.Read";

    /// <summary>
    /// The public absolute address of the callback, e.g. <c>https://portal.example.com/account/entra/callback</c> (the
    /// app registration's redirect URI). Empty: each sign-in uses the address of its own request. Set it behind a proxy,
    /// and whenever Partner Center uses app+user tokens: MSAL's client, built once per instance, otherwise keeps the
    /// placeholder <c>https://replyUrlNotSet</c> if its first token is asked for outside a request, and every later
    /// sign-in with Microsoft on that instance fails at the code redemption (issue 13).
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>Only a test's local fake authority over plain http may turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ClientId);

    public bool HasCredential => !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(CertificatePath);

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Empty, or an absolute http(s) address whose path ends with <see cref="CallbackPath"/> (the handler answers only there).</summary>
    internal static bool IsCallbackAddress(EntraOptions options) =>
        string.IsNullOrWhiteSpace(options.RedirectUri)
        || (Uri.TryCreate(options.RedirectUri, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.AbsolutePath.EndsWith(CallbackPath, StringComparison.Ordinal)
            && uri.Query.Length == 0);

    internal static bool IsHttpsInstance(EntraOptions options) =>
        Uri.TryCreate(options.Instance, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || !options.RequireHttpsMetadata);
}
