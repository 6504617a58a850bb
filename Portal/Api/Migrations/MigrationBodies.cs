using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Api.Migrations;

/// <summary>
/// Partner Center's validate / create / schedule body, read as Partner Center reads it (ADR-023): an empty string, a
/// zero quantity, <c>purchaseFullTerm: false</c>, a null date and an empty list mean "not specified", so the legacy
/// subscription's value carries over; fields only a response carries (<c>id</c>, <c>status</c>, <c>startedTime</c>,
/// <c>customerTenantId</c>, ...) are ignored; property names match in any case. Add-ons not named carry over too.
/// Schedules add <c>targetDate</c> or <c>migrateOnRenewal</c>, and name their add-ons in <c>addOnMigrationSchedules</c>
/// (or <c>addOnMigrations</c>).
/// </summary>
public sealed record MigrationBody
{
    /// <summary>The legacy subscription's id (a GUID).</summary>
    public string? CurrentSubscriptionId { get; init; }

    public string? TermDuration { get; init; }

    public string? BillingCycle { get; init; }

    public int? Quantity { get; init; }

    public bool? PurchaseFullTerm { get; init; }

    public string? CustomTermEndDate { get; init; }

    public string? ExternalReferenceId { get; init; }

    public IReadOnlyList<MigrationBody>? AddOnMigrations { get; init; }

    public string? TargetDate { get; init; }

    public bool? MigrateOnRenewal { get; init; }

    public IReadOnlyList<MigrationBody>? AddOnMigrationSchedules { get; init; }

    /// <summary>The add-ons named, from whichever of the two lists is not empty.</summary>
    public IReadOnlyList<MigrationBody> AddOns => AddOnMigrationSchedules is { Count: > 0 } ? AddOnMigrationSchedules : AddOnMigrations ?? [];

    private string AddOnsField => AddOnMigrationSchedules is { Count: > 0 } ? "addOnMigrationSchedules" : "addOnMigrations";

    /// <summary>The text when given; null for null, empty or blank (not specified).</summary>
    public static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The external reference when given; null when empty.</summary>
    public string? GivenExternalReferenceId => Given(ExternalReferenceId);

    /// <summary>The target date when given; null when empty.</summary>
    public string? GivenTargetDate => Given(TargetDate);

    /// <summary>
    /// The domain's request, or the fields at fault. <paramref name="legacy"/> is the customer's legacy subscriptions
    /// (the partner's own), used for carried-over values; an unknown subscription is left to the desk (404).
    /// </summary>
    public MigrationRequest? ToRequest(IReadOnlyDictionary<Guid, LegacySubscription> legacy, IDictionary<string, string[]> errors)
    {
        if (Given(CurrentSubscriptionId) is null)
        {
            errors["currentSubscriptionId"] = ["Give the id of the legacy subscription to migrate."];
            return null;
        }

        if (!Guid.TryParse(CurrentSubscriptionId, out var id))
        {
            errors["currentSubscriptionId"] = [$"'{CurrentSubscriptionId}' is not a subscription id; use one like 3f2c7a10-0000-0000-0000-000000000000."];
            return null;
        }

        var target = TargetOf(this, legacy.GetValueOrDefault(id), "", errors);
        var addOnTargets = new Dictionary<Guid, MigrationTarget>();
        for (var i = 0; i < AddOns.Count; i++)
        {
            var addOn = AddOns[i];
            var prefix = $"{AddOnsField}[{i}].";
            if (!Guid.TryParse(addOn.CurrentSubscriptionId, out var addOnId) || !legacy.TryGetValue(addOnId, out var addOnSubscription))
            {
                errors[prefix + "currentSubscriptionId"] = ["Name an add-on subscription of this customer."];
                continue;
            }

            if (!addOnTargets.TryAdd(addOnId, TargetOf(addOn, addOnSubscription, prefix, errors) ?? MigrationTarget.CarryOver(addOnSubscription)))
            {
                errors[prefix + "currentSubscriptionId"] = ["This add-on is named twice."];
            }
        }

        return errors.Count > 0 ? null : new MigrationRequest(id) { Target = target, AddOnTargets = addOnTargets };
    }

    /// <summary>The member's target: null when nothing is asked (carry over); fields not specified carry over.</summary>
    private static MigrationTarget? TargetOf(MigrationBody body, LegacySubscription? subscription, string prefix, IDictionary<string, string[]> errors)
    {
        var term = subscription?.Term ?? default;
        var billing = subscription?.Billing ?? default;
        var quantity = subscription?.Quantity ?? 1;
        DateOnly? customEnd = null;
        var askedTerm = Given(body.TermDuration);
        var askedBilling = Given(body.BillingCycle);
        var askedQuantity = body.Quantity is 0 ? null : body.Quantity;
        var askedEnd = Given(body.CustomTermEndDate);
        var askedFullTerm = body.PurchaseFullTerm == true;
        if (askedTerm is not null)
        {
            ApiText.TryTerm(askedTerm, prefix + "termDuration", errors, out term);
        }

        if (askedBilling is not null)
        {
            ApiText.TryEnum(askedBilling, prefix + "billingCycle", errors, out billing);
        }

        if (askedQuantity is { } asked)
        {
            if (asked is < 1 or > 100_000)
            {
                errors[prefix + "quantity"] = ["The quantity is a number of seats from 1 to 100000 (0 or leaving it out keeps the legacy subscription's seats)."];
            }

            quantity = asked;
        }

        if (askedEnd is not null && ApiText.TryDate(askedEnd, prefix + "customTermEndDate", errors, out var date))
        {
            customEnd = date;
        }

        var nothingAsked = askedTerm is null && askedBilling is null && askedQuantity is null && !askedFullTerm && askedEnd is null;
        return nothingAsked || subscription is null ? null : new MigrationTarget(term, billing, quantity, askedFullTerm, customEnd);
    }
}
