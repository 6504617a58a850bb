namespace Portal.Engine;

/// <summary>
/// A lease on one piece of engine work (a schedule to run, a migration to advance, a daily planning pass), held by
/// one portal instance until it expires (ADR-007). Written only through <see cref="WorkClaims"/>.
/// </summary>
public sealed class WorkClaim
{
    public const int MaxKeyLength = 100;

    public string Key { get; init; } = "";

    public string Holder { get; init; } = "";

    /// <summary>Unix milliseconds (UTC), the same on both providers so the claim SQL can compare it directly.</summary>
    public long ExpiresAt { get; init; }
}

/// <summary>A New Commerce subscription whose 7-day cancellation window the worker has closed (recorded once).</summary>
public sealed class ClosedCancellationWindow
{
    public Guid NceSubscriptionId { get; init; }

    public DateTimeOffset ClosedAt { get; init; }
}
