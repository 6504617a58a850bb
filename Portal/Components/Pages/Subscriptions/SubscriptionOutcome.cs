using Microsoft.AspNetCore.Authorization;
using Portal.Accounts;
using Portal.Migrations;

namespace Portal.Components.Pages.Subscriptions;

/// <summary>What an action on a subscription page came to: done (a message), refused (a message and the reasons), or the subscription is gone (not found).</summary>
public sealed record SubscriptionOutcome(bool Ok, string Message, IReadOnlyList<string> Reasons, bool Gone = false)
{
    public static SubscriptionOutcome NotFound { get; } = new(false, "", [], Gone: true);

    public static SubscriptionOutcome Done(string message) => new(true, message, []);

    public static SubscriptionOutcome Refused(string message, IEnumerable<string>? reasons = null) => new(false, message, [.. reasons ?? []]);

    /// <summary>A desk's errors as the page lists them: the field's label first when an error names one.</summary>
    public static IEnumerable<string> ReasonsOf(IEnumerable<DeskError> errors, Func<string, string> label) =>
        errors.Select(e => (e.Field is null ? "" : $"{label(e.Field)}: ") + e.Description);

    /// <summary>Whether the signed-in user may change subscriptions (the server's check behind the hidden buttons).</summary>
    public static async Task<bool> MayChangeAsync(IAuthorizationService authorization, CurrentPartner partner) =>
        (await authorization.AuthorizeAsync(partner.User, PortalPolicies.Migrate)).Succeeded;
}
