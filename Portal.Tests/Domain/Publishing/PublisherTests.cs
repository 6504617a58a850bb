using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>A publisher with one admin and co-admins on the old portal, and nobody on the new one until it migrates.</summary>
public class PublisherTests
{
    [Fact]
    public void A_publisher_starts_on_the_old_portal_with_its_admin_and_co_admins()
    {
        var publisher = TypicalPublisher();

        Assert.Equal(PublisherName, publisher.Name);
        Assert.Equal(PublisherId, publisher.PublisherId);
        Assert.Equal(Admin, publisher.Admin);
        Assert.Equal([CoAdmin, OtherCoAdmin], publisher.CoAdmins);
        Assert.Null(publisher.Owner);
        Assert.Empty(publisher.Contributors);
        Assert.False(publisher.HasMigrated);
        Assert.Null(publisher.Migration);
        Assert.Equal(Admin, publisher.AccountOwner);
        Assert.Equal(5, publisher.OffersOn(PublishingPortal.Old).Count);
    }

    [Fact]
    public void Roles_on_the_old_portal_are_admin_and_co_admin()
    {
        var publisher = TypicalPublisher();

        Assert.Equal(PublisherRole.Admin, publisher.RoleOn(PublishingPortal.Old, Admin));
        Assert.Equal(PublisherRole.CoAdmin, publisher.RoleOn(PublishingPortal.Old, "CORY@contoso.com"));
        Assert.Null(publisher.RoleOn(PublishingPortal.Old, "mallory@example.com"));
        Assert.Null(publisher.RoleOn(PublishingPortal.New, Admin));
    }

    [Fact]
    public void The_admin_owns_the_publishing_account_and_no_co_admin_does()
    {
        var publisher = TypicalPublisher();

        Assert.True(publisher.IsAccountOwner(Admin));
        Assert.False(publisher.IsAccountOwner(CoAdmin));
    }

    [Fact]
    public void A_co_admin_is_added_on_the_old_portal_once()
    {
        var publisher = TypicalPublisher();

        Assert.True(publisher.AddCoAdmin("new@contoso.com").Succeeded);
        Assert.Equal(PublishingRefusals.AlreadyAUser, publisher.AddCoAdmin("NEW@contoso.com").Refusal?.Code);
        Assert.Equal(PublishingRefusals.AlreadyAUser, publisher.AddCoAdmin(Admin).Refusal?.Code);
    }

    [Fact]
    public void A_publisher_needs_a_name_an_id_and_an_admin()
    {
        Assert.Throws<DomainException>(() => Publisher.Create("", PublisherName, Admin));
        Assert.Throws<DomainException>(() => Publisher.Create(PublisherId, " ", Admin));
        Assert.Throws<DomainException>(() => Publisher.Create(PublisherId, PublisherName, ""));
    }

    [Fact]
    public void Users_and_offer_ids_appear_once_in_a_publisher()
    {
        Assert.Throws<DomainException>(() => APublisher().WithCoAdmins(CoAdmin, CoAdmin).Build());
        Assert.Throws<DomainException>(() => APublisher().WithCoAdmins(Admin).Build());
        Assert.Throws<DomainException>(() => APublisher().WithOffers(Vm("vm"), Vm("VM")).Build());
    }

    [Fact]
    public void Only_Virtual_Machine_offers_migrate()
    {
        Assert.Equal([OfferType.VirtualMachine], Publisher.MigratingOfferTypes);
    }
}
