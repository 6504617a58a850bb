using Portal.Domain.Schedules;

namespace Portal.Components.Pages.Schedules;

/// <summary>How the schedule pages say when a schedule runs.</summary>
public static class ScheduleText
{
    public static string When(MigrationSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Timing.MigrateOnRenewal ? "On renewal" : $"On {schedule.Timing.TargetDate:yyyy-MM-dd}";
    }
}
