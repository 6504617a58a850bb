using Portal.Domain.Common;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// An add-on may migrate without its base when the customer has the base's services: its legacy base is Active,
/// or the customer holds an active New Commerce subscription of a base product. Otherwise it is refused with
/// AddOnBaseServicesMissing.
/// </summary>
public class AddOnAloneTests
{
    private static readonly DateTimeOffset LongAgo = Utc(2025, 1, 5, 8, 0);

    private static LegacySubscription Base(LegacySubscriptionStatus status = LegacySubscriptionStatus.Active) =>
        A.Subscription().Of(A.Office365E3).Named("E3 base").WithStatus(status).Build();

    private static LegacySubscription AddOnOf(LegacySubscription @base) =>
        A.Subscription().Of(A.ExchangeArchiving).Named("Archiving").AddOnOf(@base).BoughtAt(LongAgo).Build();

    [Fact]
    public void AddOnWhoseLegacyBaseIsActiveMigratesAlone()
    {
        var @base = Base();
        var addOn = AddOnOf(@base);
        var sibling = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).BoughtAt(LongAgo).Build();

        var result = A.Context().With(@base, addOn, sibling).Evaluate(addOn);

        Expect.Eligible(result);
        Assert.Equal(addOn.Id, result.Requested.SubscriptionId);
        Assert.True(result.Requested.IsAddOn);
        Assert.Empty(result.AddOns);
        Assert.Equal("CFQ7TTC0LH0Z:0001:0001", result.Requested.CatalogItemId);
    }

    [Fact]
    public void AddOnAloneIsNotBlockedByItsIneligibleBase()
    {
        var @base = A.Subscription().Of(A.Office365E3).WithActivePromotion().Build();
        var addOn = AddOnOf(@base);

        var result = A.Context().With(@base, addOn).Evaluate(addOn);

        Expect.Eligible(result);
    }

    [Theory]
    [InlineData(LegacySubscriptionStatus.Cancelled)]
    [InlineData(LegacySubscriptionStatus.Suspended)]
    [InlineData(LegacySubscriptionStatus.Expired)]
    [InlineData(LegacySubscriptionStatus.Deleted)]
    public void AddOnWhoseLegacyBaseIsNotActiveAndNoNewCommerceBaseIsRefused(LegacySubscriptionStatus baseStatus)
    {
        var @base = Base(baseStatus);
        var addOn = AddOnOf(@base);

        var result = A.Context().With(@base, addOn).Evaluate(addOn);

        var reason = Expect.Only(result.Requested, null, "AddOnBaseServicesMissing");
        Assert.False(string.IsNullOrWhiteSpace(reason.Guidance));
    }

    [Fact]
    public void AddOnWhoseLegacyBaseIsCancelledMigratesAloneWhenTheCustomerHasANewCommerceBaseProduct()
    {
        var @base = Base(LegacySubscriptionStatus.Cancelled);
        var addOn = AddOnOf(@base);

        var result = A.Context().With(@base, addOn).With(ActiveNce(A.Office365E3)).Evaluate(addOn);

        Expect.Eligible(result);
    }

    [Fact]
    public void AddOnWhoseBaseWasMigratedMigratesAloneThroughTheMigratedBase()
    {
        var @base = Base(LegacySubscriptionStatus.Migrated);
        var addOn = AddOnOf(@base);

        var result = A.Context().With(@base, addOn).With(ActiveNce(A.Office365E3, migratedFrom: @base.Id)).Evaluate(addOn);

        Expect.Eligible(result);
    }

    [Fact]
    public void NewCommerceSubscriptionMigratedFromTheBaseCountsEvenUnderAnotherProduct()
    {
        var @base = Base(LegacySubscriptionStatus.Migrated);
        var addOn = AddOnOf(@base);
        var migratedBase = A.NceSubscription().Of(A.BusinessBasic).MigratedFrom(@base.Id).Build();

        var result = A.Context().With(@base, addOn).With(migratedBase).Evaluate(addOn);

        Expect.Eligible(result);
    }

    [Fact]
    public void CancelledNewCommerceBaseDoesNotProvideTheBaseServices()
    {
        var @base = Base(LegacySubscriptionStatus.Cancelled);
        var addOn = AddOnOf(@base);

        var result = A.Context().With(@base, addOn).With(CancelledNce(A.Office365E3)).Evaluate(addOn);

        Expect.Only(result.Requested, null, "AddOnBaseServicesMissing");
    }

    [Fact]
    public void NewCommerceSubscriptionOfAnUnrelatedProductDoesNotProvideTheBaseServices()
    {
        var @base = Base(LegacySubscriptionStatus.Cancelled);
        var addOn = AddOnOf(@base);

        var result = A.Context().With(@base, addOn).With(ActiveNce(A.BusinessBasic)).Evaluate(addOn);

        Expect.Only(result.Requested, null, "AddOnBaseServicesMissing");
    }

    [Fact]
    public void AddOnWhoseBaseIsUnknownNeedsANewCommerceBaseProduct()
    {
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(Guid.NewGuid()).BoughtAt(LongAgo).Build();

        var without = A.Context().With(addOn).Evaluate(addOn);
        var with = A.Context().With(addOn).With(ActiveNce(A.Office365E3)).Evaluate(addOn);

        Expect.Only(without.Requested, null, "AddOnBaseServicesMissing");
        Expect.Eligible(with);
    }

    [Fact]
    public void AddOnAloneIsStillJudgedOnItsOwnRules()
    {
        var @base = Base();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).BoughtAt(LongAgo).WithActivePromotion().Build();

        var result = A.Context().With(@base, addOn).Evaluate(addOn);

        Expect.Only(result.Requested, 3, "SubscriptionPromotionsPresent");
    }

    [Fact]
    public void AddOnAloneInItsFirstMonthIsRefusedInProduction()
    {
        var @base = Base();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).BoughtAt(A.Now.AddDays(-10)).Build();

        var result = A.Context().With(@base, addOn).Evaluate(addOn);

        Expect.Only(result.Requested, 7, "SubscriptionActiveForLessThanOneMonth");
    }

    [Fact]
    public void AddOnAloneMayChangeItsTermBillingAndSeats()
    {
        var @base = Base();
        var addOn = AddOnOf(@base);
        var target = new MigrationTarget(TermDuration.P1M, BillingCycle.Monthly, 2, PurchaseFullTerm: true);

        var result = A.Context().With(@base, addOn).Evaluate(addOn.To(target));

        Expect.Eligible(result);
        Assert.Equal(target, result.Requested.Target);
        Assert.Equal(new DateOnly(2025, 10, 9), result.Requested.NceTermEndDate);
    }

    [Fact]
    public void AddOnTargetsOnARequestForAnAddOnAloneThrow()
    {
        var @base = Base();
        var addOn = AddOnOf(@base);
        var request = new MigrationRequest(addOn.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [Guid.NewGuid()] = MigrationTarget.CarryOver(addOn) },
        };

        Assert.Throws<DomainException>(() => A.Context().With(@base, addOn).Evaluate(request));
    }
}
