using Portal.Webhooks;

namespace Portal.Components.Pages.Webhooks;

/// <summary>Words the webhook pages share.</summary>
public static class WebhookText
{
    public const string Removed = "The webhook and its delivery log were removed.";

    public static string Events(IEnumerable<string> types) => string.Join(", ", types.Select(WebhookEventTypes.DisplayName));

    public static string Status(bool active) => active ? "On" : "Off";
}

/// <summary>What an action on one webhook came to: the message the page shows, and how the webhook stands now.</summary>
public sealed record WebhookOutcome(bool Succeeded, string Message, bool NotFound = false, bool? Active = null, bool Deleted = false, bool Queued = false)
{
    public static WebhookOutcome Refused(string message) => new(false, message);
}
