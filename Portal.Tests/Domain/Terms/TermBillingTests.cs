using Portal.Domain.Catalog;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Terms;

public class TermBillingTests
{
    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Monthly, true)]
    [InlineData(TermDuration.P1M, BillingCycle.Annual, false)]
    [InlineData(TermDuration.P1M, BillingCycle.Triennial, false)]
    [InlineData(TermDuration.P1Y, BillingCycle.Monthly, true)]
    [InlineData(TermDuration.P1Y, BillingCycle.Annual, true)]
    [InlineData(TermDuration.P1Y, BillingCycle.Triennial, false)]
    [InlineData(TermDuration.P3Y, BillingCycle.Monthly, true)]
    [InlineData(TermDuration.P3Y, BillingCycle.Annual, true)]
    [InlineData(TermDuration.P3Y, BillingCycle.Triennial, true)]
    public void New_commerce_sells_exactly_the_allowed_term_and_billing_pairs(TermDuration term, BillingCycle billing, bool sold)
    {
        Assert.Equal(sold, new TermBilling(term, billing).IsSoldInNewCommerce);
    }

    [Fact]
    public void The_list_of_new_commerce_pairs_holds_the_six_allowed_pairs_once_each()
    {
        var expected = new[]
        {
            new TermBilling(TermDuration.P1M, BillingCycle.Monthly),
            new TermBilling(TermDuration.P1Y, BillingCycle.Monthly),
            new TermBilling(TermDuration.P1Y, BillingCycle.Annual),
            new TermBilling(TermDuration.P3Y, BillingCycle.Monthly),
            new TermBilling(TermDuration.P3Y, BillingCycle.Annual),
            new TermBilling(TermDuration.P3Y, BillingCycle.Triennial),
        };

        Assert.Equal(expected.OrderBy(p => p.ToString()), TermBilling.NewCommercePairs.OrderBy(p => p.ToString()));
    }

    [Fact]
    public void Every_one_of_the_nine_combinations_is_either_in_the_list_or_not_sold()
    {
        var all = from term in Enum.GetValues<TermDuration>()
                  from billing in Enum.GetValues<BillingCycle>()
                  select new TermBilling(term, billing);

        Assert.All(all, pair => Assert.Equal(TermBilling.NewCommercePairs.Contains(pair), pair.IsSoldInNewCommerce));
        Assert.Equal(9, all.Count());
    }

    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Monthly, "P1M Monthly")]
    [InlineData(TermDuration.P1Y, BillingCycle.Annual, "P1Y Annual")]
    [InlineData(TermDuration.P3Y, BillingCycle.Triennial, "P3Y Triennial")]
    public void A_pair_is_written_as_its_iso_term_and_billing_cycle(TermDuration term, BillingCycle billing, string text)
    {
        Assert.Equal(text, new TermBilling(term, billing).ToString());
    }

    [Fact]
    public void An_offer_that_lists_no_pairs_of_its_own_allows_every_pair_new_commerce_sells()
    {
        var offer = A.Office365E3;

        Assert.All(TermBilling.NewCommercePairs, pair => Assert.True(offer.Allows(pair), $"{pair} should be allowed"));
    }

    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Monthly, true)]
    [InlineData(TermDuration.P1Y, BillingCycle.Annual, true)]
    [InlineData(TermDuration.P1Y, BillingCycle.Monthly, false)]
    [InlineData(TermDuration.P3Y, BillingCycle.Monthly, false)]
    [InlineData(TermDuration.P3Y, BillingCycle.Annual, false)]
    [InlineData(TermDuration.P3Y, BillingCycle.Triennial, false)]
    public void An_offer_that_sells_fewer_pairs_allows_only_those(TermDuration term, BillingCycle billing, bool allowed)
    {
        var offer = OfferSelling(
            new TermBilling(TermDuration.P1M, BillingCycle.Monthly),
            new TermBilling(TermDuration.P1Y, BillingCycle.Annual));

        Assert.Equal(allowed, offer.Allows(new TermBilling(term, billing)));
    }

    [Fact]
    public void An_offer_cannot_allow_a_pair_new_commerce_does_not_sell_even_when_it_lists_it()
    {
        var unsold = new TermBilling(TermDuration.P1M, BillingCycle.Annual);
        var offer = OfferSelling(unsold, new TermBilling(TermDuration.P1Y, BillingCycle.Annual));

        Assert.False(offer.Allows(unsold));
        Assert.True(offer.Allows(new TermBilling(TermDuration.P1Y, BillingCycle.Annual)));
    }

    private static LegacyOffer OfferSelling(params TermBilling[] pairs) =>
        A.Office365E3 with { AllowedTargets = pairs };
}
