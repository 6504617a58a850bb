using Portal.Accounts;

namespace Portal.Api.Keys;

/// <summary>The API keys page's revoke button: a plain form post that redirects back with what happened.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/api-keys/{keyId:guid}/revoke", async (Guid keyId, ApiKeyDesk keys, CurrentPartner partner) =>
            {
                var outcome = await keys.RevokeAsync(partner.TenantId, partner.DisplayName, keyId);
                return outcome.Refusal?.Code == "NotFound"
                    ? Results.NotFound()
                    : Results.LocalRedirect(outcome.Succeeded
                        ? "/admin/api-keys?saved=revoked"
                        : $"/admin/api-keys?error={Uri.EscapeDataString(outcome.Refusal!.Message)}");
            })
            .RequireAuthorization(PortalPolicies.Administer)
            .ExcludeFromDescription();
        return endpoints;
    }
}
