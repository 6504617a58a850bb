using System.Globalization;
using Portal.Domain.Schedules;

namespace Portal.Tests.Domain.Schedules;

public class ScheduleTimingTests
{
    private static readonly DateTimeOffset SeedTermEnd = new(2024, 1, 17, 23, 59, 59, TimeSpan.Zero);

    [Fact]
    public void A_migration_on_a_date_is_due_at_midnight_UTC_that_day()
    {
        var timing = ScheduleTiming.OnDate(new DateOnly(2024, 1, 5));

        Assert.Equal(new DateTimeOffset(2024, 1, 5, 0, 0, 0, TimeSpan.Zero), timing.DueAt(SeedTermEnd));
    }

    [Fact]
    public void A_migration_on_a_date_does_not_depend_on_the_term_end()
    {
        var timing = ScheduleTiming.OnDate(new DateOnly(2024, 1, 5));

        Assert.Equal(timing.DueAt(SeedTermEnd), timing.DueAt(SeedTermEnd.AddMonths(6)));
    }

    [Theory]
    [InlineData("2024-01-17T23:59:59Z", "2024-01-18T00:00:00Z")]
    [InlineData("2024-01-17T00:00:00Z", "2024-01-18T00:00:00Z")]
    [InlineData("2024-01-31T23:59:59Z", "2024-02-01T00:00:00Z")]
    [InlineData("2024-02-28T23:59:59Z", "2024-02-29T00:00:00Z")]
    [InlineData("2024-12-31T23:59:59Z", "2025-01-01T00:00:00Z")]
    public void A_migration_on_renewal_is_due_at_midnight_UTC_the_day_after_the_term_ends(string termEnd, string dueAt)
    {
        var end = DateTimeOffset.Parse(termEnd, CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(dueAt, CultureInfo.InvariantCulture), ScheduleTiming.OnRenewal.DueAt(end));
    }

    [Fact]
    public void A_migration_on_renewal_counts_the_term_end_in_UTC_not_in_its_offset()
    {
        // 23:59:59 in Seattle on 17 January is already 18 January in UTC.
        var termEnd = new DateTimeOffset(2024, 1, 17, 23, 59, 59, TimeSpan.FromHours(-8));

        Assert.Equal(new DateTimeOffset(2024, 1, 19, 0, 0, 0, TimeSpan.Zero), ScheduleTiming.OnRenewal.DueAt(termEnd));
    }

    [Fact]
    public void The_seed_example_migrates_on_renewal_from_2024_01_18_midnight_UTC()
    {
        Assert.Equal(new DateTimeOffset(2024, 1, 18, 0, 0, 0, TimeSpan.Zero), ScheduleTiming.OnRenewal.DueAt(SeedTermEnd));
    }

    [Fact]
    public void On_renewal_has_no_target_date()
    {
        Assert.True(ScheduleTiming.OnRenewal.MigrateOnRenewal);
        Assert.Null(ScheduleTiming.OnRenewal.TargetDate);
    }

    [Fact]
    public void On_a_date_keeps_its_target_date()
    {
        var timing = ScheduleTiming.OnDate(new DateOnly(2024, 1, 5));

        Assert.False(timing.MigrateOnRenewal);
        Assert.Equal(new DateOnly(2024, 1, 5), timing.TargetDate);
    }
}
