using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Accounts.Entra;

/// <summary>Who the ID token says signed in: their tenant and object id, plus names for messages and the audit log.</summary>
public sealed record EntraIdentity(Guid TenantId, Guid ObjectId, string? Username, string? Name);

/// <summary>The outcome of checking an ID token: the identity, or the refusal reason and what was wrong (for the log).</summary>
public sealed record EntraIdTokenCheck(EntraIdentity? Identity, string? Refusal, string? Problem)
{
    public static EntraIdTokenCheck Valid(EntraIdentity identity) => new(identity, null, null);

    public static EntraIdTokenCheck Invalid(string refusal, string problem) => new(null, refusal, problem);
}

/// <summary>
/// Validates the ID token MSAL redeemed, as the OpenID Connect handler would: signature against the authority's
/// signing keys (JWKS named by its discovery document), issuer, audience (our client id), lifetime and nonce.
/// MSAL itself does not validate ID tokens.
/// </summary>
public sealed class EntraIdTokenValidator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private readonly EntraOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public EntraIdTokenValidator(IOptions<EntraOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;

        // Caches the discovery document and keys (refreshed every 12 hours, or sooner when a token names an unknown key).
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
            _options.MetadataAddress.AbsoluteUri,
            new OpenIdConnectConfigurationRetriever(),
            new NamedClientDocumentRetriever(httpClients));
    }

    public async Task<EntraIdTokenCheck> ValidateAsync(string? idToken, string expectedNonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken))
        {
            return EntraIdTokenCheck.Invalid(EntraRefusals.InvalidToken, "The token response carried no ID token.");
        }

        var configuration = await _configuration.GetConfigurationAsync(cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            IssuerValidator = (issuer, token, _) => ValidateIssuer(configuration.Issuer, issuer, token),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        };

        var result = await _handler.ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The authority may have rolled its keys: fetch them again for the next sign-in.
                _configuration.RequestRefresh();
            }

            var refusal = result.Exception is SecurityTokenExpiredException ? EntraRefusals.ExpiredToken : EntraRefusals.InvalidToken;
            return EntraIdTokenCheck.Invalid(refusal, result.Exception?.Message ?? "The ID token is not valid.");
        }

        var claims = result.Claims;
        string? Claim(string name) => claims.TryGetValue(name, out var value) ? value as string : null;
        if (!string.Equals(Claim("nonce"), expectedNonce, StringComparison.Ordinal))
        {
            return EntraIdTokenCheck.Invalid(EntraRefusals.InvalidToken, "The ID token's nonce is not the one this sign-in sent.");
        }

        if (!Guid.TryParse(Claim("tid"), out var tenantId) ||
            !Guid.TryParse(Claim("oid"), out var objectId))
        {
            return EntraIdTokenCheck.Invalid(EntraRefusals.InvalidToken, "The ID token has no tenant id (tid) or object id (oid).");
        }

        return EntraIdTokenCheck.Valid(new EntraIdentity(
            tenantId,
            objectId,
            Claim("preferred_username"),
            Claim("name")));
    }

    /// <summary>
    /// A multi-tenant authority (<c>organizations</c>) publishes the issuer as a template,
    /// <c>https://login.microsoftonline.com/{tenantid}/v2.0</c>; the token's own <c>tid</c> fills it in.
    /// </summary>
    private static string ValidateIssuer(string configuredIssuer, string issuer, SecurityToken token)
    {
        var tenantId = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        var expected = tenantId is null ? configuredIssuer : configuredIssuer.Replace("{tenantid}", tenantId, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(expected) && !expected.Contains('{', StringComparison.Ordinal) && string.Equals(issuer, expected, StringComparison.Ordinal))
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException($"The issuer '{issuer}' is not the authority's issuer for the token's tenant.") { InvalidIssuer = issuer };
    }

    /// <summary>Fetches discovery documents through the named client each time, so handler rotation keeps working.</summary>
    private sealed class NamedClientDocumentRetriever(IHttpClientFactory httpClients) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
            new HttpDocumentRetriever(httpClients.CreateClient(EntraOptions.HttpClientName)) { RequireHttps = true }.GetDocumentAsync(address, cancel);
    }
}
