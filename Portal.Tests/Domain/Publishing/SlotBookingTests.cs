using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>Booking a slot, and an operator arranging another time.</summary>
public class SlotBookingTests
{
    [Fact]
    public void Booking_a_Tuesday_slot_moves_the_migration_to_SlotBooked()
    {
        var migration = Submitted(TypicalPublisher());

        var outcome = migration.BookSlot(Slot, Earlier);

        Assert.True(outcome.Succeeded);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
        Assert.Equal(Slot, migration.Slot!.Start);
        Assert.False(migration.Slot.IsArrangedByOperator);
        Assert.Equal(Earlier, migration.BookedAt);
        Assert.Null(migration.ConfirmedBy);
    }

    [Theory]
    [InlineData("2026-03-03T09:59:00-08:00")]
    [InlineData("2026-03-03T13:00:00-08:00")]
    [InlineData("2026-03-03T10:15:00-08:00")]
    [InlineData("2026-03-02T10:00:00-08:00")]
    [InlineData("2026-03-04T10:00:00-08:00")]
    [InlineData("2026-03-10T13:00:00-07:00")]
    public void A_time_outside_the_Tuesday_window_is_refused_with_the_rule_spelled_out(string start)
    {
        var migration = Submitted(TypicalPublisher());

        var outcome = migration.BookSlot(At(start), Earlier);

        Assert.Equal(PublishingRefusals.NotAMigrationSlot, outcome.Refusal?.Code);
        Assert.Contains("Tuesdays from 10:00 to 13:00 Pacific time", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(PublisherMigrationStatus.Submitted, migration.Status);
        Assert.Null(migration.Slot);
    }

    [Theory]
    [InlineData("2026-03-03T10:00:00-08:00")]
    [InlineData("2026-03-03T12:00:00-08:00")]
    [InlineData("2026-03-10T10:00:00-07:00")]
    [InlineData("2026-03-10T12:00:00-07:00")]
    [InlineData("2026-10-27T10:00:00-07:00")]
    [InlineData("2026-11-03T10:00:00-08:00")]
    public void Slots_in_the_weeks_around_both_daylight_saving_changes_can_be_booked(string start)
    {
        var migration = Submitted(TypicalPublisher());

        Assert.True(migration.BookSlot(At(start), Earlier).Succeeded);
    }

    [Fact]
    public void A_slot_exactly_24_hours_away_can_be_booked()
    {
        var migration = Submitted(TypicalPublisher());

        Assert.True(migration.BookSlot(Slot, Slot.AddHours(-24)).Succeeded);
    }

    [Fact]
    public void A_slot_less_than_24_hours_away_is_refused_and_the_refusal_offers_the_next_slot()
    {
        var migration = Submitted(TypicalPublisher());

        var outcome = migration.BookSlot(Slot, Slot.AddHours(-24).AddSeconds(1));

        Assert.Equal(PublishingRefusals.SlotTooSoon, outcome.Refusal?.Code);
        Assert.Contains("Tuesday 2026-03-03 11:00 Pacific time (19:00 UTC)", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Null(migration.Slot);
    }

    [Fact]
    public void A_slot_in_the_past_is_refused()
    {
        var migration = Submitted(TypicalPublisher(), Slot.AddDays(1));

        Assert.Equal(PublishingRefusals.SlotTooSoon, migration.BookSlot(Slot, Slot.AddDays(1)).Refusal?.Code);
    }

    [Fact]
    public void Booking_another_slot_replaces_the_booking_and_its_confirmation()
    {
        var migration = Confirmed(TypicalPublisher());
        var nextWeek = MigrationSlots.TuesdaySlot(TuesdayAfterSpringForward, 11);

        var outcome = migration.BookSlot(nextWeek, Earlier.AddHours(1));

        Assert.True(outcome.Succeeded);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
        Assert.Equal(nextWeek, migration.Slot!.Start);
        Assert.Null(migration.ConfirmedBy);
        Assert.Null(migration.ConfirmedAt);
    }

    [Fact]
    public void An_operator_may_arrange_any_day_and_hour_and_the_slot_is_flagged_as_arranged()
    {
        var migration = Submitted(TypicalPublisher());
        var thursdayEvening = At("2026-03-05T19:30:00-08:00");

        var outcome = migration.ArrangeSlot(thursdayEvening, Operator, Earlier);

        Assert.True(outcome.Succeeded);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
        Assert.Equal(thursdayEvening, migration.Slot!.Start);
        Assert.True(migration.Slot.IsArrangedByOperator);
        Assert.Equal(Operator, migration.Slot.ArrangedBy);
        Assert.Equal(thursdayEvening.AddHours(1), migration.Slot.End);
    }

    [Fact]
    public void An_operator_arranged_time_must_still_be_at_least_24_hours_away()
    {
        var migration = Submitted(TypicalPublisher());
        var thursdayEvening = At("2026-03-05T19:30:00-08:00");

        Assert.Equal(PublishingRefusals.SlotTooSoon, migration.ArrangeSlot(thursdayEvening, Operator, thursdayEvening.AddHours(-24).AddSeconds(1)).Refusal?.Code);
        Assert.True(migration.ArrangeSlot(thursdayEvening, Operator, thursdayEvening.AddHours(-24)).Succeeded);
    }

    [Fact]
    public void A_completed_migration_cannot_book_another_slot()
    {
        var publisher = MigratedPublisher();
        var migration = publisher.Migration!;

        Assert.False(migration.CanBook);
        Assert.Throws<DomainException>(() => migration.BookSlot(MigrationSlots.TuesdaySlot(TuesdayAfterFallBack, 10), Slot.AddDays(1)));
        Assert.Throws<DomainException>(() => migration.ArrangeSlot(Slot.AddDays(30), Operator, Slot.AddDays(1)));
    }
}
