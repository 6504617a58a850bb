using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Tests.Web.Entra;

/// <summary>A person of some Entra tenant, as the fake authority signs them in.</summary>
public sealed record FakeEntraUser(Guid TenantId, Guid ObjectId, string Username, string Name)
{
    public static FakeEntraUser Of(Guid tenantId, string name = "Pat Example")
    {
        var objectId = Guid.NewGuid();
        return new(tenantId, objectId, $"{objectId.ToString("N")[..8]}@tenant.example", name);
    }
}

/// <summary>What is wrong with the ID token the fake issues, for the refusal tests.</summary>
public enum FakeTokenFlaw
{
    None,

    /// <summary>Expired an hour ago.</summary>
    Expired,

    /// <summary>Signed properly, then its payload changed (another object id): the signature no longer matches.</summary>
    TamperedPayload,

    /// <summary>Signed with a key the authority does not publish.</summary>
    ForeignKey,

    /// <summary>Carries a nonce other than the one the portal sent.</summary>
    WrongNonce,

    /// <summary>Issued to another application.</summary>
    WrongAudience,

    /// <summary>Issued by another authority.</summary>
    WrongIssuer,
}

/// <summary>
/// A local stand-in for Microsoft Entra ID, started by the tests on 127.0.0.1 with HTTPS (MSAL requires it) and a
/// self-signed certificate made here. It serves what the portal and MSAL use: the OpenID discovery document, the
/// signing keys (JWKS), an authorize endpoint that answers at once with a code, and a token endpoint that checks the
/// client secret, the redirect URI and the PKCE verifier (S256) and returns RS256-signed tokens.
/// A test chooses who a sign-in stands for with <see cref="SignInAs"/>, keyed by the request's <c>state</c>, and
/// the authorize endpoint answers at once; for any other request it shows a bare login page where a browser test
/// types the tenant and object id (Playwright cannot intercept a request reached through a redirect).
/// </summary>
public sealed class FakeEntraAuthority : IAsyncDisposable
{
    public const string ClientId = "6d2f8e0b-5a4c-4f1e-9b3d-2c7a8e9f0a1b";
    public const string ClientSecret = "fake-client-secret";

    private static readonly string[] ResponseTypes = ["code", "id_token", "code id_token"];
    private static readonly string[] SubjectTypes = ["pairwise"];
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private static readonly string[] ChallengeMethods = ["S256"];
    private static readonly string[] ScopesSupported = ["openid", "profile", "email", "offline_access"];
    private static readonly int[] NoErrorCodes = [0];

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly RSA _signingRsa = RSA.Create(2048);
    private readonly RSA _foreignRsa = RSA.Create(2048);
    private readonly RsaSecurityKey _signingKey;
    private readonly RsaSecurityKey _foreignKey;
    private readonly ConcurrentDictionary<string, (FakeEntraUser? User, FakeTokenFlaw Flaw, Guid? TamperAs)> _chosen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);

    private FakeEntraAuthority(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
        _signingKey = new RsaSecurityKey(_signingRsa) { KeyId = "fake-signing-key" };
        _foreignKey = new RsaSecurityKey(_foreignRsa) { KeyId = "fake-signing-key" };
    }

    /// <summary>The instance the portal is configured with, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri Instance { get; private set; } = null!;

    /// <summary>How many codes the token endpoint redeemed (for the PKCE test).</summary>
    public int Redeemed => _redeemed;

    private int _redeemed;

    public static async Task<FakeEntraAuthority> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(FakeEntraAuthority).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var authority = new FakeEntraAuthority(app, certificate);
        authority.Map(app);
        await app.StartAsync();
        authority.Instance = new Uri(app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return authority;
    }

    /// <summary>
    /// The sign-in whose authorize request carries <paramref name="state"/> stands for <paramref name="user"/>
    /// (<see langword="null"/>: the person cancels); with
    /// <see cref="FakeTokenFlaw.TamperedPayload"/>, the token is then altered to claim <paramref name="tamperAs"/>.
    /// </summary>
    public void SignInAs(string state, FakeEntraUser? user, FakeTokenFlaw flaw = FakeTokenFlaw.None, Guid? tamperAs = null) =>
        _chosen[state] = (user, flaw, tamperAs);

    /// <summary>
    /// Trusts this authority's certificate, and only it: what the portal's Entra HTTP client uses in tests. MSAL asks
    /// Entra's own host for instance metadata (<c>/common/discovery/instance</c>) about any authority it does not know:
    /// those requests are sent here too, so nothing ever leaves the machine.
    /// </summary>
    public HttpMessageHandler CreateTrustingHandler(bool allowAutoRedirect = true)
    {
        var thumbprint = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new ToThisAuthority(Instance, new HttpClientHandler
        {
            AllowAutoRedirect = allowAutoRedirect,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
        });
    }

    /// <summary>Sends requests addressed to Microsoft's sign-in host to the fake instead.</summary>
    private sealed class ToThisAuthority(Uri instance, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { Host: "login.microsoftonline.com" } uri)
            {
                request.RequestUri = new UriBuilder(uri) { Scheme = instance.Scheme, Host = instance.Host, Port = instance.Port }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private void Map(WebApplication app)
    {
        // MSAL's instance discovery: this authority is its own only alias.
        app.MapGet("/common/discovery/instance", () =>
        {
            var host = Instance.Authority;
            return Results.Json(new Dictionary<string, object>
            {
                ["tenant_discovery_endpoint"] = Url("common/v2.0/.well-known/openid-configuration"),
                ["api-version"] = "1.1",
                ["metadata"] = new[] { new Dictionary<string, object> { ["preferred_network"] = host, ["preferred_cache"] = host, ["aliases"] = new[] { host } } },
            });
        });

        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = IssuerTemplate(tenant),
            ["authorization_endpoint"] = Url($"{tenant}/oauth2/v2.0/authorize"),
            ["token_endpoint"] = Url($"{tenant}/oauth2/v2.0/token"),
            ["jwks_uri"] = Url($"{tenant}/discovery/v2.0/keys"),
            ["response_types_supported"] = ResponseTypes,
            ["subject_types_supported"] = SubjectTypes,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            ["code_challenge_methods_supported"] = ChallengeMethods,
            ["scopes_supported"] = ScopesSupported,
        }));

        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
        {
            var parameters = _signingRsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = _signingKey.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });

        app.MapGet("/{tenant}/oauth2/v2.0/authorize", (string tenant, HttpRequest request) =>
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            if (Invalid(query) is { } invalid)
            {
                return invalid;
            }

            return _chosen.TryRemove(query["state"], out var chosen)
                ? Answer(tenant, query, chosen.User, chosen.Flaw, chosen.TamperAs)
                : LoginPage(query);
        });

        // The login page's answer: the person typed their tenant and object id, or cancelled.
        app.MapPost("/{tenant}/oauth2/v2.0/authorize", async (string tenant, HttpRequest request) =>
        {
            var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            if (Invalid(form) is { } invalid)
            {
                return invalid;
            }

            var user = form.GetValueOrDefault("action") == "sign-in"
                && Guid.TryParse(form.GetValueOrDefault("tid"), out var tid)
                && Guid.TryParse(form.GetValueOrDefault("oid"), out var oid)
                    ? new FakeEntraUser(tid, oid, form.GetValueOrDefault("upn") ?? "", "Signed in on the login page")
                    : null;
            return Answer(tenant, form, user, FakeTokenFlaw.None, null);
        });

        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] == "client_credentials" || form["grant_type"] == "refresh_token")
            {
                return ServiceToken(tenant, form);
            }

            if (form["grant_type"] != "authorization_code")
            {
                return TokenError("unsupported_grant_type", "Only authorization_code is supported here.");
            }

            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return TokenError("invalid_client", "AADSTS7000215: Invalid client secret provided.", StatusCodes.Status401Unauthorized);
            }

            if (!_codes.TryRemove(form["code"].ToString(), out var issued) || issued.Tenant != tenant)
            {
                return TokenError("invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or was already used.");
            }

            if (form["redirect_uri"] != issued.RedirectUri)
            {
                return TokenError("invalid_grant", "AADSTS50011: The redirect URI does not match the one of the authorization request.");
            }

            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (verifier.Length == 0 || challenge != issued.CodeChallenge)
            {
                return TokenError("invalid_grant", "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.");
            }

            Interlocked.Increment(ref _redeemed);
            var refreshToken = $"refresh-{Guid.NewGuid():N}";
            RefreshTokens[refreshToken] = issued.User;
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["scope"] = "User.Read openid profile email",
                ["expires_in"] = 3599,
                ["ext_expires_in"] = 3599,
                ["access_token"] = AccessToken(issued),
                ["refresh_token"] = refreshToken,
                ["id_token"] = IdToken(issued),
                ["client_info"] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { uid = issued.User.ObjectId.ToString(), utid = issued.User.TenantId.ToString() })),
            });
        });
    }

    /// <summary>Lifetime (<c>expires_in</c>) of the tokens of the client credentials and refresh token grants.</summary>
    public TimeSpan ServiceTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Refresh tokens the refresh grant accepts; a test adds the one it configures the portal with.</summary>
    public ConcurrentDictionary<string, FakeEntraUser> RefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Every token the client credentials and refresh grants issued, in order, with the grant and the refresh token used.</summary>
    public ConcurrentQueue<(string Grant, string AccessToken, string? RefreshTokenUsed)> ServiceTokens { get; } = new();

    /// <summary>Tokens to call an API (Partner Center): app-only (client credentials) or app+user (refresh token, rotated on each use).</summary>
    private IResult ServiceToken(string tenant, IFormCollection form)
    {
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return TokenError("invalid_client", "AADSTS7000215: Invalid client secret provided.", StatusCodes.Status401Unauthorized);
        }

        var grant = form["grant_type"].ToString();
        var accessToken = $"{grant}-token-{ServiceTokens.Count + 1}-{Guid.NewGuid():N}";
        var response = new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)ServiceTokenLifetime.TotalSeconds,
            ["ext_expires_in"] = (int)ServiceTokenLifetime.TotalSeconds,
            ["access_token"] = accessToken,
        };
        string? used = null;
        if (grant == "refresh_token")
        {
            used = form["refresh_token"].ToString();
            if (!RefreshTokens.TryRemove(used, out var user))
            {
                return TokenError("invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or was already used.");
            }

            var rotated = $"refresh-{Guid.NewGuid():N}";
            RefreshTokens[rotated] = user;
            response["refresh_token"] = rotated;
            response["scope"] = form["scope"].ToString();
            response["id_token"] = IdToken(new IssuedCode(user, FakeTokenFlaw.None, tenant, "", "", ""));
            response["client_info"] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { uid = user.ObjectId.ToString(), utid = user.TenantId.ToString() }));
        }

        ServiceTokens.Enqueue((grant, accessToken, used));
        return Results.Json(response);
    }

    private static IResult? Invalid(Dictionary<string, string> request) =>
        !Uri.TryCreate(request.GetValueOrDefault("redirect_uri"), UriKind.Absolute, out _)
        || request.GetValueOrDefault("client_id") != ClientId
        || request.GetValueOrDefault("response_type") != "code"
        || string.IsNullOrEmpty(request.GetValueOrDefault("state"))
            ? Results.BadRequest("invalid_request: client_id, response_type=code, state and an absolute redirect_uri are required.")
            : null;

    /// <summary>Back to the client: a code standing for <paramref name="user"/>, or <c>access_denied</c> when nobody signed in.</summary>
    private IResult Answer(string tenant, Dictionary<string, string> request, FakeEntraUser? user, FakeTokenFlaw flaw, Guid? tamperAs)
    {
        var redirectUri = request["redirect_uri"];
        var state = Uri.EscapeDataString(request["state"]);
        if (user is null)
        {
            return Results.Redirect($"{redirectUri}?error=access_denied&error_description={Uri.EscapeDataString("AADSTS65004: User declined to consent.")}&state={state}");
        }

        if (request.GetValueOrDefault("code_challenge_method") != "S256" || string.IsNullOrEmpty(request.GetValueOrDefault("code_challenge")))
        {
            return Results.Redirect($"{redirectUri}?error=invalid_request&error_description=PKCE+required&state={state}");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new IssuedCode(user, flaw, tenant, redirectUri, request["code_challenge"], request.GetValueOrDefault("nonce") ?? "")
        {
            TamperedObjectId = tamperAs,
        };
        return Results.Redirect($"{redirectUri}?code={code}&state={state}&session_state={Guid.NewGuid()}");
    }

    /// <summary>A bare login page, for browser tests: the person types who they are (a tenant id and an object id).</summary>
    private static IResult LoginPage(Dictionary<string, string> query)
    {
        var hidden = string.Concat(query
            .Where(q => q.Key is "client_id" or "redirect_uri" or "response_type" or "state" or "nonce" or "code_challenge" or "code_challenge_method")
            .Select(q => $"<input type=\"hidden\" name=\"{q.Key}\" value=\"{WebUtility.HtmlEncode(q.Value)}\">"));
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in to your account (fake Microsoft Entra ID)</title></head>
            <body>
            <h1>Sign in to your account</h1>
            <form method="post">
            {hidden}
            <p><label for="tid">Tenant id</label> <input id="tid" name="tid" required></p>
            <p><label for="oid">Object id</label> <input id="oid" name="oid" required></p>
            <p><label for="upn">Username</label> <input id="upn" name="upn"></p>
            <p><button type="submit" name="action" value="sign-in">Sign in</button>
            <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></p>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private string IdToken(IssuedCode issued)
    {
        var now = DateTime.UtcNow;
        var (issuedAt, expires) = issued.Flaw == FakeTokenFlaw.Expired ? (now.AddHours(-2), now.AddHours(-1)) : (now, now.AddHours(1));
        var claims = new Dictionary<string, object>
        {
            ["ver"] = "2.0",
            ["tid"] = issued.User.TenantId.ToString(),
            ["oid"] = issued.User.ObjectId.ToString(),
            ["sub"] = Base64UrlEncoder.Encode(issued.User.ObjectId.ToByteArray()),
            ["preferred_username"] = issued.User.Username,
            ["name"] = issued.User.Name,
            ["nonce"] = issued.Flaw == FakeTokenFlaw.WrongNonce ? "not-the-nonce-the-portal-sent" : issued.Nonce,
        };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issued.Flaw == FakeTokenFlaw.WrongIssuer
                ? $"https://evil.example/{issued.User.TenantId}/v2.0"
                : IssuerTemplate(issued.User.TenantId.ToString()),
            Audience = issued.Flaw == FakeTokenFlaw.WrongAudience ? Guid.NewGuid().ToString() : ClientId,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(issued.Flaw == FakeTokenFlaw.ForeignKey ? _foreignKey : _signingKey, SecurityAlgorithms.RsaSha256),
        });

        if (issued.Flaw != FakeTokenFlaw.TamperedPayload)
        {
            return token;
        }

        // Keep header and signature, swap the payload for one naming another person: the signature no longer matches.
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var tampered = payload.ToDictionary(p => p.Key, p => (object)p.Value);
        tampered["oid"] = issued.TamperedObjectId?.ToString() ?? Guid.NewGuid().ToString();
        return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(tampered))}.{parts[2]}";
    }

    private string AccessToken(IssuedCode issued) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = $"https://sts.windows.net/{issued.User.TenantId}/",
        Audience = "00000003-0000-0000-c000-000000000000",
        Claims = new Dictionary<string, object> { ["scp"] = "User.Read", ["oid"] = issued.User.ObjectId.ToString(), ["tid"] = issued.User.TenantId.ToString() },
        SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
    });

    /// <summary>Like Entra: a multi-tenant authority names its issuer with a <c>{tenantid}</c> placeholder.</summary>
    private string IssuerTemplate(string tenant) =>
        tenant is "organizations" or "common" ? Url("{tenantid}/v2.0") : Url($"{tenant}/v2.0");

    private string Url(string path) => new Uri(Instance, path).ToString().Replace("%7B", "{", StringComparison.Ordinal).Replace("%7D", "}", StringComparison.Ordinal);

    private static IResult TokenError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error, error_description = description, error_codes = NoErrorCodes, timestamp = DateTime.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture), trace_id = Guid.NewGuid(), correlation_id = Guid.NewGuid() }, statusCode: status);

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12 so Kestrel's TLS gets a certificate with a usable private key on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
        _signingRsa.Dispose();
        _foreignRsa.Dispose();
    }

    private sealed record IssuedCode(FakeEntraUser User, FakeTokenFlaw Flaw, string Tenant, string RedirectUri, string CodeChallenge, string Nonce)
    {
        public Guid? TamperedObjectId { get; init; }
    }
}
