using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Common;

namespace Portal.Accounts;

/// <summary>The Users page's row actions: plain form posts that redirect back with what happened.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/users/{userId:guid}").RequireAuthorization(PortalPolicies.Administer);

        group.MapPost("/role", async (Guid userId, [FromForm] string role, UserAdministration admin, UserManager<PortalUser> users, CurrentPartner partner) =>
            Back(await admin.ChangeRoleAsync(await ActorAsync(users, partner), userId, role), $"Role changed to {role}."));
        group.MapPost("/disable", async (Guid userId, [FromForm] string? confirm, UserAdministration admin, UserManager<PortalUser> users, CurrentPartner partner) =>
            Back(await admin.SetDisabledAsync(await ActorAsync(users, partner), userId, true), "User disabled."));
        group.MapPost("/enable", async (Guid userId, [FromForm] string? confirm, UserAdministration admin, UserManager<PortalUser> users, CurrentPartner partner) =>
            Back(await admin.SetDisabledAsync(await ActorAsync(users, partner), userId, false), "User enabled."));
        return endpoints;
    }

    private static async Task<PortalUser> ActorAsync(UserManager<PortalUser> users, CurrentPartner partner) =>
        await users.GetUserAsync(partner.User) ?? throw new InvalidOperationException("The signed-in user no longer exists.");

    private static IResult Back(Outcome outcome, string success) =>
        outcome.Refusal?.Code == "NotFound"
            ? Results.NotFound()
            : Results.LocalRedirect(outcome.Succeeded
                ? $"/admin/users?saved={Uri.EscapeDataString(success)}"
                : $"/admin/users?error={Uri.EscapeDataString(outcome.Refusal!.Message)}");
}
