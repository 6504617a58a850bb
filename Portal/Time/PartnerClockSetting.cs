namespace Portal.Time;

/// <summary>
/// How far a Sandbox partner has moved its own clock ahead of real time. Production partners never have one:
/// they always run on real time.
/// </summary>
public sealed class PartnerClockSetting
{
    public Guid PartnerTenantId { get; init; }

    /// <summary>Added to real time to get the partner's now; never negative.</summary>
    public TimeSpan Offset { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
