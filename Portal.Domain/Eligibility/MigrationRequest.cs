using Portal.Domain.Migrations;

namespace Portal.Domain.Eligibility;

/// <summary>
/// A request to migrate one subscription (a base with its add-ons, or an add-on alone), as Partner Center's
/// validate and create calls take it. A member without a target carries its legacy properties over.
/// </summary>
public sealed record MigrationRequest(Guid SubscriptionId)
{
    public MigrationTarget? Target { get; init; }

    /// <summary>Targets of add-ons, by legacy subscription id; add-ons not named carry over.</summary>
    public IReadOnlyDictionary<Guid, MigrationTarget> AddOnTargets { get; init; } = new Dictionary<Guid, MigrationTarget>();

    /// <summary>When the migration would run: now (null), or a schedule's target time.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>
    /// The migration runs on renewal: at 00:00 UTC the day after the term ends, as a new full term, so the
    /// checks on the end of the current term do not apply.
    /// </summary>
    public bool OnRenewal { get; init; }
}
