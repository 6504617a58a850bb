using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>Code 9: the partner of record on the subscription must be a valid, active partner ID.</summary>
public class PartnerOfRecordTests
{
    private const string IndirectReseller = "7654321";

    [Fact]
    public void SubscriptionWhosePartnerOfRecordIsThePartnerItselfIsEligible()
    {
        var subscription = A.Subscription().WithPartnerOfRecord(A.PartnerMpnId).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void ThePartnerItselfNeedsNoEntryInTheListOfActivePartnersOfRecord()
    {
        var subscription = A.Subscription().WithPartnerOfRecord(A.PartnerMpnId).Build();
        var context = A.Context().With(subscription).Build() with { ActivePartnerIds = new HashSet<string>() };

        var result = Portal.Domain.Eligibility.EligibilityEvaluator.Evaluate(new(subscription.Id), context);

        Expect.Eligible(result);
    }

    [Fact]
    public void SubscriptionWhosePartnerOfRecordIsAnActiveIndirectResellerIsEligible()
    {
        var subscription = A.Subscription().WithPartnerOfRecord(IndirectReseller).Build();

        var result = A.Context().WithActivePartnerId(IndirectReseller).With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SubscriptionWhosePartnerOfRecordIsNotAnActivePartnerIsIneligibleWithCode9()
    {
        var subscription = A.Subscription().WithPartnerOfRecord(IndirectReseller).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 9, "InvalidPartnerIdOnRecord");
        Assert.Contains(IndirectReseller, reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SubscriptionWithoutPartnerOfRecordIsJudgedByThePartnersOwnId()
    {
        var subscription = A.Subscription().WithPartnerOfRecord("").Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SubscriptionWithoutPartnerOfRecordOfAnInactivePartnerIsRefusedForThePartnerNotForCode9()
    {
        var subscription = A.Subscription().WithPartnerOfRecord("").Build();
        var partner = A.Partner() with { IsActive = false };

        var result = A.Context().WithPartner(partner).With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, null, "PartnerOrganizationInactive");
    }

    [Fact]
    public void InvalidPartnerOfRecordOfAnAddOnBlocksItsBundle()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).WithPartnerOfRecord(IndirectReseller).BoughtAt(Utc(2025, 1, 5)).Build();

        var result = A.Context().With(@base, addOn).Evaluate(@base);

        Expect.Only(Assert.Single(result.AddOns), 9, "InvalidPartnerIdOnRecord");
        Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
    }
}
