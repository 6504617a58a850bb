using Portal.Domain.Migrations;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Code 6: the target term and billing must be a pair New Commerce sells (P1M monthly; P1Y monthly or annual;
/// P3Y monthly, annual or triennial) and one the mapped product offers. The target seat count must be at least 1.
/// </summary>
public class TermBillingPairTests
{
    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Monthly)]
    [InlineData(TermDuration.P1Y, BillingCycle.Monthly)]
    [InlineData(TermDuration.P1Y, BillingCycle.Annual)]
    [InlineData(TermDuration.P3Y, BillingCycle.Monthly)]
    [InlineData(TermDuration.P3Y, BillingCycle.Annual)]
    [InlineData(TermDuration.P3Y, BillingCycle.Triennial)]
    public void EveryPairNewCommerceSellsIsAcceptedAsATarget(TermDuration term, BillingCycle billing)
    {
        var subscription = A.Subscription().Of(A.Office365E3).Build();

        var result = A.Context().With(subscription).Evaluate(subscription.To(new MigrationTarget(term, billing, 10, PurchaseFullTerm: true)));

        Expect.Eligible(result);
        Assert.Equal(new TermBilling(term, billing), result.Requested.Target.TermBilling);
    }

    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Annual)]
    [InlineData(TermDuration.P1M, BillingCycle.Triennial)]
    [InlineData(TermDuration.P1Y, BillingCycle.Triennial)]
    public void PairNewCommerceDoesNotSellIsIneligibleWithCode6(TermDuration term, BillingCycle billing)
    {
        var subscription = A.Subscription().Of(A.Office365E3).Build();

        var result = A.Context().With(subscription).Evaluate(subscription.To(new MigrationTarget(term, billing, 10)));

        Expect.Only(result.Requested, 6, "TermDurationBillingCycleCombinationNotSupported");
    }

    [Fact]
    public void LegacySubscriptionWhosePairIsNotSoldInNewCommerceCannotCarryItOver()
    {
        var subscription = A.Subscription().Of(A.Office365E3).WithTerm(TermDuration.P1M, BillingCycle.Annual).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 6, "TermDurationBillingCycleCombinationNotSupported");
    }

    [Fact]
    public void LegacySubscriptionWithAnUnsupportedPairMayMigrateWhenThePartnerPicksASupportedOne()
    {
        var subscription = A.Subscription().Of(A.Office365E3).WithTerm(TermDuration.P1M, BillingCycle.Annual).Build();

        var result = A.Context().With(subscription).Evaluate(subscription.To(new MigrationTarget(TermDuration.P1Y, BillingCycle.Annual, 10)));

        Expect.Eligible(result);
    }

    [Fact]
    public void PairNewCommerceSellsButTheProductDoesNotIsIneligibleWithCode6ListingTheProductsPairs()
    {
        var offer = A.Office365E3 with
        {
            AllowedTargets = [new(TermDuration.P1Y, BillingCycle.Monthly), new(TermDuration.P1Y, BillingCycle.Annual)],
        };
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).With(subscription).Evaluate(subscription.To(new MigrationTarget(TermDuration.P3Y, BillingCycle.Triennial, 10)));

        var reason = Expect.Only(result.Requested, 6, "TermDurationBillingCycleCombinationNotSupported");
        Assert.Contains("P1Y Monthly, P1Y Annual", reason.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("P3Y", reason.Description.Split(';')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void PairTheProductListsButNewCommerceDoesNotSellIsStillRefused()
    {
        var offer = A.Office365E3 with { AllowedTargets = [new(TermDuration.P1M, BillingCycle.Annual)] };
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).With(subscription).Evaluate(subscription.To(new MigrationTarget(TermDuration.P1M, BillingCycle.Annual, 10)));

        Expect.Only(result.Requested, 6, "TermDurationBillingCycleCombinationNotSupported");
    }

    [Fact]
    public void TargetOfOneSeatIsAccepted()
    {
        var subscription = A.Subscription().WithSeats(10).Build();

        var result = A.Context().With(subscription).Evaluate(subscription.To(subscription.WithSeats(1)));

        Expect.Eligible(result);
        Assert.Equal(1, result.Requested.Target.Quantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void TargetOfNoSeatsIsRefusedAsAnInvalidQuantity(int seats)
    {
        var subscription = A.Subscription().WithSeats(10).Build();

        var result = A.Context().With(subscription).Evaluate(subscription.To(subscription.WithSeats(seats)));

        Expect.Only(result.Requested, null, "InvalidQuantity");
    }

    [Fact]
    public void TargetMayHaveMoreSeatsThanTheLegacySubscription()
    {
        var subscription = A.Subscription().Of(A.Office365E3).WithSeats(10).Build();

        var result = A.Context().With(subscription).Evaluate(subscription.To(subscription.WithSeats(2500)));

        Expect.Eligible(result);
    }
}
