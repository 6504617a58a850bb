namespace Portal.Accounts.Entra;

/// <summary>
/// The <c>Entra</c> configuration section: organizational sign-in with Microsoft Entra ID (ADR-006).
/// Sign-in with Microsoft is off unless <see cref="ClientId"/> is set.
/// </summary>
public sealed class EntraOptions
{
    public const string SectionName = "Entra";

    /// <summary>
    /// The named <see cref="HttpClient"/> MSAL and the OpenID discovery client use. Tests configure its primary
    /// handler to trust their local fake authority's certificate.
    /// </summary>
    public const string HttpClientName = "Portal.Accounts.Entra";

    public const string SignInPath = "/account/entra/sign-in";

    public const string CallbackPath = "/account/entra/callback";

    public const string ErrorPath = "/account/entra/error";

    /// <summary>The cloud instance, e.g. <c>https://login.microsoftonline.com/</c>. MSAL requires HTTPS.</summary>
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

    /// <summary>
    /// The absolute callback address registered for the app, e.g. <c>https://portal.example.com/account/entra/callback</c>.
    /// When empty it is derived from the request (scheme, host, path base).
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>Space-separated scopes asked for besides <c>openid profile offline_access</c>, which MSAL always adds.</summary>
    public string Scopes { get; set; } = "User.Read";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ClientId);

    public bool HasCredential => !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(CertificatePath);

    public Uri Authority => new($"{Instance.TrimEnd('/')}/{TenantId.Trim('/')}/");

    /// <summary>The OpenID Connect discovery document of the authority (issuer, signing keys).</summary>
    public Uri MetadataAddress => new(Authority, "v2.0/.well-known/openid-configuration");

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Microsoft's own sign-in hosts; MSAL validates those authorities. Any other host is used as configured.</summary>
    public bool IsMicrosoftCloud => Uri.TryCreate(Instance, UriKind.Absolute, out var uri) && MicrosoftHosts.Contains(uri.Host);

    private static readonly HashSet<string> MicrosoftHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "login.microsoftonline.com",
        "login.microsoft.com",
        "login.windows.net",
        "login.microsoftonline.us",
        "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
    };

    internal static bool IsHttpsInstance(EntraOptions options) =>
        Uri.TryCreate(options.Instance, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
