using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Terms;

/// <summary>The co-term dates offered to a partner (Partner Center's <c>customTermEndDates</c>).</summary>
public class CoTermingAllowedDatesTests
{
    private static IReadOnlyList<CoTermDate> Allowed(TermDuration term, string migrationDay, params NceSubscription[] customerSubscriptions) =>
        CoTerming.AllowedDates(term, A.Date(migrationDay), customerSubscriptions);

    private static DateOnly[] Dates(params string[] dates) => [.. dates.Select(A.Date)];

    [Fact]
    public void An_annual_term_without_subscriptions_offers_every_month_end_of_its_first_term()
    {
        var allowed = Allowed(TermDuration.P1Y, "2024-01-15");

        Assert.Equal(
            Dates("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
                  "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31"),
            allowed.Select(d => d.Date));
        Assert.All(allowed, d => Assert.True(d.IsEndOfMonth));
        Assert.All(allowed, d => Assert.Empty(d.AlignedSubscriptionIds));
    }

    [Fact]
    public void A_month_end_on_the_last_day_of_the_first_term_is_offered()
    {
        var allowed = Allowed(TermDuration.P1Y, "2024-05-01");

        Assert.Equal(A.Date("2024-05-31"), allowed[0].Date);
        Assert.Equal(A.Date("2025-04-30"), allowed[^1].Date);
        Assert.Equal(12, allowed.Count);
    }

    [Fact]
    public void The_migration_day_is_not_offered_even_when_it_is_a_month_end()
    {
        var allowed = Allowed(TermDuration.P1Y, "2024-01-31", A.NceEndingOn(TermDuration.P1Y, "2024-01-31"));

        Assert.DoesNotContain(allowed, d => d.Date == A.Date("2024-01-31"));
        Assert.Equal(A.Date("2024-02-29"), allowed[0].Date);
    }

    [Fact]
    public void A_triennial_term_offers_thirty_six_month_ends()
    {
        var allowed = Allowed(TermDuration.P3Y, "2024-01-15");

        Assert.Equal(36, allowed.Count);
        Assert.Equal(A.Date("2024-01-31"), allowed[0].Date);
        Assert.Equal(A.Date("2026-12-31"), allowed[^1].Date);
    }

    [Fact]
    public void Aligned_subscriptions_end_dates_are_offered_in_order_with_their_ids()
    {
        var june = A.NceEndingOn(TermDuration.P1Y, "2024-06-17");
        var septemberA = A.NceEndingOn(TermDuration.P1Y, "2024-09-05");
        var septemberB = A.NceEndingOn(TermDuration.P3Y, "2024-09-05");

        var allowed = Allowed(TermDuration.P1Y, "2024-01-15", septemberB, june, septemberA);

        Assert.Equal(14, allowed.Count);
        Assert.Equal(allowed.Select(d => d.Date).Order(), allowed.Select(d => d.Date));
        var juneDate = Assert.Single(allowed, d => d.Date == A.Date("2024-06-17"));
        Assert.False(juneDate.IsEndOfMonth);
        Assert.Equal([june.Id], juneDate.AlignedSubscriptionIds);
        var septemberDate = Assert.Single(allowed, d => d.Date == A.Date("2024-09-05"));
        Assert.Equal(new HashSet<Guid> { septemberA.Id, septemberB.Id }, septemberDate.AlignedSubscriptionIds.ToHashSet());
    }

    [Fact]
    public void A_subscription_ending_on_a_month_end_is_offered_once_as_a_month_end_with_its_id()
    {
        var july = A.NceEndingOn(TermDuration.P1Y, "2024-07-31");

        var allowed = Allowed(TermDuration.P1Y, "2024-01-15", july);

        var julyDate = Assert.Single(allowed, d => d.Date == A.Date("2024-07-31"));
        Assert.True(julyDate.IsEndOfMonth);
        Assert.Equal([july.Id], julyDate.AlignedSubscriptionIds);
        Assert.Equal(12, allowed.Count);
    }

    [Fact]
    public void Subscriptions_that_cannot_be_co_termed_with_are_not_offered()
    {
        var allowed = Allowed(
            TermDuration.P1Y,
            "2024-01-15",
            A.NceEndingOn(TermDuration.P1M, "2024-02-10"),
            A.NceTrialEndingOn(TermDuration.P1Y, "2024-03-03"),
            A.NceCancelledEndingOn(TermDuration.P1Y, "2024-04-04"),
            A.NceEndingOn(TermDuration.P1Y, "2025-03-01"),
            A.NceEndingOn(TermDuration.P1Y, "2024-01-15"));

        Assert.All(allowed, d => Assert.True(d.IsEndOfMonth, $"{d.Date:yyyy-MM-dd} should not be offered"));
        Assert.All(allowed, d => Assert.Empty(d.AlignedSubscriptionIds));
        Assert.Equal(12, allowed.Count);
    }

    [Fact]
    public void A_monthly_term_offers_the_month_end_and_any_subscription_ending_in_its_month()
    {
        var monthly = A.NceEndingOn(TermDuration.P1M, "2024-01-20");
        var annual = A.NceEndingOn(TermDuration.P1Y, "2024-02-05");

        var allowed = Allowed(TermDuration.P1M, "2024-01-10", monthly, annual);

        Assert.Equal(Dates("2024-01-20", "2024-01-31", "2024-02-05"), allowed.Select(d => d.Date));
        Assert.Equal([monthly.Id], allowed[0].AlignedSubscriptionIds);
        Assert.Equal([annual.Id], allowed[2].AlignedSubscriptionIds);
    }

    [Theory]
    [InlineData("2024-05-28")]
    [InlineData("2024-05-29")]
    [InlineData("2024-05-30")]
    public void A_monthly_term_is_not_offered_a_subscription_end_on_the_28th_to_30th_that_is_not_a_month_end(string subscriptionEnd)
    {
        var allowed = Allowed(TermDuration.P1M, "2024-05-10", A.NceEndingOn(TermDuration.P1Y, subscriptionEnd));

        Assert.Equal(Dates("2024-05-31"), allowed.Select(d => d.Date));
    }

    [Fact]
    public void A_monthly_term_in_a_leap_february_is_offered_the_29th_but_not_the_28th()
    {
        var allowed = Allowed(TermDuration.P1M, "2024-02-10", A.NceEndingOn(TermDuration.P1Y, "2024-02-28"));

        Assert.Equal(Dates("2024-02-29"), allowed.Select(d => d.Date));
    }

    [Fact]
    public void A_monthly_term_in_a_common_february_is_offered_the_28th()
    {
        var allowed = Allowed(TermDuration.P1M, "2023-02-10");

        Assert.Equal(Dates("2023-02-28"), allowed.Select(d => d.Date));
    }

    [Theory]
    [InlineData(TermDuration.P1M, "2024-01-10")]
    [InlineData(TermDuration.P1M, "2024-02-10")]
    [InlineData(TermDuration.P1M, "2024-05-10")]
    [InlineData(TermDuration.P1M, "2024-01-31")]
    [InlineData(TermDuration.P1Y, "2024-01-15")]
    [InlineData(TermDuration.P3Y, "2024-01-15")]
    public void The_offered_dates_are_exactly_the_dates_the_check_accepts(TermDuration term, string migrationDay)
    {
        NceSubscription[] subscriptions =
        [
            A.NceEndingOn(TermDuration.P1M, "2024-01-20"),
            A.NceEndingOn(TermDuration.P1M, "2024-02-28"),
            A.NceEndingOn(TermDuration.P1Y, "2024-02-05"),
            A.NceEndingOn(TermDuration.P1Y, "2024-05-29"),
            A.NceEndingOn(TermDuration.P3Y, "2024-06-17"),
            A.NceTrialEndingOn(TermDuration.P1Y, "2024-02-07"),
            A.NceCancelledEndingOn(TermDuration.P1Y, "2024-05-21"),
        ];
        var day = A.Date(migrationDay);
        var offered = CoTerming.AllowedDates(term, day, subscriptions).Select(d => d.Date).ToHashSet();

        for (var candidate = day.AddDays(-3); candidate <= TermDates.FullTermEnd(day, term).AddDays(40); candidate = candidate.AddDays(1))
        {
            var accepted = CoTerming.Check(candidate, term, day, subscriptions) is null;
            Assert.True(accepted == offered.Contains(candidate), $"{candidate:yyyy-MM-dd}: check accepts {accepted}, offered {offered.Contains(candidate)}");
        }
    }
}
