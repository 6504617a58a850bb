using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Terms;

public class TermDatesTests
{
    [Fact]
    public void A_term_ends_at_the_last_second_of_its_end_date_in_utc()
    {
        var end = TermDates.EndInstant(A.Date("2024-01-17"));

        Assert.Equal(A.Instant("2024-01-17T23:59:59Z"), end);
        Assert.Equal(TimeSpan.Zero, end.Offset);
        Assert.Equal(new DateTime(2024, 1, 17, 23, 59, 59, DateTimeKind.Utc), end.UtcDateTime);
    }

    [Fact]
    public void A_day_starts_at_midnight_utc()
    {
        var start = TermDates.StartInstant(A.Date("2024-01-18"));

        Assert.Equal(A.Instant("2024-01-18T00:00:00Z"), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Fact]
    public void The_next_day_starts_one_second_after_a_term_ends()
    {
        var day = A.Date("2024-01-17");

        Assert.Equal(TimeSpan.FromSeconds(1), TermDates.StartInstant(day.AddDays(1)) - TermDates.EndInstant(day));
    }

    [Theory]
    [InlineData("2024-01-17T23:59:59Z", "2024-01-17")]
    [InlineData("2024-01-18T00:00:00Z", "2024-01-18")]
    [InlineData("2024-01-18T09:00:00+10:00", "2024-01-17")]
    [InlineData("2024-01-17T20:00:00-05:00", "2024-01-18")]
    public void The_utc_date_of_an_instant_does_not_depend_on_its_offset(string instant, string utcDate)
    {
        Assert.Equal(A.Date(utcDate), TermDates.UtcDate(A.Instant(instant)));
    }

    [Theory]
    [InlineData("2024-01-31", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2024-02-28", false)]
    [InlineData("2023-02-28", true)]
    [InlineData("2024-04-30", true)]
    [InlineData("2024-05-30", false)]
    [InlineData("2024-12-31", true)]
    [InlineData("2024-12-01", false)]
    public void The_last_day_of_a_month_is_recognised(string date, bool isLast)
    {
        Assert.Equal(isLast, TermDates.IsLastDayOfMonth(A.Date(date)));
    }

    [Theory]
    [InlineData(2024, 2, "2024-02-29")]
    [InlineData(2023, 2, "2023-02-28")]
    [InlineData(2100, 2, "2100-02-28")]
    [InlineData(2024, 4, "2024-04-30")]
    [InlineData(2024, 12, "2024-12-31")]
    public void The_last_day_of_a_month_follows_the_calendar(int year, int month, string lastDay)
    {
        Assert.Equal(A.Date(lastDay), TermDates.LastDayOfMonth(year, month));
    }
}
