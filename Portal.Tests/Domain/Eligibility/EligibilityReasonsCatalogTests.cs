using Portal.Domain.Eligibility;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// The reason catalog: Partner Center's codes 0-12 with their names, the seed's unnumbered reasons, and for each a
/// description and guidance a person can act on.
/// </summary>
public class EligibilityReasonsCatalogTests
{
    [Fact]
    public void EveryReasonHasADescriptionAndGuidance()
    {
        Assert.All(EligibilityReasons.All, reason =>
        {
            Assert.False(string.IsNullOrWhiteSpace(reason.Name));
            Assert.False(string.IsNullOrWhiteSpace(reason.Description), $"{reason.Name} has no description.");
            Assert.False(string.IsNullOrWhiteSpace(reason.Guidance), $"{reason.Name} has no guidance.");
        });
    }

    [Theory]
    [InlineData(0, "SubscriptionStatusNotActive")]
    [InlineData(1, "SubscriptionBeingProcessingInOms")]
    [InlineData(2, "SubscriptionTooCloseToTermEnd")]
    [InlineData(3, "SubscriptionPromotionsPresent")]
    [InlineData(4, "SubscriptionAddOnsPresent")]
    [InlineData(5, "NewCommerceProductUnavailable")]
    [InlineData(6, "TermDurationBillingCycleCombinationNotSupported")]
    [InlineData(7, "SubscriptionActiveForLessThanOneMonth")]
    [InlineData(8, "TradeStatusNotAllowed")]
    [InlineData(9, "InvalidPartnerIdOnRecord")]
    [InlineData(10, "MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm")]
    [InlineData(11, "InvalidCustomTermEndDate")]
    [InlineData(12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth")]
    public void PartnerCenterCodeIsInTheCatalogAndAlwaysCarriesItsName(int code, string name)
    {
        var withCode = EligibilityReasons.All.Where(r => r.Code == code).ToList();

        Assert.NotEmpty(withCode);
        Assert.All(withCode, r => Assert.Equal(name, r.Name));
    }

    [Fact]
    public void CodesRunFrom0To12AndNoFurther()
    {
        var codes = EligibilityReasons.All.Where(r => r.Code is not null).Select(r => r.Code!.Value).Distinct().Order();

        Assert.Equal(Enumerable.Range(0, 13), codes);
    }

    [Theory]
    [InlineData("PartnerProfileInvalid")]
    [InlineData("PartnerOrganizationInactive")]
    [InlineData("NoActiveCustomerPartnerRelationship")]
    [InlineData("LicenseLimitReached")]
    [InlineData("NceSubscriptionCountLimitReached")]
    [InlineData("AddOnPurchasedWithinLast30Days")]
    [InlineData("AddOnBaseServicesMissing")]
    [InlineData("InvalidQuantity")]
    [InlineData("MigrationEvaluationPending")]
    public void SeedsUnnumberedReasonIsInTheCatalogWithoutACode(string name)
    {
        var reason = Assert.Single(EligibilityReasons.All, r => r.Name == name);

        Assert.Null(reason.Code);
    }

    [Fact]
    public void TrialsAndManualMigrationsShareTheirCodesNameButExplainThemselves()
    {
        Assert.Equal((8, "TradeStatusNotAllowed"), (EligibilityReasons.TrialNotAllowed.Code, EligibilityReasons.TrialNotAllowed.Name));
        Assert.Equal((5, "NewCommerceProductUnavailable"), (EligibilityReasons.ManualMigrationOnly.Code, EligibilityReasons.ManualMigrationOnly.Name));
        Assert.NotEqual(EligibilityReasons.TradeStatusNotAllowed.Guidance, EligibilityReasons.TrialNotAllowed.Guidance);
        Assert.NotEqual(EligibilityReasons.NewCommerceProductUnavailable.Guidance, EligibilityReasons.ManualMigrationOnly.Guidance);
    }

    [Fact]
    public void CatalogListsEachReasonOnce()
    {
        Assert.Equal(EligibilityReasons.All.Count, EligibilityReasons.All.Distinct().Count());
    }

    [Fact]
    public void ReasonWithACodeReadsAsCodeNameAndDescription()
    {
        Assert.Equal(
            "7 SubscriptionActiveForLessThanOneMonth: The subscription is in its first month of service.",
            EligibilityReasons.SubscriptionActiveForLessThanOneMonth.ToString());
    }

    [Fact]
    public void ReasonWithoutACodeReadsAsNameAndDescription()
    {
        Assert.Equal(
            "LicenseLimitReached: License limits defined for the offer have been reached or exceeded.",
            EligibilityReasons.LicenseLimitReached.ToString());
    }

    [Fact]
    public void DetailedCopyKeepsCodeNameAndGuidance()
    {
        var detailed = EligibilityReasons.InvalidPartnerIdOnRecord.With("Partner 42 is gone.");

        Assert.Equal(9, detailed.Code);
        Assert.Equal("InvalidPartnerIdOnRecord", detailed.Name);
        Assert.Equal("Partner 42 is gone.", detailed.Description);
        Assert.Equal(EligibilityReasons.InvalidPartnerIdOnRecord.Guidance, detailed.Guidance);
        Assert.Equal("The partner of record on the subscription is invalid or no longer active.", EligibilityReasons.InvalidPartnerIdOnRecord.Description);
    }
}
