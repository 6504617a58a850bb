using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>Running a confirmed migration at its slot, when nothing is in flight.</summary>
public class MigrationRunTests
{
    public static TheoryData<OfferType, OfferState> OtherTypesInEveryState()
    {
        var data = new TheoryData<OfferType, OfferState>();
        foreach (var type in Enum.GetValues<OfferType>().Where(t => t != OfferType.VirtualMachine))
        {
            foreach (var state in Enum.GetValues<OfferState>())
            {
                data.Add(type, state);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(OfferState.Draft, OfferState.Draft)]
    [InlineData(OfferState.Staged, OfferState.Draft)]
    [InlineData(OfferState.Listed, OfferState.Listed)]
    public void A_Virtual_Machine_offer_moves_to_the_new_portal_and_a_staged_one_arrives_as_a_draft(OfferState before, OfferState after)
    {
        var publisher = APublisher().WithOffers(Vm("vm", before)).Build();

        var outcome = Confirmed(publisher).Run(Slot);

        Assert.True(outcome.Succeeded);
        var offer = publisher.OfferNamed("vm");
        Assert.Equal(PublishingPortal.New, offer.LivesOn);
        Assert.Equal(after, offer.State);
        Assert.Equal(before, offer.StateOnOldPortal);
        Assert.Equal(before, offer.StateShownOn(PublishingPortal.Old));
        Assert.Equal(after, offer.StateShownOn(PublishingPortal.New));
        Assert.True(offer.IsMigrated);
        Assert.Equal(Slot, offer.MigratedAt);
    }

    [Theory]
    [MemberData(nameof(OtherTypesInEveryState))]
    public void Every_other_offer_type_stays_on_the_old_portal_in_every_state(OfferType type, OfferState state)
    {
        var publisher = APublisher().WithOffers(OfferOf(type, "other", state)).Build();

        var outcome = Confirmed(publisher).Run(Slot);

        Assert.True(outcome.Succeeded);
        var offer = publisher.OfferNamed("other");
        Assert.Equal(PublishingPortal.Old, offer.LivesOn);
        Assert.Equal(state, offer.State);
        Assert.False(offer.IsMigrated);
        Assert.Null(offer.StateOnOldPortal);
        Assert.False(offer.IsReadOnlyOn(PublishingPortal.Old));
        Assert.False(offer.IsShownOn(PublishingPortal.New));
    }

    [Fact]
    public void A_live_offer_stays_live_with_exactly_the_same_price()
    {
        var publisher = APublisher().WithOffers(Vm("vm-live", OfferState.Listed, price: 1.37m)).Build();

        Confirmed(publisher).Run(Slot);

        var offer = publisher.OfferNamed("vm-live");
        Assert.True(offer.IsLive);
        Assert.Equal(OfferPrice.Usd(1.37m), offer.Price);
    }

    [Fact]
    public void The_admin_becomes_the_owner_and_every_co_admin_a_contributor()
    {
        var publisher = TypicalPublisher();
        Assert.Null(publisher.Owner);
        Assert.Empty(publisher.Contributors);

        Confirmed(publisher).Run(Slot);

        Assert.Equal(Admin, publisher.Owner);
        Assert.Equal([CoAdmin, OtherCoAdmin], publisher.Contributors);
        Assert.Equal(PublisherRole.Owner, publisher.RoleOn(PublishingPortal.New, Admin));
        Assert.Equal(PublisherRole.Contributor, publisher.RoleOn(PublishingPortal.New, CoAdmin));
        Assert.Equal(PublisherRole.Contributor, publisher.RoleOn(PublishingPortal.New, OtherCoAdmin));
    }

    [Fact]
    public void The_old_portal_keeps_its_admin_and_co_admins_for_the_offers_that_stayed()
    {
        var publisher = MigratedPublisher();

        Assert.Equal(PublisherRole.Admin, publisher.RoleOn(PublishingPortal.Old, Admin));
        Assert.Equal(PublisherRole.CoAdmin, publisher.RoleOn(PublishingPortal.Old, CoAdmin));
    }

    [Fact]
    public void A_publisher_without_co_admins_gets_an_owner_and_no_contributors()
    {
        var publisher = APublisher().WithCoAdmins().WithOffers(Vm("vm")).Build();

        Confirmed(publisher).Run(Slot);

        Assert.Equal(Admin, publisher.Owner);
        Assert.Empty(publisher.Contributors);
    }

    [Fact]
    public void A_successful_run_completes_the_migration_and_records_the_attempt()
    {
        var publisher = TypicalPublisher();
        var migration = Confirmed(publisher);

        migration.Run(Slot.AddMinutes(5));

        Assert.Equal(PublisherMigrationStatus.Completed, migration.Status);
        Assert.Equal(Slot.AddMinutes(5), migration.CompletedAt);
        Assert.Equal(Slot.AddMinutes(5), publisher.MigratedAt);
        Assert.True(publisher.HasMigrated);
        Assert.False(migration.LocksLivePrices);
        var attempt = Assert.Single(migration.Attempts);
        Assert.True(attempt.Succeeded);
        Assert.Equal(["vm-draft", "vm-staged", "vm-listed"], attempt.MovedOfferIds);
        Assert.Empty(attempt.BlockingOfferIds);
    }

    [Fact]
    public void The_publisher_is_notified_that_the_migration_is_done_with_what_moved_and_what_stayed()
    {
        var publisher = TypicalPublisher();
        var migration = Confirmed(publisher);

        migration.Run(Slot);

        var notification = Assert.Single(migration.Notifications);
        Assert.Equal(PublisherNotificationKind.Completed, notification.Kind);
        Assert.Equal(PublisherId, notification.PublisherId);
        Assert.Equal(Admin, notification.Recipient);
        Assert.Equal(Slot, notification.At);
        Assert.Contains("Contoso", notification.Subject, StringComparison.Ordinal);
        Assert.Contains("continue to work on the new portal", notification.Text, StringComparison.Ordinal);
        Assert.Contains("'Vm Listed' (Listed)", notification.Text, StringComparison.Ordinal);
        Assert.Contains("Staged offers became drafts you need to publish in the new portal: 'Vm Staged'", notification.Text, StringComparison.Ordinal);
        Assert.Contains("'Template Listed' (SolutionTemplate)", notification.Text, StringComparison.Ordinal);
        Assert.Contains("'Testdrive Listed' (TestDrive)", notification.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_publisher_with_only_other_offer_types_still_migrates_its_account()
    {
        var publisher = APublisher().WithOffers(OfferOf(OfferType.SaaS, "saas")).Build();

        var outcome = Confirmed(publisher).Run(Slot);

        Assert.True(outcome.Succeeded);
        Assert.True(publisher.HasMigrated);
        Assert.Empty(publisher.OffersOn(PublishingPortal.New));
        Assert.Equal(Admin, publisher.Owner);
    }

    [Fact]
    public void The_run_may_start_at_the_first_second_of_the_slot()
    {
        var migration = Confirmed(TypicalPublisher());

        Assert.True(migration.Run(Slot).Succeeded);
    }

    [Fact]
    public void Running_one_second_before_the_slot_starts_is_an_illegal_transition_and_changes_nothing()
    {
        var publisher = TypicalPublisher();
        var migration = Confirmed(publisher);

        Assert.Throws<DomainException>(() => migration.Run(Slot.AddSeconds(-1)));
        Assert.Equal(PublisherMigrationStatus.Confirmed, migration.Status);
        Assert.False(publisher.HasMigrated);
        Assert.Empty(migration.Notifications);
    }

    [Fact]
    public void An_unconfirmed_booking_cannot_run()
    {
        var migration = Booked(TypicalPublisher());

        Assert.Throws<DomainException>(() => migration.Run(Slot));
        Assert.Equal(PublisherMigrationStatus.SlotBooked, migration.Status);
    }

    [Fact]
    public void A_migration_without_a_slot_cannot_run()
    {
        var migration = Submitted(TypicalPublisher());

        Assert.Throws<DomainException>(() => migration.Run(Slot));
    }

    [Fact]
    public void A_completed_migration_cannot_run_again()
    {
        var migration = MigratedPublisher().Migration!;

        Assert.Throws<DomainException>(() => migration.Run(Slot.AddDays(7)));
    }

    [Fact]
    public void An_operator_arranged_slot_runs_at_its_own_time()
    {
        var publisher = TypicalPublisher();
        var migration = Submitted(publisher);
        var fridayMorning = At("2026-03-06T07:00:00-08:00");
        migration.ArrangeSlot(fridayMorning, Operator, Earlier);
        migration.ConfirmSlot(Admin, Earlier);

        Assert.Throws<DomainException>(() => migration.Run(fridayMorning.AddSeconds(-1)));
        Assert.True(migration.Run(fridayMorning).Succeeded);
        Assert.True(publisher.HasMigrated);
    }
}
