namespace Portal.Api;

/// <summary>
/// The calls counted in one fixed window of one limit's partition (e.g. <c>partner:{id}</c> in the minute starting at
/// <see cref="WindowStart"/>), shared by every instance through the database (ADR-021). Written only through
/// <see cref="DatabaseRateCounters"/>, by one atomic upsert per call.
/// </summary>
public sealed class ApiRateCounter
{
    public const int MaxPartitionLength = 200;

    public string Partition { get; init; } = "";

    /// <summary>Unix milliseconds (UTC) at which the window starts: a multiple of the window's length, the same on every instance.</summary>
    public long WindowStart { get; init; }

    public int Count { get; init; }

    /// <summary>Unix milliseconds at which the window ends and the row may be deleted.</summary>
    public long ExpiresAt { get; init; }
}
