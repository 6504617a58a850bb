namespace Portal.Domain.Terms;

/// <summary>A term duration with its billing cycle, as New Commerce sells them.</summary>
public readonly record struct TermBilling(TermDuration Term, BillingCycle Billing)
{
    /// <summary>
    /// Every pair New Commerce can sell: P1M+Monthly; P1Y+Monthly or Annual; P3Y+Monthly, Annual or Triennial.
    /// A product may offer fewer (see <see cref="Catalog.LegacyOffer.AllowedTargets"/>).
    /// </summary>
    public static IReadOnlyList<TermBilling> NewCommercePairs { get; } =
    [
        new(TermDuration.P1M, BillingCycle.Monthly),
        new(TermDuration.P1Y, BillingCycle.Monthly),
        new(TermDuration.P1Y, BillingCycle.Annual),
        new(TermDuration.P3Y, BillingCycle.Monthly),
        new(TermDuration.P3Y, BillingCycle.Annual),
        new(TermDuration.P3Y, BillingCycle.Triennial),
    ];

    public bool IsSoldInNewCommerce => NewCommercePairs.Contains(this);

    public override string ToString() => $"{Term.ToIso8601()} {Billing}";
}
