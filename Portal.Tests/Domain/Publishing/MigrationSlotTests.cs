using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>Regular slots: Tuesdays, starting 10:00, 11:00 or 12:00 Pacific time, whatever the UTC offset that week.</summary>
public class MigrationSlotTests
{
    [Fact]
    public void A_Tuesday_10_00_slot_is_18_00_UTC_in_winter_on_Pacific_Standard_Time()
    {
        Assert.Equal(Utc(2026, 3, 3, 18), MigrationSlots.TuesdaySlot(TuesdayBeforeSpringForward, 10));
        Assert.Equal(Utc(2026, 11, 3, 18), MigrationSlots.TuesdaySlot(TuesdayAfterFallBack, 10));
    }

    [Fact]
    public void A_Tuesday_10_00_slot_is_17_00_UTC_in_summer_on_Pacific_Daylight_Time()
    {
        Assert.Equal(Utc(2026, 3, 10, 17), MigrationSlots.TuesdaySlot(TuesdayAfterSpringForward, 10));
        Assert.Equal(Utc(2026, 10, 27, 17), MigrationSlots.TuesdaySlot(TuesdayBeforeFallBack, 10));
    }

    [Theory]
    [InlineData(2026, 3, 3, 18, true)]
    [InlineData(2026, 3, 3, 17, false)]
    [InlineData(2026, 3, 10, 17, true)]
    [InlineData(2026, 3, 10, 16, false)]
    [InlineData(2026, 10, 27, 17, true)]
    [InlineData(2026, 10, 27, 16, false)]
    [InlineData(2026, 11, 3, 18, true)]
    [InlineData(2026, 11, 3, 17, false)]
    public void The_first_UTC_hour_of_the_window_moves_by_an_hour_across_each_daylight_saving_change(int year, int month, int day, int utcHour, bool isSlot) =>
        Assert.Equal(isSlot, MigrationSlots.IsRegularSlotStart(Utc(year, month, day, utcHour)));

    [Theory]
    [InlineData(2026, 3, 3, 20, true)]
    [InlineData(2026, 3, 3, 21, false)]
    [InlineData(2026, 3, 10, 19, true)]
    [InlineData(2026, 3, 10, 20, false)]
    [InlineData(2026, 10, 27, 19, true)]
    [InlineData(2026, 10, 27, 20, false)]
    [InlineData(2026, 11, 3, 20, true)]
    [InlineData(2026, 11, 3, 21, false)]
    public void The_last_slot_starts_at_12_00_Pacific_whatever_UTC_hour_that_is(int year, int month, int day, int utcHour, bool isSlot) =>
        Assert.Equal(isSlot, MigrationSlots.IsRegularSlotStart(Utc(year, month, day, utcHour)));

    [Theory]
    [InlineData("2026-03-03T09:00:00-08:00", false)]
    [InlineData("2026-03-03T09:59:00-08:00", false)]
    [InlineData("2026-03-03T09:59:59-08:00", false)]
    [InlineData("2026-03-03T10:00:00-08:00", true)]
    [InlineData("2026-03-03T10:00:01-08:00", false)]
    [InlineData("2026-03-03T10:30:00-08:00", false)]
    [InlineData("2026-03-03T11:00:00-08:00", true)]
    [InlineData("2026-03-03T12:00:00-08:00", true)]
    [InlineData("2026-03-03T12:30:00-08:00", false)]
    [InlineData("2026-03-03T13:00:00-08:00", false)]
    [InlineData("2026-03-10T09:59:00-07:00", false)]
    [InlineData("2026-03-10T10:00:00-07:00", true)]
    [InlineData("2026-03-10T12:00:00-07:00", true)]
    [InlineData("2026-03-10T13:00:00-07:00", false)]
    public void A_slot_starts_on_the_hour_at_10_11_or_12_Pacific_so_it_ends_by_13_00(string start, bool isSlot) =>
        Assert.Equal(isSlot, MigrationSlots.IsRegularSlotStart(At(start)));

    [Theory]
    [InlineData("2026-03-02T10:00:00-08:00", false)]
    [InlineData("2026-03-03T10:00:00-08:00", true)]
    [InlineData("2026-03-04T10:00:00-08:00", false)]
    [InlineData("2026-03-09T10:00:00-07:00", false)]
    [InlineData("2026-03-10T10:00:00-07:00", true)]
    [InlineData("2026-03-11T10:00:00-07:00", false)]
    [InlineData("2026-03-08T10:00:00-07:00", false)]
    [InlineData("2026-03-07T10:00:00-08:00", false)]
    public void Only_Tuesdays_have_slots_not_Mondays_Wednesdays_or_weekends(string start, bool isSlot) =>
        Assert.Equal(isSlot, MigrationSlots.IsRegularSlotStart(At(start)));

    [Fact]
    public void The_weekday_is_the_Pacific_one_so_a_Tuesday_evening_in_Pacific_time_is_not_a_slot_although_it_is_Wednesday_UTC()
    {
        Assert.False(MigrationSlots.IsRegularSlotStart(At("2026-03-04T02:00:00Z")));
        Assert.False(MigrationSlots.IsRegularSlotStart(At("2026-03-04T18:00:00Z")));
    }

    [Fact]
    public void The_same_instant_given_in_any_offset_is_the_same_slot()
    {
        Assert.True(MigrationSlots.IsRegularSlotStart(At("2026-03-10T17:00:00Z")));
        Assert.True(MigrationSlots.IsRegularSlotStart(At("2026-03-10T19:00:00+02:00")));
        Assert.True(MigrationSlots.IsRegularSlotStart(At("2026-03-10T10:00:00-07:00")));
    }

    [Fact]
    public void A_slot_lasts_one_hour_and_the_last_one_ends_at_13_00_Pacific()
    {
        var last = MigrationSlot.Regular(MigrationSlots.TuesdaySlot(TuesdayAfterSpringForward, 12));

        Assert.Equal(TimeSpan.FromHours(1), MigrationSlots.Length);
        Assert.Equal(Utc(2026, 3, 10, 20), last.End);
        Assert.Equal(13, TimeZoneInfo.ConvertTime(last.End, MigrationSlots.Pacific).Hour);
        Assert.False(last.IsArrangedByOperator);
    }

    [Fact]
    public void A_slot_is_stored_in_UTC_and_shown_in_Pacific_time()
    {
        var slot = MigrationSlot.Regular(At("2026-03-10T10:00:00-07:00"));

        Assert.Equal(TimeSpan.Zero, slot.Start.Offset);
        Assert.Equal(Utc(2026, 3, 10, 17), slot.Start);
        Assert.Equal(TimeSpan.FromHours(-7), slot.PacificStart.Offset);
        Assert.Equal("Tuesday 2026-03-10 10:00 Pacific time (17:00 UTC)", slot.ToString());
    }

    [Fact]
    public void A_regular_slot_cannot_be_made_outside_the_window()
    {
        Assert.Throws<DomainException>(() => MigrationSlot.Regular(At("2026-03-03T13:00:00-08:00")));
        Assert.Throws<DomainException>(() => MigrationSlots.TuesdaySlot(new DateOnly(2026, 3, 4), 10));
        Assert.Throws<DomainException>(() => MigrationSlots.TuesdaySlot(TuesdayBeforeSpringForward, 13));
        Assert.Throws<DomainException>(() => MigrationSlots.TuesdaySlot(TuesdayBeforeSpringForward, 9));
    }

    [Fact]
    public void An_operator_arranged_slot_names_its_operator()
    {
        var slot = MigrationSlot.ArrangedByOperator(At("2026-03-05T08:30:00-08:00"), Operator);

        Assert.True(slot.IsArrangedByOperator);
        Assert.Equal(Operator, slot.ArrangedBy);
        Assert.EndsWith($"arranged by {Operator}", slot.ToString(), StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => MigrationSlot.ArrangedByOperator(Slot, " "));
    }

    [Fact]
    public void The_bookable_slots_start_24_hours_from_now_and_follow_the_offset_of_their_own_week()
    {
        var mondayTenPacific = At("2026-03-02T10:00:00-08:00");

        var slots = MigrationSlots.Bookable(mondayTenPacific, 5);

        Assert.Equal(
            [Utc(2026, 3, 3, 18), Utc(2026, 3, 3, 19), Utc(2026, 3, 3, 20), Utc(2026, 3, 10, 17), Utc(2026, 3, 10, 18)],
            slots);
    }

    [Fact]
    public void A_slot_less_than_24_hours_away_is_not_bookable_any_more()
    {
        var oneSecondLater = At("2026-03-02T10:00:01-08:00");

        Assert.Equal(Utc(2026, 3, 3, 19), MigrationSlots.NextBookable(oneSecondLater));
    }

    [Fact]
    public void After_the_last_slot_of_the_week_is_out_of_reach_the_next_bookable_slot_is_the_following_Tuesday()
    {
        var mondayAfterNoonPacific = At("2026-11-02T12:00:01-08:00");

        Assert.Equal(Utc(2026, 11, 10, 18), MigrationSlots.NextBookable(mondayAfterNoonPacific));
    }
}
