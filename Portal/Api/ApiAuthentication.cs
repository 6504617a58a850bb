using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Portal.Accounts;
using Portal.Api.Keys;

namespace Portal.Api;

/// <summary>
/// The <c>/api/v1</c> authentication scheme: <c>Authorization: Bearer &lt;key&gt;</c> with a key a Global admin made
/// (ADR-013). The principal carries the same claims as a signed-in user (partner, role, display name), so routes
/// name the pages' policies (<see cref="PortalPolicies"/>) through <see cref="Policy"/>.
/// </summary>
public static class ApiAuthentication
{
    public const string Scheme = "PortalApiKey";

    /// <summary>Marks an API key principal's identity, so audit entries can say which key acted.</summary>
    public const string KeyIdClaim = "portal:api-key";

    /// <summary>A page policy (<see cref="PortalPolicies"/>) checked against the API key scheme only: cookies do not reach the API.</summary>
    public static AuthorizeAttribute Policy(string policy) => new(policy) { AuthenticationSchemes = Scheme };

    /// <summary>Who acted, for audit entries: "api key Name (prefix)".</summary>
    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.DisplayName) ?? "api key";
}

/// <summary>Checks the bearer key against the stored hashes; answers 401/403 as ProblemDetails.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDesk keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "portal:api-auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return Fail("Send your API key as 'Authorization: Bearer <key>'.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("The Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'.");
        }

        var found = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is null)
        {
            return Fail("The API key is not valid.");
        }

        if (found.RevokedAt is not null)
        {
            return Fail("The API key was revoked; ask a Global admin of your organization for a new one.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.Id.ToString()),
                new Claim(ClaimTypes.Name, $"api key {found.Name} ({found.Prefix})"),
                new Claim(ClaimTypes.Role, found.Role),
                new Claim(PortalClaims.PartnerTenantId, found.PartnerTenantId.ToString()),
                new Claim(PortalClaims.DisplayName, $"api key {found.Name} ({found.Prefix})"),
                new Claim(ApiAuthentication.KeyIdClaim, found.Id.ToString()),
            ],
            ApiAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Context.Items[FailureItem] as string ?? "Send your API key as 'Authorization: Bearer <key>'.";
        await WriteAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await WriteAsync(
            StatusCodes.Status403Forbidden,
            "Forbidden",
            $"The API key's role ({Context.User.FindFirstValue(ClaimTypes.Role)}) may not do this; a key with another role can.");

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = ApiProblems.TypeFor(status) },
        });
    }
}
