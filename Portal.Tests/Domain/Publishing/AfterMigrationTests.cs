using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>After the migration: migrated offers are read-only on the old portal, creates there are blocked, work continues on the new portal.</summary>
public class AfterMigrationTests
{
    [Fact]
    public void The_old_portal_lists_every_offer_and_only_the_migrated_ones_are_read_only()
    {
        var publisher = MigratedPublisher();

        var old = publisher.OffersOn(PublishingPortal.Old);

        Assert.Equal(["vm-draft", "vm-staged", "vm-listed", "template-listed", "testdrive-listed"], old.Select(o => o.OfferId));
        Assert.Equal(["vm-draft", "vm-staged", "vm-listed"], old.Where(o => o.IsReadOnlyOn(PublishingPortal.Old)).Select(o => o.OfferId));
    }

    [Fact]
    public void The_new_portal_lists_the_migrated_offers_editable()
    {
        var publisher = MigratedPublisher();

        var moved = publisher.OffersOn(PublishingPortal.New);

        Assert.Equal(["vm-draft", "vm-staged", "vm-listed"], moved.Select(o => o.OfferId));
        Assert.All(moved, offer => Assert.False(offer.IsReadOnlyOn(PublishingPortal.New)));
        Assert.Equal([OfferState.Draft, OfferState.Draft, OfferState.Listed], moved.Select(o => o.StateShownOn(PublishingPortal.New)));
    }

    [Fact]
    public void The_old_portal_still_shows_a_migrated_staged_offer_as_staged()
    {
        var publisher = MigratedPublisher();

        Assert.Equal(OfferState.Staged, publisher.OfferNamed("vm-staged").StateShownOn(PublishingPortal.Old));
    }

    [Fact]
    public void Renaming_a_migrated_offer_on_the_old_portal_is_refused_and_points_to_the_new_portal()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.RenameOffer(PublishingPortal.Old, "vm-listed", "Renamed");

        Assert.Equal(PublishingRefusals.ReadOnlyOnOldPortal, outcome.Refusal?.Code);
        Assert.Contains("read-only", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("new portal", outcome.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal("Vm Listed", publisher.OfferNamed("vm-listed").Name);
    }

    [Fact]
    public void Changing_the_price_of_a_migrated_offer_on_the_old_portal_is_refused()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.ChangeOfferPrice(PublishingPortal.Old, "vm-draft", OfferPrice.Usd(5));

        Assert.Equal(PublishingRefusals.ReadOnlyOnOldPortal, outcome.Refusal?.Code);
        Assert.Equal(OfferPrice.Usd(0.25m), publisher.OfferNamed("vm-draft").Price);
    }

    [Fact]
    public void Staging_or_publishing_a_migrated_offer_on_the_old_portal_is_refused()
    {
        var publisher = MigratedPublisher();

        Assert.Equal(PublishingRefusals.ReadOnlyOnOldPortal, publisher.StartStaging(PublishingPortal.Old, "vm-draft").Refusal?.Code);
        Assert.Equal(PublishingRefusals.ReadOnlyOnOldPortal, publisher.StartPublishing(PublishingPortal.Old, "vm-staged").Refusal?.Code);
        Assert.False(publisher.OfferNamed("vm-draft").IsInFlight);
    }

    [Fact]
    public void Creating_an_offer_on_the_old_portal_is_blocked_after_migration()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.CreateOffer(PublishingPortal.Old, "vm-new", "New VM", OfferType.VirtualMachine, OfferPrice.Usd(1));

        Assert.Equal(PublishingRefusals.CreatesBlockedOnOldPortal, outcome.Refusal?.Code);
        Assert.Contains("new portal", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Null(publisher.FindOffer("vm-new"));
    }

    [Theory]
    [InlineData(OfferType.SolutionTemplate)]
    [InlineData(OfferType.TestDrive)]
    [InlineData(OfferType.ManagedApplication)]
    [InlineData(OfferType.SaaS)]
    public void Creating_any_type_of_offer_on_the_old_portal_is_blocked_after_migration(OfferType type)
    {
        var publisher = MigratedPublisher();

        Assert.Equal(PublishingRefusals.CreatesBlockedOnOldPortal, publisher.CreateOffer(PublishingPortal.Old, "new", "New", type, OfferPrice.Usd(1)).Refusal?.Code);
    }

    [Fact]
    public void Before_migration_offers_of_every_type_are_created_on_the_old_portal_as_drafts()
    {
        var publisher = TypicalPublisher();

        foreach (var type in Enum.GetValues<OfferType>())
        {
            Assert.True(publisher.CreateOffer(PublishingPortal.Old, $"new-{type}", "New", type, OfferPrice.Usd(1)).Succeeded);
            var created = publisher.OfferNamed($"new-{type}");
            Assert.Equal(OfferState.Draft, created.State);
            Assert.Equal(PublishingPortal.Old, created.LivesOn);
        }
    }

    [Fact]
    public void A_migrated_offer_is_edited_on_the_new_portal()
    {
        var publisher = MigratedPublisher();

        Assert.True(publisher.RenameOffer(PublishingPortal.New, "vm-listed", "Contoso Ubuntu").Succeeded);
        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.New, "vm-listed", OfferPrice.Usd(0.55m)).Succeeded);

        var offer = publisher.OfferNamed("vm-listed");
        Assert.Equal("Contoso Ubuntu", offer.Name);
        Assert.Equal(OfferPrice.Usd(0.55m), offer.Price);
    }

    [Fact]
    public void A_staged_offer_that_arrived_as_a_draft_is_staged_and_published_again_on_the_new_portal()
    {
        var publisher = MigratedPublisher();

        Assert.True(publisher.StartStaging(PublishingPortal.New, "vm-staged").Succeeded);
        publisher.FinishInFlight("vm-staged");
        Assert.True(publisher.StartPublishing(PublishingPortal.New, "vm-staged").Succeeded);
        publisher.FinishInFlight("vm-staged");

        Assert.Equal(OfferState.Listed, publisher.OfferNamed("vm-staged").State);
    }

    [Fact]
    public void Offers_that_stayed_on_the_old_portal_are_still_edited_there()
    {
        var publisher = MigratedPublisher();

        Assert.True(publisher.RenameOffer(PublishingPortal.Old, "template-listed", "Template v2").Succeeded);
        Assert.True(publisher.ChangeOfferPrice(PublishingPortal.Old, "testdrive-listed", OfferPrice.Usd(1)).Succeeded);
        Assert.Equal("Template v2", publisher.OfferNamed("template-listed").Name);
    }

    [Fact]
    public void Offers_that_stayed_on_the_old_portal_cannot_be_edited_on_the_new_one()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.RenameOffer(PublishingPortal.New, "template-listed", "Template v2");

        Assert.Equal(PublishingRefusals.OfferStaysOnOldPortal, outcome.Refusal?.Code);
        Assert.Contains("stays on the old portal", outcome.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_Virtual_Machine_offers_are_created_on_the_new_portal_after_migration()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.CreateOffer(PublishingPortal.New, "vm-new", "New VM", OfferType.VirtualMachine, OfferPrice.Usd(1));

        Assert.True(outcome.Succeeded);
        var created = publisher.OfferNamed("vm-new");
        Assert.Equal(PublishingPortal.New, created.LivesOn);
        Assert.Equal(OfferState.Draft, created.State);
        Assert.False(created.IsShownOn(PublishingPortal.Old));
        Assert.False(created.IsMigrated);
    }

    [Fact]
    public void The_new_portal_does_not_take_offer_types_that_do_not_migrate()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.CreateOffer(PublishingPortal.New, "template-new", "New template", OfferType.SolutionTemplate, OfferPrice.Usd(1));

        Assert.Equal(PublishingRefusals.OfferTypeNotOnNewPortal, outcome.Refusal?.Code);
    }

    [Fact]
    public void Before_migration_nothing_can_be_done_on_the_new_portal()
    {
        var publisher = TypicalPublisher();

        Assert.Equal(PublishingRefusals.NotOnNewPortalYet, publisher.CreateOffer(PublishingPortal.New, "vm-new", "New", OfferType.VirtualMachine, OfferPrice.Usd(1)).Refusal?.Code);
        Assert.Equal(PublishingRefusals.NotOnNewPortalYet, publisher.RenameOffer(PublishingPortal.New, "vm-listed", "x").Refusal?.Code);
        Assert.Equal(PublishingRefusals.NotOnNewPortalYet, publisher.AddContributor("new@contoso.com").Refusal?.Code);
        Assert.Empty(publisher.OffersOn(PublishingPortal.New));
    }

    [Fact]
    public void An_offer_id_is_unique_across_both_portals()
    {
        var publisher = MigratedPublisher();

        Assert.Equal(PublishingRefusals.OfferIdTaken, publisher.CreateOffer(PublishingPortal.New, "VM-LISTED", "Again", OfferType.VirtualMachine, OfferPrice.Usd(1)).Refusal?.Code);
    }

    [Fact]
    public void A_co_admin_added_on_the_old_portal_after_migration_does_not_become_a_contributor()
    {
        var publisher = MigratedPublisher();

        Assert.True(publisher.AddCoAdmin("late@contoso.com").Succeeded);

        Assert.Equal(PublisherRole.CoAdmin, publisher.RoleOn(PublishingPortal.Old, "late@contoso.com"));
        Assert.Null(publisher.RoleOn(PublishingPortal.New, "late@contoso.com"));
    }

    [Fact]
    public void Someone_new_on_the_new_portal_is_added_as_a_contributor_there_only()
    {
        var publisher = MigratedPublisher();

        Assert.True(publisher.AddContributor("nia@contoso.com").Succeeded);

        Assert.Equal(PublisherRole.Contributor, publisher.RoleOn(PublishingPortal.New, "nia@contoso.com"));
        Assert.Null(publisher.RoleOn(PublishingPortal.Old, "nia@contoso.com"));
        Assert.Equal(PublishingRefusals.AlreadyAUser, publisher.AddContributor(CoAdmin).Refusal?.Code);
        Assert.Equal(PublishingRefusals.AlreadyAUser, publisher.AddContributor(Admin).Refusal?.Code);
    }
}
