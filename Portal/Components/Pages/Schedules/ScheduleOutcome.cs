using Portal.Domain.Schedules;
using Portal.Migrations;

namespace Portal.Components.Pages.Schedules;

/// <summary>What a change to a schedule came to: the message the page shows, the reasons when refused, the schedule as now stored.</summary>
public sealed record ScheduleOutcome(bool Succeeded, string Message, IReadOnlyList<DeskError> Errors, MigrationSchedule? Changed = null, bool NotFound = false)
{
    public const string NotChanged = "The schedule was not changed.";

    public static ScheduleOutcome Refused(string message, params DeskError[] errors) => new(false, message, errors);

    /// <summary>The desk's answer as an outcome; <paramref name="done"/> is the message when it succeeded.</summary>
    public static ScheduleOutcome Of(DeskAnswer<MigrationSchedule> answer, string done)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.IsNotFound ? new(false, "", [], NotFound: true)
            : answer.IsDone ? new(true, done, [], answer.Value)
            : new(false, NotChanged, answer.Errors);
    }

    /// <summary>How an error reads in the list under the message: the field's name first when it names one.</summary>
    public static string Describe(DeskError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return (error.Field == "TargetDate" ? "Target date: " : "") + error.Description;
    }
}
