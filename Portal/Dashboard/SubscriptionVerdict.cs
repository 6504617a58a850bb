namespace Portal.Dashboard;

/// <summary>
/// One legacy subscription's stored verdicts (ADR-030), judged with its customer's figure (ADR-022) and valid exactly
/// as long as that figure is: while the figure's <see cref="CustomerEligibilityFigure.Stamp"/> still equals
/// <see cref="Stamp"/> and the partner's clock is between the figure's <see cref="CustomerEligibilityFigure.ComputedAt"/>
/// and its <see cref="CustomerEligibilityFigure.RecountDue"/>. The exports read these instead of judging every row.
/// </summary>
public sealed record SubscriptionVerdict
{
    public Guid SubscriptionId { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>The customer's figure stamp the facts were read at.</summary>
    public long Stamp { get; init; }

    /// <summary>Could it migrate now, with its add-ons and its own properties carried over.</summary>
    public bool Eligible { get; init; }

    /// <summary>Every distinct reason of every ineligible member of that migration, in the seed's words.</summary>
    public string Reasons { get; init; } = "";

    /// <summary>
    /// Microsoft-led migration at its term's end (Active and Suspended subscriptions only; null otherwise): for a base,
    /// what Microsoft would decide, null when it is not evaluated (skipped); for an add-on, its verdict alone (used
    /// when its base is not renewing in the same window; null, not judged, when the base is still on legacy with the
    /// same term end, so always renews with it).
    /// </summary>
    public bool? LedEligible { get; init; }

    /// <summary>The reasons behind <see cref="LedEligible"/>: why it is ineligible, or why Microsoft skips it.</summary>
    public string LedReasons { get; init; } = "";

    /// <summary>A base Microsoft skips because it has already scheduled it.</summary>
    public bool LedScheduled { get; init; }

    /// <summary>
    /// The subscription's term end while it is still on legacy (Active or Suspended), null otherwise: the Microsoft-led
    /// export reads the verdicts of its window by it, without joining the subscriptions.
    /// </summary>
    public DateTimeOffset? LedTermEnd { get; init; }
}
