using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Api.Migrations;

/// <summary>
/// Partner Center's validate / create / schedule body. Unset target fields carry over from the legacy subscription;
/// add-ons not named carry over too. Schedules add <c>targetDate</c> or <c>migrateOnRenewal</c>, and name their
/// add-ons in <c>addOnMigrationSchedules</c> (or <c>addOnMigrations</c>).
/// </summary>
public sealed record MigrationBody
{
    public Guid? CurrentSubscriptionId { get; init; }

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

    public IReadOnlyList<MigrationBody> AddOns => AddOnMigrationSchedules ?? AddOnMigrations ?? [];

    /// <summary>
    /// The domain's request, or the fields at fault. <paramref name="legacy"/> is the customer's legacy subscriptions
    /// (the partner's own), used for carried-over values; an unknown subscription is left to the desk (404).
    /// </summary>
    public MigrationRequest? ToRequest(IReadOnlyDictionary<Guid, LegacySubscription> legacy, IDictionary<string, string[]> errors)
    {
        if (CurrentSubscriptionId is not { } id)
        {
            errors["currentSubscriptionId"] = ["Give the id of the legacy subscription to migrate."];
            return null;
        }

        var target = TargetOf(this, legacy.GetValueOrDefault(id), "", errors);
        var addOnTargets = new Dictionary<Guid, MigrationTarget>();
        for (var i = 0; i < AddOns.Count; i++)
        {
            var addOn = AddOns[i];
            var prefix = $"{(AddOnMigrationSchedules is null ? "addOnMigrations" : "addOnMigrationSchedules")}[{i}].";
            if (addOn.CurrentSubscriptionId is not { } addOnId || !legacy.TryGetValue(addOnId, out var addOnSubscription))
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

    /// <summary>The member's target: null when nothing is asked (carry over); unset fields carry over.</summary>
    private static MigrationTarget? TargetOf(MigrationBody body, LegacySubscription? subscription, string prefix, IDictionary<string, string[]> errors)
    {
        var term = subscription?.Term ?? default;
        var billing = subscription?.Billing ?? default;
        var quantity = subscription?.Quantity ?? 1;
        DateOnly? customEnd = null;
        if (body.TermDuration is not null)
        {
            ApiText.TryTerm(body.TermDuration, prefix + "termDuration", errors, out term);
        }

        if (body.BillingCycle is not null)
        {
            ApiText.TryEnum(body.BillingCycle, prefix + "billingCycle", errors, out billing);
        }

        if (body.Quantity is { } asked)
        {
            if (asked is < 1 or > 100_000)
            {
                errors[prefix + "quantity"] = ["The quantity is a number of seats from 1 to 100000."];
            }

            quantity = asked;
        }

        if (body.CustomTermEndDate is not null && ApiText.TryDate(body.CustomTermEndDate, prefix + "customTermEndDate", errors, out var date))
        {
            customEnd = date;
        }

        var nothingAsked = body.TermDuration is null && body.BillingCycle is null && body.Quantity is null && body.PurchaseFullTerm is null && body.CustomTermEndDate is null;
        return nothingAsked || subscription is null ? null : new MigrationTarget(term, billing, quantity, body.PurchaseFullTerm ?? false, customEnd);
    }
}
