using Portal.Domain.Catalog;
using Portal.Domain.Customers;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Code 8 (TradeStatusNotAllowed): Government, Education and Nonprofit customers and qualified offers cannot
/// migrate; trials cannot migrate either (same code, their own description and guidance).
/// </summary>
public class SegmentAndTrialTests
{
    private static LegacyOffer QualifiedOffer(CustomerSegment audience) => A.Office365E3 with
    {
        Id = Guid.Parse("0ff1ce00-0000-4000-8000-0000000000e1"),
        Name = $"Office 365 E3 ({audience})",
        Audience = audience,
    };

    [Theory]
    [InlineData(CustomerSegment.Education)]
    [InlineData(CustomerSegment.Government)]
    [InlineData(CustomerSegment.Nonprofit)]
    public void SubscriptionOfANonCommercialCustomerIsIneligibleWithCode8(CustomerSegment segment)
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().WithCustomer(A.Customer(segment)).With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 8, "TradeStatusNotAllowed");
        Assert.Contains(segment.ToString(), reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SubscriptionOfACommercialCustomerHasNoTradeStatusReason()
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().WithCustomer(A.Customer(CustomerSegment.Commercial)).With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Theory]
    [InlineData(CustomerSegment.Education)]
    [InlineData(CustomerSegment.Government)]
    [InlineData(CustomerSegment.Nonprofit)]
    public void QualifiedOfferOfACommercialCustomerIsIneligibleWithCode8(CustomerSegment audience)
    {
        var offer = QualifiedOffer(audience);
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 8, "TradeStatusNotAllowed");
        Assert.Contains(offer.Name, reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void QualifiedOfferOfAQualifiedCustomerIsReportedOnce()
    {
        var offer = QualifiedOffer(CustomerSegment.Education);
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).WithCustomer(A.Customer(CustomerSegment.Education)).With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 8, "TradeStatusNotAllowed");
    }

    [Fact]
    public void TrialSubscriptionIsIneligibleWithCode8AndTrialGuidance()
    {
        var subscription = A.Subscription().AsTrial().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 8, "TradeStatusNotAllowed");
        Assert.Contains("Trial", reason.Description, StringComparison.Ordinal);
        Assert.Contains("Trials run their course in legacy", reason.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialOfANonprofitCustomerGetsBothCode8Reasons()
    {
        var subscription = A.Subscription().AsTrial().Build();

        var result = A.Context().WithCustomer(A.Customer(CustomerSegment.Nonprofit)).With(subscription).Evaluate(subscription);

        Expect.Reasons(result.Requested, (8, "TradeStatusNotAllowed"), (8, "TradeStatusNotAllowed"));
        Assert.Contains(result.Requested.Reasons, r => r.Description.Contains("Nonprofit", StringComparison.Ordinal));
        Assert.Contains(result.Requested.Reasons, r => r.Description.Contains("Trial", StringComparison.Ordinal));
    }
}
