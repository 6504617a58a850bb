using Portal.Domain.Common;

namespace Portal.Components.Pages.Admin;

/// <summary>What an action on an admin page did, as the page's message shows it.</summary>
public sealed record AdminNotice(string Text, bool Succeeded)
{
    /// <summary>The refusal's message, or <paramref name="success"/>.</summary>
    public static AdminNotice Of(Outcome outcome, string success)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new AdminNotice(outcome.Refusal?.Message ?? success, outcome.Succeeded);
    }
}
