using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// The seed's reasons without a Partner Center number: the partner organization must be active with a valid profile,
/// and the customer must not have removed the partner relationship. They are reported on every bundle member.
/// </summary>
public class PartnerAndRelationshipTests
{
    [Fact]
    public void ActivePartnerWithACompleteProfileAndARelationshipMayMigrate()
    {
        var subscription = A.Subscription().Build();
        var partner = A.Partner() with { IsActive = true, ProfileComplete = true };

        var result = A.Context().WithPartner(partner).WithCustomer(A.Customer(relationshipActive: true)).With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void InactivePartnerOrganizationCannotMigrate()
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().WithPartner(A.Partner() with { IsActive = false }).With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, null, "PartnerOrganizationInactive");
        Assert.False(string.IsNullOrWhiteSpace(reason.Guidance));
    }

    [Fact]
    public void PartnerWithAnIncompleteProfileCannotMigrate()
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().WithPartner(A.Partner() with { ProfileComplete = false }).With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, null, "PartnerProfileInvalid");
    }

    [Fact]
    public void CustomerWhoRemovedThePartnerRelationshipCannotBeMigrated()
    {
        var subscription = A.Subscription().Build();

        var result = A.Context().WithCustomer(A.Customer(relationshipActive: false)).With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, null, "NoActiveCustomerPartnerRelationship");
        Assert.Contains("restore", reason.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void PartnerAndCustomerReasonsAreReportedTogether()
    {
        var subscription = A.Subscription().Build();
        var partner = A.Partner() with { IsActive = false, ProfileComplete = false };

        var result = A.Context().WithPartner(partner).WithCustomer(A.Customer(relationshipActive: false)).With(subscription).Evaluate(subscription);

        Expect.Reasons(
            result.Requested,
            (null, "PartnerOrganizationInactive"),
            (null, "PartnerProfileInvalid"),
            (null, "NoActiveCustomerPartnerRelationship"));
    }

    [Fact]
    public void PartnerReasonsAreReportedOnEveryBundleMember()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).BoughtAt(Utc(2025, 1, 5)).Build();

        var result = A.Context().WithPartner(A.Partner() with { ProfileComplete = false }).With(@base, addOn).Evaluate(@base);

        Expect.Only(Assert.Single(result.AddOns), null, "PartnerProfileInvalid");
        Expect.Reasons(result.Requested, (null, "PartnerProfileInvalid"), (4, "SubscriptionAddOnsPresent"));
    }
}
