using MudBlazor;
using Portal.Components.Lists;
using Portal.Domain.Schedules;
using Portal.Schedules;

namespace Portal.Components.Pages.Schedules;

/// <summary>
/// The schedules list's state as the address keeps it (<c>?status=&amp;microsoftLed=&amp;sort=&amp;page=</c>), so a link
/// or a reload shows the same page; the database does the filtering, sorting and paging (<see cref="ScheduleDesk.ListAsync"/>).
/// </summary>
public sealed record ScheduleQuery(ScheduleStatus? Status = null, bool? MicrosoftLed = null, ScheduleSort Sort = ScheduleSort.NewestFirst, int Page = 1)
{
    public const int PageSize = 25;
    public const string CustomerSort = "customer";
    public const string CreatedSort = "created";

    /// <summary>The state an address without keys names (newest first, page 1): left out of the address.</summary>
    public static readonly IReadOnlyDictionary<string, object?> Defaults = ListNavigation.DefaultState(sort: ScheduleSort.NewestFirst);

    public ScheduleFilter Filter => new() { Status = Status, MicrosoftLed = MicrosoftLed, Sort = Sort };

    public static ScheduleQuery Parse(string? status, string? microsoftLed, string? sort, int? page) => new(
        Enum.TryParse<ScheduleStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
        bool.TryParse(microsoftLed, out var led) ? led : null,
        Enum.TryParse<ScheduleSort>(sort, ignoreCase: true, out var sorted) && Enum.IsDefined(sorted) ? sorted : ScheduleSort.NewestFirst,
        Math.Max(1, page ?? 1));

    /// <summary>The direction a column's sort label starts with, so the header shows the sort the address asked for.</summary>
    public SortDirection InitialDirection(string label) => (label, Sort) switch
    {
        (CustomerSort, ScheduleSort.Customer) => SortDirection.Ascending,
        (CreatedSort, ScheduleSort.OldestFirst) => SortDirection.Ascending,
        (CreatedSort, ScheduleSort.NewestFirst) => SortDirection.Descending,
        _ => SortDirection.None,
    };

    /// <summary>The query after the table asked for <paramref name="state"/> (its 0-based page, its sort column).</summary>
    public ScheduleQuery With(TableState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sort = (state.SortLabel, state.SortDirection) switch
        {
            (CustomerSort, not SortDirection.None) => ScheduleSort.Customer,
            (CreatedSort, SortDirection.Ascending) => ScheduleSort.OldestFirst,
            _ => ScheduleSort.NewestFirst,
        };
        return this with { Sort = sort, Page = state.Page + 1 };
    }

    /// <summary>This state under the address's keys, for <see cref="ListNavigation.ReplaceQuery"/> with <see cref="Defaults"/>.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["status"] = Status?.ToString(),
        ["microsoftLed"] = MicrosoftLed?.ToString().ToLowerInvariant(),
        ["sort"] = Sort.ToString(),
        ["page"] = Page,
    };
}
