using Portal.Domain.Eligibility;

namespace Portal.Api.Migrations;

/// <summary>
/// The number an eligibility reason carries in the API's <c>errors[].code</c>. Partner Center's numbered reasons
/// (0-12) keep their number; the reasons the seed names without one get the portal's own numbers from 1001, so that a
/// client reading <c>code</c> as Partner Center's integer never meets a null and never mistakes one for a Partner
/// Center reason (ADR-023).
/// </summary>
public static class EligibilityCodes
{
    /// <summary>The portal's own numbers, fixed per reason (a new reason takes the next free number).</summary>
    private static readonly Dictionary<string, int> PortalCodes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [EligibilityReasons.PartnerProfileInvalid.Name] = 1001,
        [EligibilityReasons.PartnerOrganizationInactive.Name] = 1002,
        [EligibilityReasons.NoActiveCustomerPartnerRelationship.Name] = 1003,
        [EligibilityReasons.LicenseLimitReached.Name] = 1004,
        [EligibilityReasons.NceSubscriptionCountLimitReached.Name] = 1005,
        [EligibilityReasons.AddOnPurchasedWithinLast30Days.Name] = 1006,
        [EligibilityReasons.AddOnBaseServicesMissing.Name] = 1007,
        [EligibilityReasons.InvalidQuantity.Name] = 1008,
        [EligibilityReasons.MigrationEvaluationPending.Name] = 1009,
    };

    /// <summary>Every reason's number by its name (several reasons share a name and a number, e.g. code 5).</summary>
    private static readonly Dictionary<string, int> ByName = EligibilityReasons.All
        .DistinctBy(r => r.Name)
        .ToDictionary(r => r.Name, r => r.Code ?? PortalCodes[r.Name], StringComparer.Ordinal);

    public static int Of(EligibilityReason reason) => reason.Code ?? PortalCodes[reason.Name];

    /// <summary>
    /// A stored error code as Partner Center's integer <c>errorCode</c>: a number stays that number (codes Partner
    /// Center gave), a reason's name becomes the reason's number, anything else (e.g. ProvisioningError) is null.
    /// </summary>
    public static int? NumberOf(string? stored) =>
        int.TryParse(stored, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number
        : stored is not null && ByName.TryGetValue(stored, out var code) ? code
        : null;
}
