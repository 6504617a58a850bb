using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>The publishing account's owner (the old portal's admin) confirms the slot at least 24 hours ahead.</summary>
public class SlotConfirmationTests
{
    [Fact]
    public void The_admin_confirms_the_slot_as_the_owner_of_the_publishing_account()
    {
        var migration = Booked(TypicalPublisher());

        var outcome = migration.ConfirmSlot(Admin, Earlier);

        Assert.True(outcome.Succeeded);
        Assert.Equal(PublisherMigrationStatus.Confirmed, migration.Status);
        Assert.Equal(Admin, migration.ConfirmedBy);
        Assert.Equal(Earlier, migration.ConfirmedAt);
    }

    [Fact]
    public void The_owner_is_recognised_regardless_of_case()
    {
        var migration = Booked(TypicalPublisher());

        Assert.True(migration.ConfirmSlot("ADA@Contoso.com", Earlier).Succeeded);
    }

    [Fact]
    public void A_co_admin_cannot_confirm_and_is_told_who_can()
    {
        var migration = Booked(TypicalPublisher());

        var outcome = migration.ConfirmSlot(CoAdmin, Earlier);

        Assert.Equal(PublishingRefusals.NotAccountOwner, outcome.Refusal?.Code);
        Assert.Contains(Admin, outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
        Assert.Null(migration.ConfirmedBy);
    }

    [Fact]
    public void Someone_outside_the_publisher_cannot_confirm()
    {
        var migration = Booked(TypicalPublisher());

        Assert.Equal(PublishingRefusals.NotAccountOwner, migration.ConfirmSlot("mallory@example.com", Earlier).Refusal?.Code);
    }

    [Fact]
    public void Confirming_exactly_24_hours_before_the_slot_is_accepted()
    {
        var migration = Booked(TypicalPublisher());

        Assert.True(migration.ConfirmSlot(Admin, Slot.AddHours(-24)).Succeeded);
    }

    [Fact]
    public void Confirming_one_second_less_than_24_hours_before_the_slot_is_refused()
    {
        var migration = Booked(TypicalPublisher());

        var outcome = migration.ConfirmSlot(Admin, Slot.AddHours(-24).AddSeconds(1));

        Assert.Equal(PublishingRefusals.ConfirmationTooLate, outcome.Refusal?.Code);
        Assert.Contains("at least 24 hours", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
    }

    [Theory]
    [InlineData("2026-03-10T10:00:00-07:00", "2026-03-09T10:00:00-07:00", true)]
    [InlineData("2026-03-10T10:00:00-07:00", "2026-03-09T10:00:01-07:00", false)]
    [InlineData("2026-11-03T10:00:00-08:00", "2026-11-02T10:00:00-08:00", true)]
    [InlineData("2026-11-03T10:00:00-08:00", "2026-11-02T10:00:01-08:00", false)]
    public void The_24_hours_hold_in_the_week_after_each_daylight_saving_change(string slot, string confirmedAt, bool accepted)
    {
        var migration = Booked(TypicalPublisher(), At(slot));

        Assert.Equal(accepted, migration.ConfirmSlot(Admin, At(confirmedAt)).Succeeded);
    }

    [Fact]
    public void The_24_hours_are_elapsed_hours_not_wall_clock_hours_across_a_clock_change()
    {
        // Arranged for Sunday 8 March 12:00 PDT (19:00Z); the clocks sprang forward at 02:00 that morning, so
        // 24 hours earlier is Saturday 11:00 PST, not 12:00.
        var migration = Submitted(TypicalPublisher());
        var sundayNoon = At("2026-03-08T12:00:00-07:00");
        Assert.True(migration.ArrangeSlot(sundayNoon, Operator, Earlier).Succeeded);

        Assert.False(migration.ConfirmSlot(Admin, At("2026-03-07T11:00:01-08:00")).Succeeded);
        Assert.True(migration.ConfirmSlot(Admin, At("2026-03-07T11:00:00-08:00")).Succeeded);
    }

    [Fact]
    public void An_operator_arranged_slot_is_still_confirmed_by_the_owner()
    {
        var migration = Submitted(TypicalPublisher());
        migration.ArrangeSlot(At("2026-03-05T08:00:00-08:00"), Operator, Earlier);

        Assert.Equal(PublishingRefusals.NotAccountOwner, migration.ConfirmSlot(CoAdmin, Earlier).Refusal?.Code);
        Assert.True(migration.ConfirmSlot(Admin, Earlier).Succeeded);
        Assert.Equal(PublisherMigrationStatus.Confirmed, migration.Status);
    }

    [Fact]
    public void Confirming_without_a_booked_slot_is_an_illegal_transition()
    {
        var migration = Submitted(TypicalPublisher());

        Assert.Throws<DomainException>(() => migration.ConfirmSlot(Admin, Earlier));
    }

    [Fact]
    public void Confirming_twice_is_an_illegal_transition()
    {
        var migration = Confirmed(TypicalPublisher());

        Assert.Throws<DomainException>(() => migration.ConfirmSlot(Admin, Earlier));
    }
}
