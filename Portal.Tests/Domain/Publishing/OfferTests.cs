using Portal.Domain.Common;
using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>Offers, their prices and the publishing flow Draft -> Staging -> Staged -> Publishing -> Listed.</summary>
public class OfferTests
{
    [Fact]
    public void An_existing_offer_keeps_what_it_was_loaded_with_and_lives_on_the_old_portal()
    {
        var offer = Offer.Existing(" contoso-ubuntu ", " Contoso Ubuntu ", OfferType.VirtualMachine, OfferState.Listed, OfferPrice.Usd(0.12m));

        Assert.Equal("contoso-ubuntu", offer.OfferId);
        Assert.Equal("Contoso Ubuntu", offer.Name);
        Assert.Equal(OfferState.Listed, offer.State);
        Assert.Equal(OfferActivity.None, offer.Activity);
        Assert.Equal(PublishingPortal.Old, offer.LivesOn);
        Assert.Equal(PublishingPortal.Old, offer.CreatedOn);
        Assert.True(offer.IsLive);
        Assert.False(offer.IsInFlight);
        Assert.False(offer.IsMigrated);
        Assert.True(offer.IsShownOn(PublishingPortal.Old));
        Assert.False(offer.IsShownOn(PublishingPortal.New));
    }

    [Theory]
    [InlineData(OfferState.Draft, OfferActivity.Staging, true)]
    [InlineData(OfferState.Staged, OfferActivity.Publishing, true)]
    [InlineData(OfferState.Staged, OfferActivity.Staging, false)]
    [InlineData(OfferState.Listed, OfferActivity.Staging, false)]
    [InlineData(OfferState.Draft, OfferActivity.Publishing, false)]
    [InlineData(OfferState.Listed, OfferActivity.Publishing, false)]
    public void Staging_starts_from_a_draft_and_publishing_from_a_staged_offer(OfferState state, OfferActivity activity, bool possible)
    {
        var load = () => Offer.Existing("o", "O", OfferType.VirtualMachine, state, OfferPrice.Usd(1), activity);

        if (possible)
        {
            Assert.True(load().IsInFlight);
        }
        else
        {
            Assert.Throws<DomainException>(load);
        }
    }

    [Fact]
    public void An_offer_needs_an_id_and_a_name()
    {
        Assert.Throws<DomainException>(() => Offer.Existing(" ", "Name", OfferType.SaaS, OfferState.Draft, OfferPrice.Usd(1)));
        Assert.Throws<DomainException>(() => Offer.Existing("id", "", OfferType.SaaS, OfferState.Draft, OfferPrice.Usd(1)));
    }

    [Fact]
    public void A_price_is_never_negative_and_has_a_three_letter_currency()
    {
        Assert.Equal(new OfferPrice(0, "usd"), OfferPrice.Usd(0));
        Assert.Equal("EUR", new OfferPrice(1, " eur ").Currency);
        Assert.Throws<DomainException>(() => OfferPrice.Usd(-0.01m));
        Assert.Throws<DomainException>(() => new OfferPrice(1, "EURO"));
        Assert.Throws<DomainException>(() => new OfferPrice(1, ""));
    }

    [Fact]
    public void A_draft_is_staged_then_published_to_go_live()
    {
        var publisher = APublisher().WithOffers(Vm("vm", OfferState.Draft)).Build();

        Assert.True(publisher.StartStaging(PublishingPortal.Old, "vm").Succeeded);
        Assert.Equal(OfferActivity.Staging, publisher.OfferNamed("vm").Activity);
        publisher.FinishInFlight("vm");
        Assert.Equal(OfferState.Staged, publisher.OfferNamed("vm").State);
        Assert.True(publisher.StartPublishing(PublishingPortal.Old, "vm").Succeeded);
        Assert.Equal(OfferActivity.Publishing, publisher.OfferNamed("vm").Activity);
        publisher.FinishInFlight("vm");

        var offer = publisher.OfferNamed("vm");
        Assert.Equal(OfferState.Listed, offer.State);
        Assert.Equal(OfferActivity.None, offer.Activity);
        Assert.True(offer.IsLive);
    }

    [Fact]
    public void Staging_or_publishing_from_the_wrong_state_is_an_illegal_transition()
    {
        var publisher = APublisher().WithOffers(Vm("listed"), Vm("draft", OfferState.Draft), Vm("busy", OfferState.Draft, OfferActivity.Staging)).Build();

        Assert.Throws<DomainException>(() => publisher.StartStaging(PublishingPortal.Old, "listed"));
        Assert.Throws<DomainException>(() => publisher.StartPublishing(PublishingPortal.Old, "draft"));
        Assert.Throws<DomainException>(() => publisher.StartStaging(PublishingPortal.Old, "busy"));
        Assert.Throws<DomainException>(() => publisher.FinishInFlight("listed"));
    }

    [Fact]
    public void Acting_on_an_offer_the_publisher_does_not_have_is_a_programming_error()
    {
        var publisher = TypicalPublisher();

        Assert.Throws<DomainException>(() => publisher.RenameOffer(PublishingPortal.Old, "missing", "x"));
    }
}
