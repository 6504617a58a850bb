using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Terms;

/// <summary>
/// A custom term end date (<c>customTermEndDate</c>): code 11 when it is outside the first term, code 12 when it is
/// neither an active non-trial New Commerce subscription's end date nor a month's last day, or breaks the monthly
/// 28th-30th rule or the no-co-terming-with-monthly rule for longer terms.
/// </summary>
public class CoTermingCheckTests
{
    private const int OutsideFirstTerm = 11;
    private const int MustAlign = 12;

    private static int? Check(string customEnd, TermDuration term, string migrationDay, params NceSubscription[] customerSubscriptions) =>
        CoTerming.Check(A.Date(customEnd), term, A.Date(migrationDay), customerSubscriptions)?.Code;

    // --- Inside the first term ---

    [Theory]
    [InlineData(TermDuration.P1M)]
    [InlineData(TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y)]
    public void The_migration_day_itself_is_refused_as_outside_the_first_term(TermDuration term)
    {
        // 2024-01-31 is a month end, so only the window can refuse it.
        Assert.Equal(OutsideFirstTerm, Check("2024-01-31", term, "2024-01-31"));
    }

    [Fact]
    public void A_day_before_the_migration_day_is_refused_as_outside_the_first_term()
    {
        Assert.Equal(OutsideFirstTerm, Check("2023-12-31", TermDuration.P1Y, "2024-01-15"));
    }

    [Fact]
    public void The_day_after_the_migration_day_is_allowed_when_it_is_a_month_end()
    {
        Assert.Null(Check("2024-01-31", TermDuration.P1Y, "2024-01-30"));
    }

    [Theory]
    [InlineData(TermDuration.P1M, "2024-04-01", "2024-04-30", "2024-05-31")]
    [InlineData(TermDuration.P1Y, "2024-05-01", "2025-04-30", "2025-05-31")]
    [InlineData(TermDuration.P3Y, "2024-05-01", "2027-04-30", "2027-05-31")]
    public void The_last_day_of_the_first_term_is_allowed_and_the_next_month_end_is_not(
        TermDuration term, string migrationDay, string lastDayOfFirstTerm, string nextMonthEnd)
    {
        Assert.Null(Check(lastDayOfFirstTerm, term, migrationDay));
        Assert.Equal(OutsideFirstTerm, Check(nextMonthEnd, term, migrationDay));
    }

    [Fact]
    public void A_subscription_end_on_the_last_day_of_the_first_term_is_allowed_and_one_day_later_is_not()
    {
        // Annual from 2024-01-15: the first term runs to 2025-01-14.
        var onLastDay = A.NceEndingOn(TermDuration.P1Y, "2025-01-14");
        var dayAfter = A.NceEndingOn(TermDuration.P1Y, "2025-01-15");

        Assert.Null(Check("2025-01-14", TermDuration.P1Y, "2024-01-15", onLastDay, dayAfter));
        Assert.Equal(OutsideFirstTerm, Check("2025-01-15", TermDuration.P1Y, "2024-01-15", onLastDay, dayAfter));
    }

    [Fact]
    public void The_refusal_says_which_window_the_date_must_fall_in()
    {
        var reason = CoTerming.Check(A.Date("2025-05-31"), TermDuration.P1Y, A.Date("2024-05-01"), []);

        Assert.NotNull(reason);
        Assert.Equal("InvalidCustomTermEndDate", reason.Name);
        Assert.Contains("2024-05-02", reason.Description, StringComparison.Ordinal);
        Assert.Contains("2025-04-30", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_term_runs_from_the_day_after_the_migration_day_to_the_full_term_end()
    {
        var (first, last) = CoTerming.FirstTerm(A.Date("2024-01-15"), TermDuration.P1Y);

        Assert.Equal(A.Date("2024-01-16"), first);
        Assert.Equal(A.Date("2025-01-14"), last);
    }

    // --- Aligned with a subscription or a calendar month ---

    [Theory]
    [InlineData("2024-01-31")]
    [InlineData("2024-02-29")]
    [InlineData("2024-06-30")]
    [InlineData("2024-12-31")]
    public void The_last_day_of_a_calendar_month_is_allowed(string monthEnd)
    {
        Assert.Null(Check(monthEnd, TermDuration.P1Y, "2024-01-15"));
    }

    [Fact]
    public void The_end_date_of_an_active_paid_new_commerce_subscription_is_allowed()
    {
        Assert.Null(Check("2024-06-17", TermDuration.P1Y, "2024-01-15", A.NceEndingOn(TermDuration.P1Y, "2024-06-17")));
    }

    [Fact]
    public void A_date_that_is_neither_a_subscriptions_end_nor_a_month_end_is_refused()
    {
        Assert.Equal(MustAlign, Check("2024-06-17", TermDuration.P1Y, "2024-01-15", A.NceEndingOn(TermDuration.P1Y, "2024-06-18")));
    }

    [Fact]
    public void A_date_is_refused_when_the_customer_has_no_new_commerce_subscriptions()
    {
        Assert.Equal(MustAlign, Check("2024-06-17", TermDuration.P1Y, "2024-01-15"));
    }

    [Fact]
    public void A_trial_subscriptions_end_date_does_not_count()
    {
        Assert.Equal(MustAlign, Check("2024-06-17", TermDuration.P1Y, "2024-01-15", A.NceTrialEndingOn(TermDuration.P1Y, "2024-06-17")));
    }

    [Fact]
    public void A_cancelled_subscriptions_end_date_does_not_count()
    {
        Assert.Equal(MustAlign, Check("2024-06-17", TermDuration.P1Y, "2024-01-15", A.NceCancelledEndingOn(TermDuration.P1Y, "2024-06-17")));
    }

    [Fact]
    public void One_active_paid_subscription_on_the_date_is_enough_beside_a_trial_and_a_cancelled_one()
    {
        Assert.Null(Check(
            "2024-06-17",
            TermDuration.P1Y,
            "2024-01-15",
            A.NceTrialEndingOn(TermDuration.P1Y, "2024-06-17"),
            A.NceCancelledEndingOn(TermDuration.P1Y, "2024-06-17"),
            A.NceEndingOn(TermDuration.P3Y, "2024-06-17")));
    }

    // --- Monthly terms and the 28th-30th ---

    [Theory]
    [InlineData("2023-02-10", "2023-02-28", null)]
    [InlineData("2024-02-10", "2024-02-28", MustAlign)]
    [InlineData("2024-02-10", "2024-02-29", null)]
    [InlineData("2024-04-10", "2024-04-30", null)]
    [InlineData("2024-04-10", "2024-04-29", MustAlign)]
    [InlineData("2024-04-10", "2024-04-28", MustAlign)]
    [InlineData("2024-05-10", "2024-05-30", MustAlign)]
    [InlineData("2024-05-10", "2024-05-31", null)]
    public void A_monthly_term_may_end_on_the_28th_to_30th_only_when_that_is_the_months_last_day(string migrationDay, string customEnd, int? expected)
    {
        Assert.Equal(expected, Check(customEnd, TermDuration.P1M, migrationDay));
    }

    [Theory]
    [InlineData("2024-05-28")]
    [InlineData("2024-05-29")]
    [InlineData("2024-05-30")]
    public void A_monthly_term_cannot_end_on_the_28th_to_30th_even_to_co_term_with_a_subscription(string customEnd)
    {
        var reason = CoTerming.Check(A.Date(customEnd), TermDuration.P1M, A.Date("2024-05-10"), [A.NceEndingOn(TermDuration.P1M, customEnd)]);

        Assert.Equal(MustAlign, reason?.Code);
        Assert.Contains("monthly term", reason!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_monthly_term_may_co_term_with_a_monthly_subscription_ending_on_the_27th()
    {
        Assert.Null(Check("2024-05-27", TermDuration.P1M, "2024-05-10", A.NceEndingOn(TermDuration.P1M, "2024-05-27")));
    }

    [Theory]
    [InlineData(TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y)]
    public void The_28th_to_30th_rule_is_for_monthly_terms_only(TermDuration term)
    {
        Assert.Null(Check("2024-05-30", term, "2024-05-10", A.NceEndingOn(TermDuration.P1Y, "2024-05-30")));
    }

    // --- Longer terms do not co-term with monthly subscriptions ---

    [Theory]
    [InlineData(TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y)]
    public void An_annual_or_triennial_term_cannot_co_term_with_a_monthly_subscription(TermDuration term)
    {
        var reason = CoTerming.Check(A.Date("2024-02-10"), term, A.Date("2024-01-15"), [A.NceEndingOn(TermDuration.P1M, "2024-02-10")]);

        Assert.Equal(MustAlign, reason?.Code);
        Assert.Contains("monthly", reason!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TermDuration.P1Y, TermDuration.P1Y)]
    [InlineData(TermDuration.P1Y, TermDuration.P3Y)]
    [InlineData(TermDuration.P3Y, TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y, TermDuration.P3Y)]
    public void An_annual_or_triennial_term_may_co_term_with_an_annual_or_triennial_subscription(TermDuration term, TermDuration existing)
    {
        Assert.Null(Check("2024-02-10", term, "2024-01-15", A.NceEndingOn(existing, "2024-02-10")));
    }

    [Theory]
    [InlineData(TermDuration.P1M)]
    [InlineData(TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y)]
    public void A_monthly_term_may_co_term_with_any_subscription_inside_its_month(TermDuration existing)
    {
        Assert.Null(Check("2024-02-10", TermDuration.P1M, "2024-01-15", A.NceEndingOn(existing, "2024-02-10")));
    }

    [Fact]
    public void A_longer_term_may_still_take_a_month_end_that_a_monthly_subscription_also_ends_on()
    {
        Assert.Null(Check("2024-02-29", TermDuration.P1Y, "2024-01-15", A.NceEndingOn(TermDuration.P1M, "2024-02-29")));
    }
}
