namespace Portal.Dashboard;

/// <summary>
/// One customer's share of the dashboard's eligibility figures (ADR-022): how many of its active base subscriptions
/// could migrate now, with their add-ons, and how many could not, as judged at <see cref="ComputedAt"/>. The figure
/// holds until <see cref="RecountDue"/>: the first instant a time rule could change a verdict, or
/// <see cref="Stale"/> once anything the verdicts read has changed. <see cref="Stamp"/> grows with every such
/// change, so a recount that read the facts before a change cannot store its outdated figure.
/// </summary>
public sealed class CustomerEligibilityFigure
{
    /// <summary>Marks a figure that must be recounted whatever the partner's clock says.</summary>
    public static readonly DateTimeOffset Stale = DateTimeOffset.UnixEpoch;

    /// <summary>A figure no time rule can change: only a change to the facts makes it stale.</summary>
    public static readonly DateTimeOffset Never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public Guid CustomerId { get; init; }

    public Guid PartnerTenantId { get; init; }

    public int Eligible { get; set; }

    public int Ineligible { get; set; }

    /// <summary>The partner-clock instant from which this figure must be recounted.</summary>
    public DateTimeOffset RecountDue { get; set; } = Stale;

    /// <summary>The partner-clock instant the figure was judged at; null until first counted.</summary>
    public DateTimeOffset? ComputedAt { get; set; }

    /// <summary>Grows by one with each change that makes the figure stale; the recount's concurrency token.</summary>
    public long Stamp { get; set; }
}
