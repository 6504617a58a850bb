using Portal.Domain.Eligibility;

namespace Portal.Tests.Domain.Eligibility;

public class OrdinarySubscriptionTests
{
    [Fact]
    public void AnActiveCommercialSubscriptionWithDefaultsIsEligible()
    {
        var subscription = A.Subscription().Build();
        var context = A.Context().With(subscription).Build();

        var result = EligibilityEvaluator.Evaluate(new MigrationRequest(subscription.Id), context);

        Assert.True(result.IsEligible, string.Join(" | ", result.Members.SelectMany(m => m.Reasons)));
        Assert.Equal("CFQ7TTC0LDPB:0001:0001", result.Requested.CatalogItemId);
        Assert.Equal(new DateOnly(2026, 2, 10), result.Requested.NceTermEndDate);
    }
}
