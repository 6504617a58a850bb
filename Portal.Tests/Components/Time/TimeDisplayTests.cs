using System.Text.RegularExpressions;
using Bunit;
using Portal.Accounts;
using Portal.Components.Time;

namespace Portal.Tests.Components.Time;

/// <summary>An instant in the signed-in user's zone, with the stored UTC value beside it (ADR-011).</summary>
public class TimeDisplayTests : PortalPageContext
{
    private static readonly DateTimeOffset Instant = new(2026, 1, 17, 23, 59, 59, TimeSpan.Zero);

    private IRenderedComponent<TimeDisplay> Show(string userZone, DateTimeOffset at, bool asDate = false, TimeZoneInfo? zone = null)
    {
        SignInAs(Guid.NewGuid(), PortalRoles.SalesAgent, timeZoneId: userZone);
        return Render<TimeDisplay>(p => p.Add(x => x.At, at).Add(x => x.AsDate, asDate).Add(x => x.Zone, zone));
    }

    [Fact]
    public void An_instant_is_shown_in_the_users_zone_with_utc_beside()
    {
        var time = Show("Australia/Sydney", Instant).Find("time");

        Assert.Equal("2026-01-17T23:59:59Z", time.GetAttribute("datetime"));
        Assert.Equal("2026-01-18 10:59 UTC+11", time.QuerySelector(".time-local")!.TextContent);
        Assert.Equal("(2026-01-17 23:59 UTC)", time.QuerySelector(".time-utc")!.TextContent);
        Assert.Equal("2026-01-18 10:59 UTC+11 (2026-01-17 23:59 UTC)", Regex.Replace(time.TextContent.Trim(), @"\s+", " "));
        Assert.Contains("UTC+11 (", time.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Summer_time_is_applied_for_the_instant_not_the_zones_standard_offset()
    {
        var summer = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("2026-07-01 05:00 UTC-7", Show("America/Los_Angeles", summer).Find(".time-local").TextContent);
    }

    [Fact]
    public void A_term_end_shows_the_local_date_which_can_differ_from_the_utc_date()
    {
        var shown = Show("Australia/Sydney", Instant, asDate: true, zone: TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));

        Assert.Equal("2026-01-17", shown.Find(".time-local").TextContent);
        Assert.Equal("America/Los_Angeles", shown.Find("time").GetAttribute("title"));
    }

    [Fact]
    public void A_user_in_utc_sees_the_time_once()
    {
        var shown = Show("UTC", Instant);

        Assert.Equal("2026-01-17 23:59 UTC", shown.Find(".time-local").TextContent);
        Assert.Empty(shown.FindAll(".time-utc"));
    }

    [Fact]
    public void The_utc_instant_carries_no_bootstrap_classes()
    {
        var utc = Show("Australia/Sydney", Instant).Find(".time-utc");

        Assert.Equal("time-utc", utc.ClassName);
    }
}
