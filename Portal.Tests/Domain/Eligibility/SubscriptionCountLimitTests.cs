using Portal.Domain.Catalog;
using Portal.Domain.Subscriptions;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Some New Commerce products limit how many subscriptions one customer may hold. Active New Commerce
/// subscriptions of the product, migrations in flight and earlier members of the same request count; reaching
/// the limit refuses the next with NceSubscriptionCountLimitReached.
/// </summary>
public class SubscriptionCountLimitTests
{
    private static readonly DateTimeOffset LongAgo = Utc(2025, 1, 5, 8, 0);

    private static LegacyOffer E3LimitedTo(int limit) => A.Office365E3 with { NceSubscriptionCountLimit = limit };

    private static LegacySubscription E3() => A.Subscription().Of(A.Office365E3).Build();

    [Fact]
    public void FirstSubscriptionOfAProductLimitedToOneMigrates()
    {
        var subscription = E3();

        var result = A.Context().WithOffer(E3LimitedTo(1)).With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SecondSubscriptionOfAProductLimitedToOneIsRefused()
    {
        var subscription = E3();

        var result = A.Context().WithOffer(E3LimitedTo(1)).With(subscription).With(ActiveNce(A.Office365E3)).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, null, "NceSubscriptionCountLimitReached");
        Assert.Contains("CFQ7TTC0LF8Q/0001", reason.Description, StringComparison.Ordinal);
        Assert.Contains("already has 1", reason.Description, StringComparison.Ordinal);
        Assert.Contains("offer matrix", reason.Guidance, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void LimitOfTwoAcceptsOneMoreBesideOneAndNoneBesideTwo(int held, bool eligible)
    {
        var subscription = E3();
        var existing = Enumerable.Range(0, held).Select(_ => ActiveNce(A.Office365E3)).ToArray();

        var result = A.Context().WithOffer(E3LimitedTo(2)).With(subscription).With(existing).Evaluate(subscription);

        Assert.Equal(eligible, result.IsEligible);
        if (!eligible)
        {
            Expect.Only(result.Requested, null, "NceSubscriptionCountLimitReached");
        }
    }

    [Fact]
    public void MigrationInFlightOfTheProductCounts()
    {
        var subscription = E3();

        var result = A.Context().WithOffer(E3LimitedTo(1)).With(subscription).WithInFlight(A.Office365E3, 5).Evaluate(subscription);

        Expect.Only(result.Requested, null, "NceSubscriptionCountLimitReached");
    }

    [Fact]
    public void MigrationInFlightWhoseNewCommerceSubscriptionAlreadyExistsIsCountedOnce()
    {
        var migrating = A.Subscription().Of(A.Office365E3).WithStatus(LegacySubscriptionStatus.Suspended).Build();
        var subscription = E3();

        var result = A.Context()
            .WithOffer(E3LimitedTo(2))
            .With(migrating, subscription)
            .With(ActiveNce(A.Office365E3, migratedFrom: migrating.Id))
            .WithInFlight(A.Office365E3, 10, migrating.Id)
            .Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void CancelledNewCommerceSubscriptionDoesNotCount()
    {
        var subscription = E3();

        var result = A.Context().WithOffer(E3LimitedTo(1)).With(subscription).With(CancelledNce(A.Office365E3)).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SubscriptionsOfAnotherProductDoNotCount()
    {
        var subscription = E3();

        var result = A.Context()
            .WithOffer(E3LimitedTo(1))
            .With(subscription)
            .With(ActiveNce(A.BusinessBasic))
            .WithInFlight(A.BusinessStandard, 5)
            .Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void ProductWithoutALimitTakesAnyNumberOfSubscriptions()
    {
        var subscription = E3();
        var existing = Enumerable.Range(0, 10).Select(_ => ActiveNce(A.Office365E3)).ToArray();

        var result = A.Context().With(subscription).With(existing).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void TwoBundleMembersOfAProductLimitedToOneBlockTheBundle()
    {
        var @base = E3();
        var first = A.Subscription().Of(OnePerCustomerAddOn).Named("Conferencing 1").AddOnOf(@base).BoughtAt(LongAgo).Build();
        var second = A.Subscription().Of(OnePerCustomerAddOn).Named("Conferencing 2").AddOnOf(@base).BoughtAt(LongAgo.AddDays(1)).Build();

        var result = A.Context().WithOffer(OnePerCustomerAddOn).With(@base, first, second).Evaluate(@base);

        Expect.Eligible(result.AddOns[0]);
        Expect.Only(result.AddOns[1], null, "NceSubscriptionCountLimitReached");
        var reason = Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
        Assert.Contains("Conferencing 2", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void OneBundleMemberOfAProductLimitedToOneMigrates()
    {
        var @base = E3();
        var only = A.Subscription().Of(OnePerCustomerAddOn).AddOnOf(@base).BoughtAt(LongAgo).Build();

        var result = A.Context().WithOffer(OnePerCustomerAddOn).With(@base, only).Evaluate(@base);

        Expect.Eligible(result);
    }
}
