namespace Portal.Tests.Domain.Eligibility;

/// <summary>Code 3: subscriptions with an active promotion, or that had one at initial purchase, cannot migrate.</summary>
public class PromotionTests
{
    [Fact]
    public void SubscriptionWithAnActivePromotionIsIneligibleWithCode3()
    {
        var subscription = A.Subscription().WithActivePromotion().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 3, "SubscriptionPromotionsPresent");
        Assert.Contains("active promotion", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SubscriptionBoughtWithAPromotionIsIneligibleWithCode3EvenWhenThePromotionHasEnded()
    {
        var subscription = A.Subscription().WithPromotionAtPurchase().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 3, "SubscriptionPromotionsPresent");
        Assert.Contains("bought with a promotion", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SubscriptionWithBothKindsOfPromotionGetsCode3Once()
    {
        var subscription = A.Subscription().WithActivePromotion().WithPromotionAtPurchase().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 3, "SubscriptionPromotionsPresent");
    }

    [Fact]
    public void SubscriptionWithoutAnyPromotionIsEligible()
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void PromotionGuidanceSaysNewCommercePromotionsAreIndependent()
    {
        var subscription = A.Subscription().WithActivePromotion().Build();

        var reason = Expect.Only(A.Context().With(subscription).Evaluate(subscription).Requested, 3, "SubscriptionPromotionsPresent");

        Assert.Contains("independent", reason.Guidance, StringComparison.Ordinal);
    }
}
