namespace Portal.Engine;

/// <summary>The engine's log messages (source-generated).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Creating a migration of {SubscriptionId} lost a race")]
    public static partial void CreateLostRace(ILogger logger, Exception exception, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduling {SubscriptionId} lost a race")]
    public static partial void ScheduleLostRace(ILogger logger, Exception exception, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine work {Key} conflicted with another instance's change; left as that instance saved it")]
    public static partial void WorkConflict(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Engine work {Key} failed; it is retried on a later pass")]
    public static partial void WorkFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "An engine pass failed; the next one starts in {Interval}")]
    public static partial void PassFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine worker {Holder} started, polling every {Interval}")]
    public static partial void WorkerStarted(ILogger logger, string holder, TimeSpan interval);
}
