using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Migrations;

namespace Portal.Api.Migrations;

/// <summary>
/// An eligibility error as Partner Center gives it: its reason code (Partner Center's 0-12, or the portal's own number
/// from 1001 for reasons the seed names without one, see <see cref="EligibilityCodes"/>), the reason's name, and a
/// description with what to do about it.
/// </summary>
public sealed record EligibilityError(int Code, string Name, string Description)
{
    public static EligibilityError From(EligibilityReason reason, string description) => new(EligibilityCodes.Of(reason), reason.Name, description);
}

/// <summary>Partner Center's validate answer for one member.</summary>
public sealed record ValidationMember(
    Guid CurrentSubscriptionId,
    bool IsEligible,
    string? CatalogItemId,
    DateOnly? CustomTermEndDate,
    string TermDuration,
    string BillingCycle,
    int Quantity,
    IReadOnlyList<EligibilityError> Errors);

/// <summary>Partner Center's validate answer: the requested subscription, and its add-ons in addOnMigrations.</summary>
public sealed record ValidationResource(
    Guid CurrentSubscriptionId,
    bool IsEligible,
    string? CatalogItemId,
    DateOnly? CustomTermEndDate,
    string TermDuration,
    string BillingCycle,
    int Quantity,
    IReadOnlyList<EligibilityError> Errors,
    IReadOnlyList<ValidationMember> AddOnMigrations)
{
    public static ValidationResource From(BundleEligibility eligibility)
    {
        var requested = Member(eligibility.Requested);
        return new ValidationResource(
            requested.CurrentSubscriptionId,
            eligibility.IsEligible,
            requested.CatalogItemId,
            requested.CustomTermEndDate,
            requested.TermDuration,
            requested.BillingCycle,
            requested.Quantity,
            requested.Errors,
            eligibility.AddOns.Select(Member).ToList());
    }

    public static IReadOnlyList<EligibilityError> ErrorsOf(BundleEligibility eligibility) =>
        eligibility.IneligibleMembers
            .SelectMany(m => m.Reasons.Select(r => EligibilityError.From(r, $"{m.FriendlyName}: {r.Description} {r.Guidance}".Trim())))
            .ToList();

    private static ValidationMember Member(MemberEligibility member) => new(
        member.SubscriptionId,
        member.IsEligible,
        member.CatalogItemId,
        member.Target.CustomTermEndDate,
        ApiText.Term(member.Target.Term),
        ApiText.Billing(member.Target.Billing),
        member.Target.Quantity,
        member.Reasons.Select(r => EligibilityError.From(r, $"{r.Description} {r.Guidance}".Trim())).ToList());
}

/// <summary>One add-on of a migration, flat, as Partner Center lists them.</summary>
public sealed record AddOnMigrationResource(
    Guid CurrentSubscriptionId,
    string CatalogItemId,
    string TermDuration,
    string BillingCycle,
    int Quantity,
    bool PurchaseFullTerm,
    DateOnly? CustomTermEndDate,
    Guid? NewCommerceSubscriptionId);

/// <summary>
/// Partner Center's New Commerce migration resource. <c>errorCode</c> is Partner Center's integer (see
/// <see cref="EligibilityCodes.NumberOf"/>); <c>errorName</c> is the code as the portal recorded it.
/// </summary>
public sealed record MigrationResource(
    Guid Id,
    Guid CurrentSubscriptionId,
    Guid CustomerTenantId,
    string Status,
    string Phase,
    DateTime StartedTime,
    DateTime? CompletedTime,
    string CatalogItemId,
    string TermDuration,
    string BillingCycle,
    int Quantity,
    bool PurchaseFullTerm,
    DateOnly? CustomTermEndDate,
    Guid? NewCommerceSubscriptionId,
    string? NewCommerceOrderId,
    DateTime? SubscriptionEndDate,
    string? ExternalReferenceId,
    bool IsMicrosoftLed,
    int? ErrorCode,
    string? ErrorName,
    string? ErrorDescription,
    IReadOnlyList<AddOnMigrationResource> AddOnMigrations)
{
    /// <param name="nceById">The migration's New Commerce subscriptions (for subscriptionEndDate).</param>
    public static MigrationResource From(Migration migration, IReadOnlyDictionary<Guid, NceSubscription> nceById)
    {
        var main = migration.Members.FirstOrDefault(m => m.LegacySubscriptionId == migration.CurrentSubscriptionId) ?? migration.Members[0];
        return new MigrationResource(
            migration.Id,
            migration.CurrentSubscriptionId,
            migration.CustomerId,
            migration.Status.ToString(),
            migration.Phase.ToString(),
            ApiText.Utc(migration.RequestedAt),
            ApiText.Utc(migration.CompletedAt),
            main.CatalogItemId,
            ApiText.Term(main.Target.Term),
            ApiText.Billing(main.Target.Billing),
            main.Target.Quantity,
            main.Target.PurchaseFullTerm,
            main.Target.CustomTermEndDate,
            main.NceSubscriptionId,
            null, // the simulated New Commerce has no orders
            main.NceSubscriptionId is { } nceId && nceById.TryGetValue(nceId, out var nce) ? ApiText.Utc(nce.TermEnd) : null,
            migration.ExternalReferenceId,
            migration.IsMicrosoftLed,
            EligibilityCodes.NumberOf(migration.ErrorCode),
            migration.ErrorCode,
            migration.ErrorDescription,
            migration.Members.Where(m => m != main).Select(m => new AddOnMigrationResource(
                m.LegacySubscriptionId,
                m.CatalogItemId,
                ApiText.Term(m.Target.Term),
                ApiText.Billing(m.Target.Billing),
                m.Target.Quantity,
                m.Target.PurchaseFullTerm,
                m.Target.CustomTermEndDate,
                m.NceSubscriptionId)).ToList());
    }
}

/// <summary>Partner Center's migration event.</summary>
public sealed record MigrationEventResource(Guid Id, Guid NewCommerceMigrationId, Guid CurrentSubscriptionId, Guid CustomerTenantId, DateTime CreatedTime, string EventName, string? Detail);

public static class DeskProblems
{
    /// <summary>
    /// A desk's refusal as a 400 ProblemDetails: an ineligible request carries Partner Center's <c>errors</c>
    /// (code, name, description); a malformed one its desk errors (code, description, field).
    /// </summary>
    public static IResult Refused<T>(DeskAnswer<T> answer, string title) =>
        answer.Eligibility is { } eligibility && ValidationResource.ErrorsOf(eligibility) is var errors
            ? Results.Problem(
                statusCode: 400,
                title: title,
                detail: "The subscription (or a member of its bundle) is not eligible; 'errors' says why and what to do.",
                type: ApiProblems.TypeFor(400),
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = errors,
                    [PartnerCenterErrors.Code] = errors.Count > 0 ? errors[0].Code : 400,
                })
            : ApiProblems.Refused(title, string.Join(" ", answer.Errors.Select(e => e.Description)), answer.Errors.Select(e => new ApiError(e.Code, e.Description, e.Field)).ToList());
}
