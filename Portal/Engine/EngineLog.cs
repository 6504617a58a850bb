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

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration {MigrationId} moved from {From} to {To}")]
    public static partial void MigrationMoved(ILogger logger, Guid migrationId, Domain.Migrations.MigrationPhase from, Domain.Migrations.MigrationPhase to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} ran: migration {MigrationId} created")]
    public static partial void ScheduleRan(ILogger logger, Guid scheduleId, Guid migrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} failed: {Code}")]
    public static partial void ScheduleFailed(ILogger logger, Guid scheduleId, string code);

    /// <summary>Every line logged while a migration is worked on carries its id (and its partner's): log scopes (ADR-021).</summary>
    public static IDisposable? MigrationScope(ILogger logger, Guid migrationId, Guid? partnerTenantId = null) =>
        logger.BeginScope(partnerTenantId is { } partner
            ? new Dictionary<string, object> { ["MigrationId"] = migrationId, ["PartnerTenantId"] = partner }
            : new Dictionary<string, object> { ["MigrationId"] = migrationId });

    public static IDisposable? ScheduleScope(ILogger logger, Guid scheduleId, Guid partnerTenantId) =>
        logger.BeginScope(new Dictionary<string, object> { ["ScheduleId"] = scheduleId, ["PartnerTenantId"] = partnerTenantId });
}
