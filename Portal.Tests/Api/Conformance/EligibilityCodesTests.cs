using Portal.Api.Migrations;
using Portal.Domain.Eligibility;

namespace Portal.Tests.Api.Conformance;

public class EligibilityCodesTests
{
    [Fact]
    public void Every_reason_has_an_integer_code_partner_centers_number_or_a_portal_number_from_1001_one_per_name()
    {
        foreach (var reason in EligibilityReasons.All)
        {
            var code = EligibilityCodes.Of(reason);
            if (reason.Code is { } number)
            {
                Assert.Equal(number, code);
            }
            else
            {
                Assert.InRange(code, 1001, 1999);
            }
        }

        var byName = EligibilityReasons.All.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.Select(EligibilityCodes.Of).Distinct().Single());
        Assert.Equal(byName.Count, byName.Values.Distinct().Count());
    }

    [Theory]
    [InlineData("800015", 800015)]
    [InlineData("SubscriptionStatusNotActive", 0)]
    [InlineData("TermDurationBillingCycleCombinationNotSupported", 6)]
    [InlineData("AddOnPurchasedWithinLast30Days", 1006)]
    [InlineData("ProvisioningError", null)]
    [InlineData("-5", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_stored_error_code_becomes_partner_centers_integer_when_it_is_a_number_or_a_reason(string? stored, int? expected) =>
        Assert.Equal(expected, EligibilityCodes.NumberOf(stored));
}
