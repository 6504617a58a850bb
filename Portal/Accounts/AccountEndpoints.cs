using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with antiforgery) so a link or an image cannot sign a user out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A [FromForm] parameter makes the endpoint validate the antiforgery token the form carries.
        endpoints.MapPost("/account/sign-out", async (SignInManager<PortalUser> signIn, Audit.AuditLog audit, CurrentPartner partner, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (CurrentPartner.TryGetTenantId(partner.User) is { } tenant)
            {
                await audit.RecordAsync(tenant, partner.DisplayName, "SignedOut", $"user {partner.DisplayName}");
            }

            await signIn.SignOutAsync();
            _ = returnUrl;
            return Results.LocalRedirect("/account/sign-in?signedOut=1");
        });
        // Light or dark mode, for anyone (the sign-in page too): remembered for a year in a cookie that is not secret.
        endpoints.MapPost("/account/theme", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? mode, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (mode is not ("light" or "dark"))
            {
                return Results.BadRequest("mode must be light or dark.");
            }

            http.Response.Cookies.Append(Components.Layout.PortalTheme.CookieName, mode, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                SameSite = SameSiteMode.Lax,
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                IsEssential = true,
            });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });
        // The user's time zone (a claim of the sign-in cookie, which only a plain request can refresh, not a circuit):
        // the settings page posts here and shows the outcome after the redirect. Nothing is stored unless the zone is offered.
        endpoints.MapPost("/account/time-zone", async (HttpContext http, UserManager<PortalUser> users, UserTimeZone zones, [Microsoft.AspNetCore.Mvc.FromForm] string? timeZoneId) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null)
            {
                return Results.Forbid();
            }

            var outcome = await zones.SetAsync(user, timeZoneId, http.RequestAborted);
            return Results.LocalRedirect(outcome.Refusal is { } refusal
                ? $"/settings?error={Uri.EscapeDataString(refusal.Code)}"
                : "/settings?saved=1");
        }).RequireAuthorization(PortalPolicies.Read);
        Entra.EntraSignIn.MapEntraSignIn(endpoints);
        return endpoints;
    }

    /// <summary>A path on this site ("/x", never "//host" or "/\host"), so a crafted form cannot redirect elsewhere.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
