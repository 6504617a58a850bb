namespace Portal.Webhooks;

/// <summary>The events a webhook can subscribe to, named as Partner Center names its New Commerce migration webhooks.</summary>
public static class WebhookEventTypes
{
    public const string MigrationCreated = "MigrationCreated";
    public const string MigrationCompleted = "MigrationCompleted";
    public const string MigrationFailed = "MigrationFailed";
    public const string ScheduleFailed = "MigrationScheduleFailed";

    /// <summary>Sent only when an admin asks for a test delivery; every webhook receives it.</summary>
    public const string Ping = "Ping";

    /// <summary>The events an admin can pick, with the names people read.</summary>
    public static IReadOnlyList<(string Type, string DisplayName)> Selectable { get; } =
    [
        (MigrationCreated, "Migration Created"),
        (MigrationCompleted, "Migration Completed"),
        (MigrationFailed, "Migration Failed"),
        (ScheduleFailed, "Migration Schedule Failed"),
    ];

    public static string DisplayName(string type) =>
        Selectable.FirstOrDefault(s => s.Type == type).DisplayName ?? type;

    public static IReadOnlyList<string> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
