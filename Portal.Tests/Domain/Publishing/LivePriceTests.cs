using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>Live offers move with exactly the price they have: their price is locked from booking until the migration is done or failed.</summary>
public class LivePriceTests
{
    [Fact]
    public void A_live_offers_price_can_change_before_a_slot_is_booked()
    {
        var publisher = TypicalPublisher();
        Submitted(publisher);

        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-listed", OfferPrice.Usd(0.50m)).Succeeded);
        Assert.Equal(OfferPrice.Usd(0.50m), publisher.OfferNamed("vm-listed").Price);
    }

    [Fact]
    public void A_live_offers_price_cannot_change_while_the_slot_is_booked()
    {
        var publisher = TypicalPublisher();
        Booked(publisher);

        var outcome = publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-listed", OfferPrice.Usd(0.50m));

        Assert.Equal(PublishingRefusals.LivePriceLocked, outcome.Refusal?.Code);
        Assert.Contains("'Vm Listed' is live", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("Tuesday 2026-03-03 10:00 Pacific time", outcome.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(OfferPrice.Usd(0.40m), publisher.OfferNamed("vm-listed").Price);
    }

    [Fact]
    public void A_live_offers_price_cannot_change_while_the_slot_is_confirmed()
    {
        var publisher = TypicalPublisher();
        Confirmed(publisher);

        Assert.Equal(PublishingRefusals.LivePriceLocked, publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-listed", OfferPrice.Usd(0.50m)).Refusal?.Code);
    }

    [Theory]
    [InlineData(OfferType.SolutionTemplate)]
    [InlineData(OfferType.TestDrive)]
    public void Every_live_offer_is_locked_not_only_the_ones_that_move(OfferType type)
    {
        var publisher = APublisher().WithOffers(OfferOf(type, "other-live", OfferState.Listed)).Build();
        Booked(publisher);

        Assert.Equal(PublishingRefusals.LivePriceLocked, publisher.ChangeOfferPrice(PublishingPortal.Old, "other-live", OfferPrice.Usd(1)).Refusal?.Code);
    }

    [Theory]
    [InlineData(OfferState.Draft)]
    [InlineData(OfferState.Staged)]
    public void An_offer_that_is_not_live_may_change_its_price_while_booked(OfferState state)
    {
        var publisher = APublisher().WithOffers(Vm("vm", state)).Build();
        Confirmed(publisher);

        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.Old, "vm", OfferPrice.Usd(3)).Succeeded);
    }

    [Fact]
    public void Setting_the_same_price_again_is_not_a_change()
    {
        var publisher = TypicalPublisher();
        Booked(publisher);

        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-listed", OfferPrice.Usd(0.40m)).Succeeded);
    }

    [Fact]
    public void Other_edits_of_a_live_offer_are_allowed_while_booked()
    {
        var publisher = TypicalPublisher();
        Booked(publisher);

        Assert.True(publisher.RenameOffer(PublishingPortal.Old, "vm-listed", "Contoso Ubuntu LTS").Succeeded);
    }

    [Fact]
    public void An_offer_that_goes_live_while_booked_is_locked_from_then_on()
    {
        var publisher = APublisher().WithOffers(Vm("vm", OfferState.Staged)).Build();
        Booked(publisher);
        publisher.StartPublishing(PublishingPortal.Old, "vm");
        publisher.FinishInFlight("vm");

        Assert.Equal(PublishingRefusals.LivePriceLocked, publisher.ChangeOfferPrice(PublishingPortal.Old, "vm", OfferPrice.Usd(3)).Refusal?.Code);
    }

    [Fact]
    public void The_lock_is_released_when_the_migration_fails()
    {
        var publisher = APublisher().WithOffers(Vm("vm-listed"), Vm("vm-busy", OfferState.Draft, OfferActivity.Staging)).Build();
        var migration = Confirmed(publisher);
        migration.Run(Slot);

        Assert.False(migration.LocksLivePrices);
        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-listed", OfferPrice.Usd(3)).Succeeded);
    }

    [Fact]
    public void The_lock_returns_when_a_failed_migration_books_a_new_slot()
    {
        var publisher = APublisher().WithOffers(Vm("vm-listed"), Vm("vm-busy", OfferState.Draft, OfferActivity.Staging)).Build();
        var migration = Confirmed(publisher);
        migration.Run(Slot);

        migration.BookSlot(MigrationSlots.TuesdaySlot(TuesdayAfterSpringForward, 10), Slot.AddHours(1));

        Assert.True(migration.LocksLivePrices);
        Assert.Equal(PublishingRefusals.LivePriceLocked, publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-listed", OfferPrice.Usd(3)).Refusal?.Code);
    }

    [Fact]
    public void After_the_migration_a_live_offers_price_changes_on_the_new_portal()
    {
        var publisher = MigratedPublisher();

        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.New, "vm-listed", OfferPrice.Usd(0.45m)).Succeeded);
    }
}
