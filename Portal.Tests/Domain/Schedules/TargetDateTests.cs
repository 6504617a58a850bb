using Portal.Domain.Common;
using Portal.Domain.Schedules;
using static Portal.Tests.Domain.Schedules.ScheduleTestData;

namespace Portal.Tests.Domain.Schedules;

/// <summary>A target date must be today or later (UTC), and no later than the last day of the current term.</summary>
public class TargetDateTests
{
    public static TheoryData<DateOnly> AllowedDates => [Today, Today.AddDays(1), LastDayOfTerm.AddDays(-1), LastDayOfTerm];

    public static TheoryData<DateOnly> RefusedDates => [Today.AddDays(-1), Today.AddYears(-1), LastDayOfTerm.AddDays(1), LastDayOfTerm.AddYears(1)];

    [Theory]
    [MemberData(nameof(AllowedDates))]
    public void The_book_schedules_an_allowed_target_date(DateOnly date)
    {
        var result = SchedulePartner(Subscription(), [], ScheduleTiming.OnDate(date));

        Assert.True(result.Outcome.Succeeded);
        Assert.Equal(date, result.Schedule?.Timing.TargetDate);
    }

    [Theory]
    [MemberData(nameof(AllowedDates))]
    public void A_schedule_can_be_created_for_an_allowed_target_date(DateOnly date)
    {
        var schedule = PartnerSchedule(Subscription(), ScheduleTiming.OnDate(date));

        Assert.Equal(date, schedule.Timing.TargetDate);
    }

    [Theory]
    [MemberData(nameof(RefusedDates))]
    public void The_book_refuses_a_target_date_in_the_past_or_after_the_term(DateOnly date)
    {
        var result = SchedulePartner(Subscription(), [], ScheduleTiming.OnDate(date));

        Assert.False(result.Outcome.Succeeded);
        Assert.Equal("InvalidTargetDate", result.Outcome.Refusal?.Code);
        Assert.Null(result.Schedule);
    }

    [Fact]
    public void The_refusal_names_the_range_of_allowed_dates()
    {
        var result = SchedulePartner(Subscription(), [], ScheduleTiming.OnDate(Today.AddDays(-1)));

        Assert.Contains("2025-09-10", result.Outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("2026-02-10", result.Outcome.Refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RefusedDates))]
    public void Creating_a_schedule_for_a_refused_target_date_throws(DateOnly date)
    {
        Assert.Throws<DomainException>(() => PartnerSchedule(Subscription(), ScheduleTiming.OnDate(date)));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(23, 59, 59)]
    public void Today_is_allowed_at_any_time_of_the_UTC_day(int hour, int minute, int second)
    {
        var now = new DateTimeOffset(2025, 9, 10, hour, minute, second, TimeSpan.Zero);

        Assert.True(ScheduleBook.TargetDateAllowed(Today, TermEnd, now));
        Assert.False(ScheduleBook.TargetDateAllowed(Today.AddDays(-1), TermEnd, now));
    }

    [Fact]
    public void Today_means_the_UTC_day()
    {
        // 18:00 on 9 September in Seattle is already 10 September in UTC: 9 September is in the past.
        var now = new DateTimeOffset(2025, 9, 9, 18, 0, 0, TimeSpan.FromHours(-7));

        Assert.False(ScheduleBook.TargetDateAllowed(Today.AddDays(-1), TermEnd, now));
        Assert.True(ScheduleBook.TargetDateAllowed(Today, TermEnd, now));
    }

    [Fact]
    public void A_schedule_on_renewal_has_no_target_date_to_check()
    {
        var result = SchedulePartner(Subscription(), [], ScheduleTiming.OnRenewal, now: TermEnd);

        Assert.True(result.Outcome.Succeeded);
    }
}
