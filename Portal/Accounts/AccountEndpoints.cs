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
        Entra.EntraSignIn.MapEntraSignIn(endpoints);
        return endpoints;
    }
}
