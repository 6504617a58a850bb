using Portal.Domain.Time;

namespace Portal.Tests.Domain.Time;

/// <summary>
/// Seed, "Microsoft-led migration example": the API shows the UTC term end (<c>2024-01-17T23:59:59Z</c>) while the UI
/// shows the partner's local date.
/// </summary>
public class PartnerTimeTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TimeZoneInfo Seattle = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private static readonly DateTimeOffset TermEnd = A.Instant("2024-01-17T23:59:59Z");

    [Fact]
    public void A_term_ending_2024_01_17_at_23_59_59_utc_ends_on_18_january_in_sydney()
    {
        Assert.Equal(A.Date("2024-01-18"), PartnerTime.LocalDate(TermEnd, Sydney));
    }

    [Fact]
    public void A_term_ending_2024_01_17_at_23_59_59_utc_ends_on_17_january_in_seattle()
    {
        Assert.Equal(A.Date("2024-01-17"), PartnerTime.LocalDate(TermEnd, Seattle));
    }

    [Fact]
    public void An_instant_just_after_midnight_utc_is_still_the_previous_day_in_seattle()
    {
        var justAfterMidnight = A.Instant("2024-01-18T00:00:01Z");

        Assert.Equal(A.Date("2024-01-17"), PartnerTime.LocalDate(justAfterMidnight, Seattle));
        Assert.Equal(A.Date("2024-01-18"), PartnerTime.LocalDate(justAfterMidnight, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_utc_zone_shows_the_api_date()
    {
        Assert.Equal(A.Date("2024-01-17"), PartnerTime.LocalDate(TermEnd, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2024-01-17T23:59:59Z", 11)]
    [InlineData("2024-07-17T23:59:59Z", 10)]
    public void Sydney_is_utc_plus_11_in_its_summer_and_utc_plus_10_in_its_winter(string instant, int offsetHours)
    {
        var local = PartnerTime.ToLocal(A.Instant(instant), Sydney);

        Assert.Equal(TimeSpan.FromHours(offsetHours), local.Offset);
    }

    [Theory]
    [InlineData("2024-01-17T23:59:59Z", -8)]
    [InlineData("2024-07-17T23:59:59Z", -7)]
    public void Seattle_is_utc_minus_8_in_winter_and_utc_minus_7_in_summer(string instant, int offsetHours)
    {
        Assert.Equal(TimeSpan.FromHours(offsetHours), PartnerTime.ToLocal(A.Instant(instant), Seattle).Offset);
    }

    [Theory]
    [InlineData("2024-01-17T13:30:00Z", "2024-01-18")]
    [InlineData("2024-07-17T13:30:00Z", "2024-07-17")]
    public void The_same_utc_time_of_day_falls_on_a_different_sydney_date_in_january_and_july(string instant, string sydneyDate)
    {
        // 13:30 UTC is 00:30 the next day at UTC+11, but 23:30 the same day at UTC+10.
        Assert.Equal(A.Date(sydneyDate), PartnerTime.LocalDate(A.Instant(instant), Sydney));
    }

    [Fact]
    public void Converting_to_local_time_keeps_the_instant()
    {
        var local = PartnerTime.ToLocal(TermEnd, Sydney);

        Assert.Equal(TermEnd, local);
        Assert.Equal(new DateTime(2024, 1, 18, 10, 59, 59, DateTimeKind.Unspecified), local.DateTime);
    }

    [Theory]
    [InlineData("Australia/Sydney")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Europe/London")]
    [InlineData("UTC")]
    public void A_zone_is_found_by_its_iana_id(string id)
    {
        var zone = PartnerTime.FindZone(id);

        Assert.NotNull(zone);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(id).BaseUtcOffset, zone.BaseUtcOffset);
    }

    [Fact]
    public void A_zone_id_is_found_despite_surrounding_blanks()
    {
        var zone = PartnerTime.FindZone("  Australia/Sydney ");

        Assert.NotNull(zone);
        Assert.Equal(A.Date("2024-01-18"), PartnerTime.LocalDate(TermEnd, zone));
    }

    [Fact]
    public void A_zone_is_found_by_its_windows_id()
    {
        var zone = PartnerTime.FindZone("Pacific Standard Time");

        Assert.NotNull(zone);
        Assert.Equal(A.Date("2024-01-17"), PartnerTime.LocalDate(TermEnd, zone));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Not a time zone")]
    [InlineData("../../../etc/passwd")]
    [InlineData("America")]
    [InlineData("Australia/")]
    public void An_unknown_zone_id_finds_no_zone(string id)
    {
        Assert.Null(PartnerTime.FindZone(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_zone_id_finds_no_zone(string? id)
    {
        Assert.Null(PartnerTime.FindZone(id));
    }
}
