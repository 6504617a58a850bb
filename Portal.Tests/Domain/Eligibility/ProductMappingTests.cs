using Portal.Domain.Catalog;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Code 5: the offer needs a New Commerce mapping and must be migration-enabled; the seed's manual-migration offers
/// are refused with code 5 and guidance to migrate by hand.
/// </summary>
public class ProductMappingTests
{
    [Fact]
    public void MappedMigrationEnabledOfferIsEligibleAndNamesItsCatalogItem()
    {
        var subscription = A.Subscription().Of(A.Office365E3).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
        Assert.Equal("CFQ7TTC0LF8Q:0001:0001", result.Requested.CatalogItemId);
    }

    [Fact]
    public void CatalogItemIdCarriesTheMappingsAvailability()
    {
        var offer = A.Office365E3 with { Mapping = new NceProductMapping("CFQ7TTC0LF8Q", "0001", "00A3") };
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
        Assert.Equal("CFQ7TTC0LF8Q:0001:00A3", result.Requested.CatalogItemId);
    }

    [Fact]
    public void OfferWithoutNewCommerceEquivalentIsIneligibleWithCode5()
    {
        var subscription = A.Subscription().Of(A.AzureInformationProtectionP1Unmapped).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 5, "NewCommerceProductUnavailable");
        Assert.Contains("no New Commerce equivalent", reason.Description, StringComparison.Ordinal);
        Assert.Null(result.Requested.CatalogItemId);
        Assert.Null(result.Requested.NceTermEndDate);
    }

    [Fact]
    public void MappedOfferThatIsNotMigrationEnabledIsIneligibleWithCode5()
    {
        var offer = A.Office365E3 with { MigrationEnabled = false };
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 5, "NewCommerceProductUnavailable");
        Assert.Contains("not enabled for migration", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void MigrationEnabledOfferWithoutMappingIsIneligibleWithCode5()
    {
        var offer = A.Office365E3 with { Mapping = null };
        var subscription = A.Subscription().Of(offer).Build();

        var result = A.Context().WithOffer(offer).With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 5, "NewCommerceProductUnavailable");
    }

    [Fact]
    public void OfferMissingFromTheCatalogIsIneligibleWithCode5()
    {
        var unknown = A.Office365E3 with { Id = Guid.Parse("00000000-0000-4000-8000-0000000000ff") };
        var subscription = A.Subscription().Of(unknown).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 5, "NewCommerceProductUnavailable");
        Assert.Contains("not in the catalog", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualMigrationOnlyOfferIsIneligibleWithCode5AndGuidanceToMigrateByHand()
    {
        var subscription = A.Subscription().Of(A.Intune).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, 5, "NewCommerceProductUnavailable");
        Assert.Contains("CFQ7TTC0LCH4/0009", reason.Description, StringComparison.Ordinal);
        Assert.Contains("manually", reason.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void UnmappedOfferIsNotAlsoBlamedForItsTermAndBillingPair()
    {
        var subscription = A.Subscription().Of(A.AzureInformationProtectionP1Unmapped).WithTerm(TermDuration.P1M, BillingCycle.Annual).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 5, "NewCommerceProductUnavailable");
    }

    [Fact]
    public void ManualMigrationOnlyOfferIsAlsoBlamedForAnUnsupportedTermAndBillingPair()
    {
        var subscription = A.Subscription().Of(A.Intune).WithTerm(TermDuration.P1M, BillingCycle.Annual).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Reasons(result.Requested, (5, "NewCommerceProductUnavailable"), (6, "TermDurationBillingCycleCombinationNotSupported"));
    }
}
