using Portal.Domain.Eligibility;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Code 7: in production a subscription cannot migrate in its first month of service (from purchase to the same
/// time one calendar month later). The sandbox skips this check so partners can rehearse.
/// </summary>
public class FirstMonthTests
{
    private static readonly DateTimeOffset Purchase = Utc(2025, 8, 20, 9, 30);
    private static readonly DateTimeOffset OneMonthLater = Utc(2025, 9, 20, 9, 30);

    [Fact]
    public void SubscriptionBoughtLessThanAMonthAgoIsIneligibleInProduction()
    {
        var subscription = A.Subscription().BoughtAt(Purchase).Build();

        var result = A.Context().With(subscription).At(OneMonthLater.AddSeconds(-1)).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 7, "SubscriptionActiveForLessThanOneMonth");
        Assert.Contains("2025-09-20 09:30", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SubscriptionBoughtExactlyOneMonthAgoIsEligibleInProduction()
    {
        var subscription = A.Subscription().BoughtAt(Purchase).Build();

        var result = A.Context().With(subscription).At(OneMonthLater).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SubscriptionBoughtASecondAgoIsIneligibleInProduction()
    {
        var subscription = A.Subscription().BoughtAt(Purchase).Build();

        var result = A.Context().With(subscription).At(Purchase.AddSeconds(1)).Evaluate(subscription);

        Expect.Only(result.Requested, 7, "SubscriptionActiveForLessThanOneMonth");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60 * 60 * 24 * 15)]
    public void SubscriptionInItsFirstMonthIsEligibleInTheSandbox(int secondsAfterPurchase)
    {
        var subscription = A.Subscription().BoughtAt(Purchase).Build();

        var result = A.Context().InSandbox().With(subscription).At(Purchase.AddSeconds(secondsAfterPurchase)).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SandboxSkipsOnlyTheFirstMonthCheck()
    {
        var subscription = A.Subscription().BoughtAt(Purchase).WithActivePromotion().Build();

        var result = A.Context().InSandbox().With(subscription).At(Purchase.AddDays(3)).Evaluate(subscription);

        Expect.Only(result.Requested, 3, "SubscriptionPromotionsPresent");
    }

    [Fact]
    public void OneMonthAfterTheLastDayOfJanuaryIsTheLastDayOfFebruary()
    {
        var subscription = A.Subscription().BoughtAt(Utc(2025, 1, 31, 10, 0)).EndingOn(2026, 1, 30).Build();

        var before = A.Context().With(subscription).At(Utc(2025, 2, 28, 9, 59, 59)).Evaluate(subscription);
        var at = A.Context().With(subscription).At(Utc(2025, 2, 28, 10, 0)).Evaluate(subscription);

        Expect.Only(before.Requested, 7, "SubscriptionActiveForLessThanOneMonth");
        Expect.Eligible(at);
    }

    [Fact]
    public void ScheduledMigrationIsJudgedAtItsTargetTimeNotWhenItIsMade()
    {
        var subscription = A.Subscription().BoughtAt(Purchase).Build();
        var context = A.Context().With(subscription).At(Purchase.AddDays(5));

        var tooEarly = context.Evaluate(new MigrationRequest(subscription.Id) { At = OneMonthLater.AddSeconds(-1) });
        var afterFirstMonth = context.Evaluate(new MigrationRequest(subscription.Id) { At = OneMonthLater });

        Expect.Only(tooEarly.Requested, 7, "SubscriptionActiveForLessThanOneMonth");
        Expect.Eligible(afterFirstMonth);
        Assert.Equal(OneMonthLater, afterFirstMonth.EvaluatedFor);
    }

    [Fact]
    public void EvaluationWithoutATargetTimeIsForTheContextsNow()
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().With(subscription).At(Utc(2025, 10, 1, 8, 0)).Evaluate(subscription);

        Assert.Equal(Utc(2025, 10, 1, 8, 0), result.EvaluatedFor);
    }
}
