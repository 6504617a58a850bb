namespace Portal.Domain.Terms;

/// <summary>
/// How New Commerce terms run in days. A term ends at the last second of its end date in UTC
/// (Partner Center's API shows <c>2024-01-17T23:59:59Z</c>), and a full term bought on day D ends the day
/// before D's anniversary.
/// </summary>
public static class TermDates
{
    public static DateTimeOffset EndInstant(DateOnly endDate) =>
        new(endDate.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    public static DateTimeOffset StartInstant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly UtcDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>End date of a full new term that starts on <paramref name="start"/>.</summary>
    public static DateOnly FullTermEnd(DateOnly start, TermDuration term) => start.AddMonths(term.Months()).AddDays(-1);

    /// <summary>
    /// End date when the term length may change but no new term starts: the anniversary day of the legacy end
    /// date is kept, and the term ends on the first such anniversary (stepping back by the new term length from
    /// the legacy end) after the migration day. With an unchanged term this is the legacy end date itself.
    /// </summary>
    /// <example>Annual ending 2022-02-10, migrated to monthly on 2021-11-17: ends 2021-12-10.</example>
    public static DateOnly AlignedEnd(DateOnly legacyEnd, TermDuration term, DateOnly migrationDay)
    {
        var months = term.Months();
        var end = legacyEnd;
        for (var k = 1; ; k++)
        {
            // Step back from the original date every time, so month-end clamping (31 -> 28) does not drift.
            var earlier = legacyEnd.AddMonths(-k * months);
            if (earlier <= migrationDay)
            {
                return end;
            }

            end = earlier;
        }
    }

    public static bool IsLastDayOfMonth(DateOnly date) => date.AddDays(1).Month != date.Month;

    public static DateOnly LastDayOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
