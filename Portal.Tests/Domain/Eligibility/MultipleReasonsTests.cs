using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>One evaluation returns every reason that applies, not only the first, so a partner can fix them all at once.</summary>
public class MultipleReasonsTests
{
    [Fact]
    public void SubscriptionWithManyProblemsGetsEveryReasonInOneEvaluation()
    {
        var subscription = A.Subscription()
            .WithStatus(LegacySubscriptionStatus.Suspended)
            .WithPendingOrder()
            .WithActivePromotion()
            .AsTrial()
            .WithPartnerOfRecord("0000000")
            .BoughtAt(A.Now.AddDays(-10))
            .Build();
        var partner = A.Partner() with { IsActive = false, ProfileComplete = false };

        var result = A.Context()
            .WithPartner(partner)
            .WithCustomer(A.Customer(CustomerSegment.Education, relationshipActive: false))
            .With(subscription)
            .Evaluate(subscription.To(new MigrationTarget(TermDuration.P1M, BillingCycle.Annual, 0)));

        Expect.Reasons(
            result.Requested,
            (0, "SubscriptionStatusNotActive"),
            (1, "SubscriptionBeingProcessingInOms"),
            (3, "SubscriptionPromotionsPresent"),
            (6, "TermDurationBillingCycleCombinationNotSupported"),
            (7, "SubscriptionActiveForLessThanOneMonth"),
            (8, "TradeStatusNotAllowed"),
            (8, "TradeStatusNotAllowed"),
            (9, "InvalidPartnerIdOnRecord"),
            (null, "InvalidQuantity"),
            (null, "PartnerOrganizationInactive"),
            (null, "PartnerProfileInvalid"),
            (null, "NoActiveCustomerPartnerRelationship"));
    }

    [Fact]
    public void LastDayOfTermAndAnInvalidCustomEndDateAreReportedTogether()
    {
        var subscription = A.Subscription().EndingOn(2026, 2, 10).WithActivePromotion().Build();
        var target = MigrationTarget.CarryOver(subscription) with { CustomTermEndDate = new DateOnly(2026, 2, 10) };

        var result = A.Context().With(subscription).At(Utc(2026, 2, 10, 22, 59, 59)).Evaluate(subscription.To(target));

        Expect.Reasons(
            result.Requested,
            (3, "SubscriptionPromotionsPresent"),
            (10, "MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm"),
            (11, "InvalidCustomTermEndDate"));
    }

    [Fact]
    public void UnmappedInactiveTrialGetsCodes0And5And8()
    {
        var subscription = A.Subscription().Of(A.AzureInformationProtectionP1Unmapped).WithStatus(LegacySubscriptionStatus.Cancelled).AsTrial().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Reasons(
            result.Requested,
            (0, "SubscriptionStatusNotActive"),
            (5, "NewCommerceProductUnavailable"),
            (8, "TradeStatusNotAllowed"));
    }

    [Fact]
    public void SeatCapAndSubscriptionCountLimitAreReportedTogether()
    {
        var limited = A.BusinessStandard with { NceSubscriptionCountLimit = 1 };
        var subscription = A.Subscription().Of(limited).WithSeats(200).WithActivePromotion().Build();

        var result = A.Context().WithOffer(limited).With(subscription).With(ActiveNce(A.BusinessStandard, 200)).Evaluate(subscription);

        Expect.Reasons(
            result.Requested,
            (3, "SubscriptionPromotionsPresent"),
            (null, "LicenseLimitReached"),
            (null, "NceSubscriptionCountLimitReached"));
    }

    [Fact]
    public void BundleReportsTheBasesOwnReasonsBesideThoseOfItsAddOns()
    {
        var @base = A.Subscription().Of(A.Office365E3).WithActivePromotion().Build();
        var trial = A.Subscription().Of(A.ExchangeArchiving).Named("Trial archiving").AddOnOf(@base).AsTrial().BoughtAt(Utc(2025, 1, 5)).Build();
        var recent = A.Subscription().Of(A.ExchangeArchiving).Named("Recent archiving").AddOnOf(@base).BoughtAt(A.Now.AddDays(-2)).Build();

        var result = A.Context().InSandbox().With(@base, trial, recent).Evaluate(@base);

        Expect.Reasons(
            result.Requested,
            (3, "SubscriptionPromotionsPresent"),
            (4, "SubscriptionAddOnsPresent"),
            (null, "AddOnPurchasedWithinLast30Days"));
        Expect.Only(result.AddOns.Single(a => a.SubscriptionId == trial.Id), 8, "TradeStatusNotAllowed");
        Expect.Eligible(result.AddOns.Single(a => a.SubscriptionId == recent.Id));
        Assert.Equal([@base.Id, trial.Id], result.IneligibleMembers.Select(m => m.SubscriptionId));
    }

    [Fact]
    public void EveryReasonTheEvaluatorReturnsComesFromTheCatalogWithItsGuidance()
    {
        var subscription = A.Subscription()
            .WithStatus(LegacySubscriptionStatus.Suspended)
            .WithPendingOrder()
            .WithActivePromotion()
            .AsTrial()
            .WithPartnerOfRecord("0000000")
            .BoughtAt(A.Now.AddDays(-10))
            .WithSeats(400)
            .Build();

        var result = A.Context()
            .WithPartner(A.Partner() with { IsActive = false, ProfileComplete = false })
            .WithCustomer(A.Customer(CustomerSegment.Government, relationshipActive: false))
            .With(subscription)
            .Evaluate(subscription);

        Assert.True(result.Requested.Reasons.Count >= 10, Expect.Describe(result.Members));
        Assert.All(result.Requested.Reasons, reason => Assert.Contains(
            EligibilityReasons.All,
            known => known.Code == reason.Code && known.Name == reason.Name && known.Guidance == reason.Guidance));
    }
}
