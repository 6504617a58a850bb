using Portal.Domain.Schedules;

namespace Portal.Schedules;

/// <summary>Which schedules to list; every filter is optional.</summary>
public sealed record ScheduleFilter
{
    public Guid? CustomerId { get; init; }

    public Guid? SubscriptionId { get; init; }

    public ScheduleStatus? Status { get; init; }

    /// <summary>True: only Microsoft-led; false: only partner-made; null: both.</summary>
    public bool? MicrosoftLed { get; init; }

    public ScheduleSort Sort { get; init; } = ScheduleSort.NewestFirst;
}

public enum ScheduleSort
{
    NewestFirst,
    OldestFirst,
    Customer,
}

/// <summary>A page of a list: 1-based page number, page size between 1 and 200.</summary>
public sealed record Paging(int Page = 1, int PageSize = 25)
{
    public const int MaxPageSize = 200;

    public int SafePage => Math.Max(1, Page);

    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    public int Skip => (SafePage - 1) * SafePageSize;
}

/// <summary>One page of results and the total count across all pages.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>A schedule with the names a person recognises it by.</summary>
public sealed record ScheduleListItem(MigrationSchedule Schedule, string CustomerName, string SubscriptionName);
