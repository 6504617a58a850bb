using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>A migration that meets an offer being staged or published fails, reverts everything and lets a new slot be booked.</summary>
public class MigrationFailureTests
{
    [Theory]
    [InlineData(OfferType.VirtualMachine, OfferState.Draft, OfferActivity.Staging)]
    [InlineData(OfferType.VirtualMachine, OfferState.Staged, OfferActivity.Publishing)]
    [InlineData(OfferType.SolutionTemplate, OfferState.Draft, OfferActivity.Staging)]
    [InlineData(OfferType.TestDrive, OfferState.Staged, OfferActivity.Publishing)]
    [InlineData(OfferType.ManagedApplication, OfferState.Draft, OfferActivity.Staging)]
    [InlineData(OfferType.SaaS, OfferState.Staged, OfferActivity.Publishing)]
    public void Any_offer_of_any_type_being_staged_or_published_makes_the_migration_fail(OfferType type, OfferState state, OfferActivity activity)
    {
        var publisher = APublisher().WithOffers([.. TypicalOffers(), OfferOf(type, "busy", state, activity)]).Build();
        var migration = Confirmed(publisher);

        var outcome = migration.Run(Slot);

        Assert.False(outcome.Succeeded);
        Assert.Equal(PublishingRefusals.OffersInFlight, outcome.Refusal!.Code);
        Assert.Equal(PublisherMigrationStatus.Failed, migration.Status);
        Assert.False(publisher.HasMigrated);
    }

    [Fact]
    public void Offers_at_rest_in_every_state_do_not_make_the_migration_fail()
    {
        var publisher = APublisher().WithOffers(
            [.. TypicalOffers(), OfferOf(OfferType.SaaS, "saas-draft", OfferState.Draft), OfferOf(OfferType.ManagedApplication, "app-staged", OfferState.Staged)]).Build();

        Assert.True(Confirmed(publisher).Run(Slot).Succeeded);
    }

    [Fact]
    public void The_failure_names_every_offer_in_flight_and_what_it_was_doing()
    {
        var publisher = APublisher().WithOffers(
            Vm("vm-listed"),
            Vm("vm-going-live", OfferState.Staged, OfferActivity.Publishing),
            OfferOf(OfferType.SolutionTemplate, "template-staging", OfferState.Draft, OfferActivity.Staging)).Build();
        var migration = Confirmed(publisher);

        var outcome = migration.Run(Slot);

        Assert.Contains("'Vm Going Live' (vm-going-live, being published)", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("'Template Staging' (template-staging, being staged)", outcome.Refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("vm-listed", outcome.Refusal.Message, StringComparison.Ordinal);
        Assert.StartsWith(migration.FailureReason!, outcome.Refusal.Message, StringComparison.Ordinal);
        var attempt = Assert.Single(migration.Attempts);
        Assert.False(attempt.Succeeded);
        Assert.Equal(["vm-going-live", "template-staging"], attempt.BlockingOfferIds);
        Assert.Empty(attempt.MovedOfferIds);
        Assert.Equal(migration.FailureReason, attempt.FailureReason);
    }

    [Fact]
    public void A_failure_reverts_everything_so_nothing_is_half_moved()
    {
        // The Virtual Machine offers before and after the busy one are visited by the run; all must end where they began.
        var publisher = APublisher().WithOffers(
            Vm("vm-first", OfferState.Staged),
            Vm("vm-busy", OfferState.Draft, OfferActivity.Staging),
            Vm("vm-last", OfferState.Listed, price: 2.5m),
            OfferOf(OfferType.TestDrive, "testdrive")).Build();
        var before = publisher.Offers.Select(Describe).ToList();

        Confirmed(publisher).Run(Slot);

        Assert.Equal(before, publisher.Offers.Select(Describe).ToList());
        Assert.All(publisher.Offers, offer => Assert.False(offer.IsReadOnlyOn(PublishingPortal.Old)));
        Assert.Empty(publisher.OffersOn(PublishingPortal.New));
        Assert.Null(publisher.Owner);
        Assert.Empty(publisher.Contributors);
        Assert.Null(publisher.RoleOn(PublishingPortal.New, Admin));
        Assert.False(publisher.HasMigrated);
        Assert.Null(publisher.MigratedAt);
    }

    [Fact]
    public void After_a_failure_the_old_portal_works_as_before()
    {
        var publisher = APublisher().WithOffers(Vm("vm", OfferState.Listed), Vm("vm-busy", OfferState.Draft, OfferActivity.Staging)).Build();
        Confirmed(publisher).Run(Slot);

        Assert.True(publisher.CreateOffer(PublishingPortal.Old, "vm-new", "New VM", OfferType.VirtualMachine, OfferPrice.Usd(1)).Succeeded);
        Assert.True(publisher.RenameOffer(PublishingPortal.Old, "vm", "Renamed").Succeeded);
        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.Old, "vm", OfferPrice.Usd(9)).Succeeded);
        Assert.Equal(PublishingRefusals.NotOnNewPortalYet, publisher.RenameOffer(PublishingPortal.New, "vm", "x").Refusal?.Code);
    }

    [Fact]
    public void The_publisher_is_notified_of_the_failure_with_the_offers_and_the_next_slot_it_can_book()
    {
        var publisher = APublisher().WithOffers(Vm("vm-busy", OfferState.Staged, OfferActivity.Publishing)).Build();
        var migration = Confirmed(publisher);

        migration.Run(Slot.AddMinutes(2));

        var notification = Assert.Single(migration.Notifications);
        Assert.Equal(PublisherNotificationKind.Failed, notification.Kind);
        Assert.Equal(Admin, notification.Recipient);
        Assert.Equal(Slot.AddMinutes(2), notification.At);
        Assert.Contains("failed and was reverted", notification.Subject, StringComparison.Ordinal);
        Assert.Contains("'Vm Busy' (vm-busy, being published)", notification.Text, StringComparison.Ordinal);
        Assert.Contains("nothing moved", notification.Text, StringComparison.Ordinal);
        Assert.Contains("book a new slot", notification.Text, StringComparison.Ordinal);
        Assert.Contains("Tuesday 2026-03-10 10:00 Pacific time (17:00 UTC)", notification.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_migration_can_book_a_new_slot_and_goes_back_to_SlotBooked()
    {
        var publisher = APublisher().WithOffers(Vm("vm-busy", OfferState.Draft, OfferActivity.Staging)).Build();
        var migration = Confirmed(publisher);
        migration.Run(Slot);
        var nextWeek = MigrationSlots.TuesdaySlot(TuesdayAfterSpringForward, 10);

        Assert.True(migration.CanBook);
        var outcome = migration.BookSlot(nextWeek, Slot.AddHours(1));

        Assert.True(outcome.Succeeded);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
        Assert.Equal(nextWeek, migration.Slot!.Start);
        Assert.Null(migration.FailureReason);
        Assert.Null(migration.ConfirmedBy);
        Assert.Single(migration.Attempts);
    }

    [Fact]
    public void An_operator_may_reschedule_a_failed_migration()
    {
        var publisher = APublisher().WithOffers(Vm("vm-busy", OfferState.Draft, OfferActivity.Staging)).Build();
        var migration = Confirmed(publisher);
        migration.Run(Slot);

        Assert.True(migration.ArrangeSlot(Slot.AddDays(2), Operator, Slot.AddHours(1)).Succeeded);
        Assert.True(migration.Slot!.IsArrangedByOperator);
    }

    [Fact]
    public void A_failed_migration_cannot_run_again_until_a_new_slot_is_booked_and_confirmed()
    {
        var publisher = APublisher().WithOffers(Vm("vm-busy", OfferState.Draft, OfferActivity.Staging)).Build();
        var migration = Confirmed(publisher);
        migration.Run(Slot);

        Assert.Throws<DomainException>(() => migration.Run(Slot.AddMinutes(30)));
        Assert.Throws<DomainException>(() => migration.ConfirmSlot(Admin, Slot.AddMinutes(30)));
    }

    [Fact]
    public void Once_the_offer_has_finished_staging_the_rebooked_migration_completes()
    {
        var publisher = APublisher().WithOffers(Vm("vm-busy", OfferState.Draft, OfferActivity.Staging), Vm("vm-listed")).Build();
        var migration = Confirmed(publisher);
        migration.Run(Slot);
        publisher.FinishInFlight("vm-busy");
        var nextWeek = MigrationSlots.TuesdaySlot(TuesdayAfterSpringForward, 12);
        migration.BookSlot(nextWeek, Slot.AddHours(1));
        migration.ConfirmSlot(Admin, Slot.AddHours(1));

        var outcome = migration.Run(nextWeek);

        Assert.True(outcome.Succeeded);
        Assert.Equal(PublisherMigrationStatus.Completed, migration.Status);
        var movedStaged = publisher.OfferNamed("vm-busy");
        Assert.Equal(PublishingPortal.New, movedStaged.LivesOn);
        Assert.Equal(OfferState.Draft, movedStaged.State);
        Assert.Equal(OfferState.Staged, movedStaged.StateOnOldPortal);
        Assert.Equal([PublisherNotificationKind.Failed, PublisherNotificationKind.Completed], migration.Notifications.Select(n => n.Kind));
        Assert.Equal([false, true], migration.Attempts.Select(a => a.Succeeded));
    }

    private static string Describe(Offer offer) =>
        $"{offer.OfferId}|{offer.Name}|{offer.Type}|{offer.State}|{offer.Activity}|{offer.Price}|{offer.LivesOn}|{offer.StateOnOldPortal}|{offer.MigratedAt}";
}
