namespace Portal.Api;

/// <summary>
/// The calls counted in the current fixed window of one limit's partition (e.g. <c>partner:{id}</c> in the minute
/// starting at <see cref="WindowStart"/>), shared by every instance through the database (ADR-021). One row per
/// partition, written only through <see cref="DatabaseRateCounters"/>, by one atomic upsert per call.
/// </summary>
public sealed class ApiRateCounter
{
    public const int MaxPartitionLength = 200;

    public string Partition { get; init; } = "";

    /// <summary>Unix milliseconds (UTC) at which the window started: the partition's first call after the previous window ended.</summary>
    public long WindowStart { get; init; }

    public int Count { get; init; }

    /// <summary>Unix milliseconds at which the window ends; the next call after it starts a new one.</summary>
    public long ExpiresAt { get; init; }
}
