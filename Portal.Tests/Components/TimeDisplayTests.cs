using Portal.Components.Time;

namespace Portal.Tests.Components;

public class TimeDisplayTests
{
    private static readonly DateTimeOffset Instant = new(2026, 1, 17, 23, 59, 59, TimeSpan.Zero);

    [Fact]
    public async Task An_instant_is_shown_in_the_users_zone_with_utc_beside()
    {
        var html = await ComponentHtml.RenderAsync<TimeDisplay>(new Dictionary<string, object?> { ["At"] = Instant }, "Australia/Sydney");

        var time = html.QuerySelector("time")!;
        Assert.Equal("2026-01-17T23:59:59Z", time.GetAttribute("datetime"));
        Assert.Equal("2026-01-18 10:59 UTC+11", time.QuerySelector(".time-local")!.TextContent);
        Assert.Equal("(2026-01-17 23:59 UTC)", time.QuerySelector(".time-utc")!.TextContent);
        Assert.Equal("2026-01-18 10:59 UTC+11 (2026-01-17 23:59 UTC)", System.Text.RegularExpressions.Regex.Replace(time.TextContent.Trim(), @"\s+", " "));
        Assert.Contains("UTC+11 (", time.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summer_time_is_applied_for_the_instant_not_the_zones_standard_offset()
    {
        var summer = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var html = await ComponentHtml.RenderAsync<TimeDisplay>(new Dictionary<string, object?> { ["At"] = summer }, "America/Los_Angeles");

        Assert.Equal("2026-07-01 05:00 UTC-7", html.QuerySelector(".time-local")!.TextContent);
    }

    [Fact]
    public async Task A_term_end_shows_the_local_date_which_can_differ_from_the_utc_date()
    {
        var html = await ComponentHtml.RenderAsync<TimeDisplay>(
            new Dictionary<string, object?> { ["At"] = Instant, ["AsDate"] = true, ["Zone"] = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles") },
            "Australia/Sydney");

        Assert.Equal("2026-01-17", html.QuerySelector(".time-local")!.TextContent);
        Assert.Equal("America/Los_Angeles", html.QuerySelector("time")!.GetAttribute("title"));
    }

    [Fact]
    public async Task A_user_in_utc_sees_the_time_once()
    {
        var html = await ComponentHtml.RenderAsync<TimeDisplay>(new Dictionary<string, object?> { ["At"] = Instant }, "UTC");

        Assert.Equal("2026-01-17 23:59 UTC", html.QuerySelector(".time-local")!.TextContent);
        Assert.Null(html.QuerySelector(".time-utc"));
    }
}
