using System.Globalization;
using System.Security.Claims;

namespace Portal.Publishing;

/// <summary>
/// What the publisher migration pages share with the rest of the portal. The pages' forms run in the interactive
/// circuit and call <see cref="PublisherDesk"/> directly (issue 12); there are no form-post endpoints any more.
/// </summary>
public static class PublishingPages
{
    public static string StatusPage(string publisherId) => $"/publishing/{Uri.EscapeDataString(publisherId)}";

    /// <summary>The user name the publisher's roles know the signed-in user by: their email (ADR-010).</summary>
    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "";

    /// <summary>An instant as the arrange form takes it: ISO 8601 with an offset, or a <c>datetime-local</c> value read as UTC.</summary>
    public static DateTimeOffset? ParseInstant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
}
