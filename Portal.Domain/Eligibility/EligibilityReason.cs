namespace Portal.Domain.Eligibility;

/// <summary>
/// Why a subscription cannot migrate: Partner Center's code (0-12) where its tools number the reason, or a
/// reason the seed names without a number (Code is null), with guidance a person can act on.
/// </summary>
public sealed record EligibilityReason(int? Code, string Name, string Description, string Guidance)
{
    /// <summary>A copy of this reason that says more about the particular case.</summary>
    public EligibilityReason With(string description) => this with { Description = description };

    public override string ToString() => Code is { } code ? $"{code} {Name}: {Description}" : $"{Name}: {Description}";
}
