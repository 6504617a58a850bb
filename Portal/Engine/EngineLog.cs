namespace Portal.Engine;

/// <summary>The engine's log messages (source-generated).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Creating a migration of {SubscriptionId} lost a race")]
    public static partial void CreateLostRace(ILogger logger, Exception exception, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduling {SubscriptionId} lost a race")]
    public static partial void ScheduleLostRace(ILogger logger, Exception exception, Guid subscriptionId);
}
