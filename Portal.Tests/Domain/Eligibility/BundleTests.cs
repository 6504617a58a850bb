using Portal.Domain.Common;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// A base migrates with all its Active add-ons as one bundle. Each member is judged on its own; one ineligible
/// member blocks all, and the base then carries code 4 naming the add-on. Each member's target may differ. An
/// add-on bought less than 30 days before the migration blocks the bundle.
/// </summary>
public class BundleTests
{
    private static readonly DateTimeOffset LongAgo = Utc(2025, 1, 5, 8, 0);

    private static LegacySubscription Base() => A.Subscription().Of(A.Office365E3).Named("E3 base").WithSeats(20).Build();

    private static LegacySubscriptionBuilder AddOnOf(LegacySubscription @base, string name) =>
        A.Subscription().Of(A.ExchangeArchiving).Named(name).AddOnOf(@base).WithSeats(5).BoughtAt(LongAgo);

    [Fact]
    public void BaseWithEligibleActiveAddOnsMigratesWithAllOfThem()
    {
        var @base = Base();
        var first = AddOnOf(@base, "Archiving 1").BoughtAt(Utc(2024, 6, 1)).Build();
        var second = AddOnOf(@base, "Archiving 2").BoughtAt(Utc(2024, 3, 1)).Build();

        var result = A.Context().With(@base, first, second).Evaluate(@base);

        Expect.Eligible(result);
        Assert.Equal(@base.Id, result.Requested.SubscriptionId);
        Assert.Equal([second.Id, first.Id], result.AddOns.Select(a => a.SubscriptionId));
        Assert.All(result.AddOns, a => Assert.Equal(@base.Id, a.ParentSubscriptionId));
        Assert.Equal(3, result.Members.Count());
    }

    [Fact]
    public void BundleBecomesMigrationLinesWithTheBaseFirstAndEachMembersCatalogItem()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "Archiving").Build();

        var lines = A.Context().With(@base, addOn).Evaluate(@base).ToLines();

        Assert.Equal(2, lines.Count);
        Assert.Equal(new MigrationLine(@base.Id, null, "CFQ7TTC0LF8Q:0001:0001", MigrationTarget.CarryOver(@base)), lines[0]);
        Assert.Equal(new MigrationLine(addOn.Id, @base.Id, "CFQ7TTC0LH0Z:0001:0001", MigrationTarget.CarryOver(addOn)), lines[1]);
    }

    [Theory]
    [InlineData(LegacySubscriptionStatus.Cancelled)]
    [InlineData(LegacySubscriptionStatus.Suspended)]
    [InlineData(LegacySubscriptionStatus.Expired)]
    [InlineData(LegacySubscriptionStatus.Deleted)]
    [InlineData(LegacySubscriptionStatus.Migrated)]
    public void AddOnThatIsNotActiveIsNotPartOfTheBundleAndDoesNotBlockIt(LegacySubscriptionStatus status)
    {
        var @base = Base();
        var active = AddOnOf(@base, "Active archiving").Build();
        var inactive = AddOnOf(@base, "Old archiving").WithStatus(status).Build();

        var result = A.Context().With(@base, active, inactive).Evaluate(@base);

        Expect.Eligible(result);
        Assert.Equal([active.Id], result.AddOns.Select(a => a.SubscriptionId));
    }

    [Fact]
    public void AddOnsOfAnotherBaseAreNotPartOfTheBundle()
    {
        var @base = Base();
        var otherBase = Base();
        var othersAddOn = AddOnOf(otherBase, "Other archiving").WithActivePromotion().Build();

        var result = A.Context().With(@base, otherBase, othersAddOn).Evaluate(@base);

        Expect.Eligible(result);
        Assert.Empty(result.AddOns);
    }

    [Fact]
    public void IneligibleAddOnBlocksTheBundleAndTheBaseCarriesCode4NamingIt()
    {
        var @base = Base();
        var good = AddOnOf(@base, "Good archiving").Build();
        var promoted = AddOnOf(@base, "Promoted archiving").WithActivePromotion().Build();

        var result = A.Context().With(@base, good, promoted).Evaluate(@base);

        Assert.False(result.IsEligible);
        var reason = Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
        Assert.Contains("Promoted archiving", reason.Description, StringComparison.Ordinal);
        Assert.Contains(promoted.Id.ToString(), reason.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Good archiving", reason.Description, StringComparison.Ordinal);
        Assert.Null(result.Requested.NceTermEndDate);
    }

    [Fact]
    public void EachMemberIsJudgedOnItsOwnSoOnlyTheIneligibleAddOnCarriesItsReason()
    {
        var @base = Base();
        var good = AddOnOf(@base, "Good archiving").Build();
        var promoted = AddOnOf(@base, "Promoted archiving").WithActivePromotion().Build();

        var result = A.Context().With(@base, good, promoted).Evaluate(@base);

        Expect.Eligible(result.AddOns.Single(a => a.SubscriptionId == good.Id));
        Expect.Only(result.AddOns.Single(a => a.SubscriptionId == promoted.Id), 3, "SubscriptionPromotionsPresent");
        Expect.NoReasonNamed(result.Requested, "SubscriptionPromotionsPresent");
        Assert.Equal([@base.Id, promoted.Id], result.IneligibleMembers.Select(m => m.SubscriptionId));
    }

    [Fact]
    public void CodeFourDescriptionSaysWhyTheAddOnCannotMigrate()
    {
        var @base = Base();
        var trial = AddOnOf(@base, "Trial archiving").AsTrial().Build();

        var result = A.Context().With(@base, trial).Evaluate(@base);

        var reason = Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
        Assert.Contains(EligibilityReasons.TrialNotAllowed.Description, reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryIneligibleAddOnGetsItsOwnCode4OnTheBase()
    {
        var @base = Base();
        var promoted = AddOnOf(@base, "Promoted archiving").WithActivePromotion().Build();
        var trial = AddOnOf(@base, "Trial archiving").AsTrial().Build();

        var result = A.Context().With(@base, promoted, trial).Evaluate(@base);

        Expect.Reasons(result.Requested, (4, "SubscriptionAddOnsPresent"), (4, "SubscriptionAddOnsPresent"));
        Assert.Contains(result.Requested.Reasons, r => r.Description.Contains("Promoted archiving", StringComparison.Ordinal));
        Assert.Contains(result.Requested.Reasons, r => r.Description.Contains("Trial archiving", StringComparison.Ordinal));
    }

    [Fact]
    public void IneligibleBaseBlocksTheBundleEvenWhenEveryAddOnIsEligible()
    {
        var @base = A.Subscription().Of(A.Office365E3).WithActivePromotion().Build();
        var addOn = AddOnOf(@base, "Archiving").Build();

        var result = A.Context().With(@base, addOn).Evaluate(@base);

        Assert.False(result.IsEligible);
        Expect.Only(result.Requested, 3, "SubscriptionPromotionsPresent");
        Expect.Eligible(Assert.Single(result.AddOns));
    }

    [Fact]
    public void AddOnInFlightElsewhereBlocksTheBundle()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "Archiving").WithPendingOrder().Build();

        var result = A.Context().With(@base, addOn).Evaluate(@base);

        Expect.Only(Assert.Single(result.AddOns), 1, "SubscriptionBeingProcessingInOms");
        Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
    }

    [Fact]
    public void EachMembersTermBillingAndSeatsMayDiffer()
    {
        var @base = Base();
        var monthly = AddOnOf(@base, "Monthly archiving").Build();
        var triennial = AddOnOf(@base, "Triennial archiving").Build();
        var untouched = AddOnOf(@base, "Untouched archiving").WithSeats(7).Build();
        var request = new MigrationRequest(@base.Id)
        {
            Target = new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, 25),
            AddOnTargets = new Dictionary<Guid, MigrationTarget>
            {
                [monthly.Id] = new(TermDuration.P1M, BillingCycle.Monthly, 3),
                [triennial.Id] = new(TermDuration.P3Y, BillingCycle.Triennial, 12, PurchaseFullTerm: true),
            },
        };

        var result = A.Context().With(@base, monthly, triennial, untouched).Evaluate(request);

        Expect.Eligible(result);
        Assert.Equal(new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, 25), result.Requested.Target);
        Assert.Equal(new MigrationTarget(TermDuration.P1M, BillingCycle.Monthly, 3), Member(result, monthly).Target);
        Assert.Equal(new MigrationTarget(TermDuration.P3Y, BillingCycle.Triennial, 12, PurchaseFullTerm: true), Member(result, triennial).Target);
        Assert.Equal(MigrationTarget.CarryOver(untouched), Member(result, untouched).Target);
        Assert.Equal(new DateOnly(2025, 10, 10), Member(result, monthly).NceTermEndDate);
        Assert.Equal(new DateOnly(2028, 9, 9), Member(result, triennial).NceTermEndDate);
    }

    [Fact]
    public void AddOnTargetIsJudgedForThatAddOnOnly()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "Archiving").Build();
        var request = new MigrationRequest(@base.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [addOn.Id] = new(TermDuration.P1M, BillingCycle.Annual, 5) },
        };

        var result = A.Context().With(@base, addOn).Evaluate(request);

        Expect.Only(Assert.Single(result.AddOns), 6, "TermDurationBillingCycleCombinationNotSupported");
        Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
    }

    [Fact]
    public void AddOnTargetNamingASubscriptionThatIsNoAddOnOfTheBaseThrows()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "Archiving").Build();
        var request = new MigrationRequest(@base.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [Guid.NewGuid()] = MigrationTarget.CarryOver(addOn) },
        };

        Assert.Throws<DomainException>(() => A.Context().With(@base, addOn).Evaluate(request));
    }

    [Fact]
    public void AddOnTargetNamingACancelledAddOnThrows()
    {
        var @base = Base();
        var cancelled = AddOnOf(@base, "Cancelled archiving").WithStatus(LegacySubscriptionStatus.Cancelled).Build();
        var request = new MigrationRequest(@base.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [cancelled.Id] = MigrationTarget.CarryOver(cancelled) },
        };

        Assert.Throws<DomainException>(() => A.Context().With(@base, cancelled).Evaluate(request));
    }

    [Fact]
    public void AddOnTargetNamingTheBaseItselfThrows()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "Archiving").Build();
        var request = new MigrationRequest(@base.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [@base.Id] = MigrationTarget.CarryOver(@base) with { Quantity = 99 } },
        };

        Assert.Throws<DomainException>(() => A.Context().With(@base, addOn).Evaluate(request));
    }

    // --- The 30-day rule for new add-ons ---

    [Fact]
    public void AddOnBoughtThirtyDaysMinusASecondBeforeTheMigrationBlocksTheBundle()
    {
        // February: one month after purchase is only 28 days, so the add-on itself is past its first month.
        var @base = Base();
        var addOn = AddOnOf(@base, "New archiving").BoughtAt(Utc(2025, 2, 1, 12, 0)).Build();

        var result = A.Context().With(@base, addOn).At(Utc(2025, 3, 3, 11, 59, 59)).Evaluate(@base);

        Assert.False(result.IsEligible);
        var reason = Expect.Only(result.Requested, null, "AddOnPurchasedWithinLast30Days");
        Assert.Contains("New archiving", reason.Description, StringComparison.Ordinal);
        Assert.Contains("2025-03-03 12:00", reason.Description, StringComparison.Ordinal);
        Expect.Eligible(Assert.Single(result.AddOns));
        Assert.Null(result.Requested.NceTermEndDate);
    }

    [Fact]
    public void AddOnBoughtExactlyThirtyDaysBeforeTheMigrationNoLongerBlocksTheBundle()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "New archiving").BoughtAt(Utc(2025, 2, 1, 12, 0)).Build();

        var result = A.Context().With(@base, addOn).At(Utc(2025, 3, 3, 12, 0)).Evaluate(@base);

        Expect.Eligible(result);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    public void ThirtyDayRuleAppliesInTheSandboxToo(int secondsFromThirtyDays, bool eligible)
    {
        var purchase = Utc(2025, 8, 1, 12, 0);
        var @base = Base();
        var addOn = AddOnOf(@base, "New archiving").BoughtAt(purchase).Build();

        var result = A.Context().InSandbox().With(@base, addOn).At(purchase.AddDays(30).AddSeconds(secondsFromThirtyDays)).Evaluate(@base);

        Assert.Equal(eligible, result.IsEligible);
        if (!eligible)
        {
            Expect.Only(result.Requested, null, "AddOnPurchasedWithinLast30Days");
        }
    }

    [Fact]
    public void NewAddOnInItsFirstMonthInProductionAlsoBlocksTheBundleThroughCode7()
    {
        var @base = Base();
        var addOn = AddOnOf(@base, "New archiving").BoughtAt(A.Now.AddDays(-10)).Build();

        var result = A.Context().With(@base, addOn).Evaluate(@base);

        Expect.Only(Assert.Single(result.AddOns), 7, "SubscriptionActiveForLessThanOneMonth");
        Expect.Reasons(result.Requested, (4, "SubscriptionAddOnsPresent"), (null, "AddOnPurchasedWithinLast30Days"));
    }

    [Fact]
    public void BundleWithANewAddOnIsJudgedAtTheScheduledTimeNotWhenTheScheduleIsMade()
    {
        var purchase = Utc(2025, 8, 25, 9, 0);
        var @base = Base();
        var addOn = AddOnOf(@base, "New archiving").BoughtAt(purchase).Build();
        var context = A.Context().With(@base, addOn).At(A.Now);

        var afterFirstMonth = context.Evaluate(new MigrationRequest(@base.Id) { At = Utc(2025, 9, 25, 9, 0) });
        var now = context.Evaluate(@base);

        Expect.Eligible(afterFirstMonth);
        Expect.Reason(now.Requested, null, "AddOnPurchasedWithinLast30Days");
    }

    [Fact]
    public void CancelledAddOnBoughtRecentlyDoesNotBlockTheBundle()
    {
        var @base = Base();
        var cancelled = AddOnOf(@base, "Cancelled archiving").BoughtAt(A.Now.AddDays(-3)).WithStatus(LegacySubscriptionStatus.Cancelled).Build();

        var result = A.Context().With(@base, cancelled).Evaluate(@base);

        Expect.Eligible(result);
    }

    private static MemberEligibility Member(BundleEligibility result, LegacySubscription subscription) =>
        result.Members.Single(m => m.SubscriptionId == subscription.Id);
}
