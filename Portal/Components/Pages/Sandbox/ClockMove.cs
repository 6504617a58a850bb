using System.Globalization;

namespace Portal.Components.Pages.Sandbox;

/// <summary>
/// What a clock form asks for: move forward by an amount, or set the clock to a moment (UTC), or nothing because the
/// fields are not filled in as the page requires (<see cref="Refusal"/> says which field and why).
/// </summary>
public sealed record ClockMove(TimeSpan? By, DateTimeOffset? To, string? Refusal = null)
{
    /// <summary>A move this far or further asks for a confirmation first: schedules, migrations and deadlines all jump with it.</summary>
    public static readonly TimeSpan Large = TimeSpan.FromDays(30);

    public static ClockMove Forward(TimeSpan by) => new(by, null);

    public static ClockMove SetTo(DateTimeOffset to) => new(null, to);

    public static ClockMove Refused(string why) => new(null, null, why);

    /// <summary>Where the clock would land from <paramref name="now"/>.</summary>
    public DateTimeOffset Target(DateTimeOffset now) => To ?? now + (By ?? TimeSpan.Zero);

    public static string Show(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>An amount of time as the page writes it, e.g. "30 days 2 hours 0 minutes".</summary>
    public static string Amount(TimeSpan span) => $"{span.Days} days {span.Hours} hours {span.Minutes} minutes";
}
