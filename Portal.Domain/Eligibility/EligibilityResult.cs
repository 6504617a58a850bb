using Portal.Domain.Migrations;

namespace Portal.Domain.Eligibility;

/// <summary>The verdict on one subscription of a migration request.</summary>
public sealed record MemberEligibility(
    Guid SubscriptionId,
    Guid? ParentSubscriptionId,
    string FriendlyName,
    MigrationTarget Target,
    string? CatalogItemId,
    DateOnly? NceTermEndDate,
    IReadOnlyList<EligibilityReason> Reasons)
{
    public bool IsAddOn => ParentSubscriptionId is not null;

    public bool IsEligible => Reasons.Count == 0;
}

/// <summary>
/// The verdict on a migration request: the requested subscription and, for a base, every active add-on that
/// must go with it. One ineligible member blocks all.
/// </summary>
public sealed record BundleEligibility(MemberEligibility Requested, IReadOnlyList<MemberEligibility> AddOns, DateTimeOffset EvaluatedFor)
{
    public IEnumerable<MemberEligibility> Members => AddOns.Prepend(Requested);

    public bool IsEligible => Members.All(m => m.IsEligible);

    public IEnumerable<MemberEligibility> IneligibleMembers => Members.Where(m => !m.IsEligible);

    /// <summary>The lines a migration of this bundle is made of (base first).</summary>
    public IReadOnlyList<MigrationLine> ToLines() =>
        Members.Select(m => new MigrationLine(m.SubscriptionId, m.ParentSubscriptionId, m.CatalogItemId ?? "", m.Target)).ToList();
}
