using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Terms;

/// <summary>
/// The New Commerce term end a migration gives (seed: "Configure the term and billing frequency"): keep the legacy
/// end date by default, a full new term with purchaseFullTerm, the anniversary day when only the length changes,
/// and a custom end date as asked.
/// </summary>
public class NceTermEndTests
{
    private static LegacySubscription Legacy(TermDuration term, BillingCycle billing, string endDate)
    {
        var end = A.Date(endDate);
        return A.Subscription().WithTerm(term, billing).EndingOn(end.Year, end.Month, end.Day).Build();
    }

    private static LegacySubscription AnnualEnding(string endDate) => Legacy(TermDuration.P1Y, BillingCycle.Annual, endDate);

    private static DateTimeOffset MiddayOn(string day) => TermDates.StartInstant(A.Date(day)).AddHours(12);

    // --- Keep the end date (the default) ---

    [Fact]
    public void An_annual_subscription_migrated_at_month_seven_keeps_its_end_date_and_has_five_months_left()
    {
        // Term 2021-02-11 .. 2022-02-10; month seven ends on 2021-09-10.
        var legacy = AnnualEnding("2022-02-10");
        var migrationDay = A.Date("2021-09-10");

        var end = EligibilityEvaluator.NceEndDate(legacy, MigrationTarget.CarryOver(legacy), MiddayOn("2021-09-10"));

        Assert.Equal(A.Date("2022-02-10"), end);
        Assert.Equal(migrationDay.AddMonths(5), end);
    }

    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Monthly, "2021-12-10", "2021-11-17")]
    [InlineData(TermDuration.P1Y, BillingCycle.Annual, "2022-02-10", "2021-03-01")]
    [InlineData(TermDuration.P1Y, BillingCycle.Monthly, "2022-02-10", "2022-02-08")]
    [InlineData(TermDuration.P3Y, BillingCycle.Triennial, "2024-06-30", "2021-07-15")]
    public void Carrying_the_term_over_keeps_the_legacy_end_date(TermDuration term, BillingCycle billing, string legacyEnd, string migrationDay)
    {
        var legacy = Legacy(term, billing, legacyEnd);

        var end = EligibilityEvaluator.NceEndDate(legacy, MigrationTarget.CarryOver(legacy), MiddayOn(migrationDay));

        Assert.Equal(A.Date(legacyEnd), end);
    }

    [Fact]
    public void Changing_only_the_billing_cycle_keeps_the_legacy_end_date()
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, legacy.Quantity);

        var end = EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-09-10"));

        Assert.Equal(A.Date("2022-02-10"), end);
    }

    // --- A new full term (purchaseFullTerm) ---

    [Fact]
    public void An_annual_subscription_migrated_at_month_seven_with_a_new_term_gets_a_full_year_from_the_migration_day()
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = MigrationTarget.CarryOver(legacy) with { PurchaseFullTerm = true };

        var end = EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-09-10"));

        Assert.Equal(A.Date("2022-09-09"), end);
    }

    [Theory]
    [InlineData("2021-11-17", TermDuration.P1M, "2021-12-16")]
    [InlineData("2021-11-17", TermDuration.P1Y, "2022-11-16")]
    [InlineData("2021-11-17", TermDuration.P3Y, "2024-11-16")]
    [InlineData("2021-12-01", TermDuration.P1M, "2021-12-31")]
    [InlineData("2021-01-01", TermDuration.P1Y, "2021-12-31")]
    [InlineData("2021-03-31", TermDuration.P1M, "2021-04-29")]
    public void A_new_full_term_ends_the_day_before_the_anniversary_of_the_migration_day(string migrationDay, TermDuration term, string expectedEnd)
    {
        Assert.Equal(A.Date(expectedEnd), TermDates.FullTermEnd(A.Date(migrationDay), term));
    }

    [Theory]
    [InlineData("2023-01-31", TermDuration.P1M, "2023-02-27")]
    [InlineData("2024-01-31", TermDuration.P1M, "2024-02-28")]
    [InlineData("2024-03-31", TermDuration.P1M, "2024-04-29")]
    public void A_monthly_term_bought_on_the_31st_ends_the_day_before_the_clamped_anniversary(string migrationDay, TermDuration term, string expectedEnd)
    {
        Assert.Equal(A.Date(expectedEnd), TermDates.FullTermEnd(A.Date(migrationDay), term));
    }

    [Theory]
    [InlineData("2024-02-29", TermDuration.P1M, "2024-03-28")]
    [InlineData("2024-02-29", TermDuration.P1Y, "2025-02-27")]
    [InlineData("2024-02-29", TermDuration.P3Y, "2027-02-27")]
    [InlineData("2023-03-01", TermDuration.P1Y, "2024-02-29")]
    [InlineData("2027-03-01", TermDuration.P1Y, "2028-02-29")]
    [InlineData("2022-03-01", TermDuration.P1Y, "2023-02-28")]
    public void A_new_full_term_handles_the_leap_day(string migrationDay, TermDuration term, string expectedEnd)
    {
        Assert.Equal(A.Date(expectedEnd), TermDates.FullTermEnd(A.Date(migrationDay), term));
    }

    [Theory]
    [InlineData(TermDuration.P1M, "2021-12-16")]
    [InlineData(TermDuration.P1Y, "2022-11-16")]
    [InlineData(TermDuration.P3Y, "2024-11-16")]
    public void A_new_term_ignores_the_legacy_end_date(TermDuration term, string expectedEnd)
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = new MigrationTarget(term, BillingCycle.Monthly, legacy.Quantity, PurchaseFullTerm: true);

        Assert.Equal(A.Date(expectedEnd), EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-11-17")));
    }

    [Fact]
    public void Every_full_term_ends_after_it_starts_and_covers_the_day_before_the_next_term()
    {
        foreach (var term in Enum.GetValues<TermDuration>())
        {
            for (var start = A.Date("2023-01-01"); start <= A.Date("2024-12-31"); start = start.AddDays(1))
            {
                var end = TermDates.FullTermEnd(start, term);
                Assert.True(end > start, $"{term} from {start:yyyy-MM-dd} ends on {end:yyyy-MM-dd}");
                Assert.True(end < start.AddMonths(term.Months()), $"{term} from {start:yyyy-MM-dd} ends on {end:yyyy-MM-dd}");
                Assert.True(end.DayNumber - start.DayNumber >= (term.Months() * 28) - 2, $"{term} from {start:yyyy-MM-dd} is too short: {end:yyyy-MM-dd}");
            }
        }
    }

    // --- Switch the term length without a new term: keep the anniversary day ---

    [Fact]
    public void The_seeds_example_an_annual_ending_2022_02_10_migrated_to_monthly_on_2021_11_17_ends_on_2021_12_10()
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = new MigrationTarget(TermDuration.P1M, BillingCycle.Monthly, legacy.Quantity);

        var end = EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-11-17"));

        Assert.Equal(A.Date("2021-12-10"), end);
    }

    [Theory]
    [InlineData("2021-11-09", "2021-11-10")]
    [InlineData("2021-11-10", "2021-12-10")]
    [InlineData("2021-11-17", "2021-12-10")]
    [InlineData("2021-12-09", "2021-12-10")]
    [InlineData("2021-12-10", "2022-01-10")]
    [InlineData("2021-12-11", "2022-01-10")]
    [InlineData("2022-01-09", "2022-01-10")]
    [InlineData("2022-01-10", "2022-02-10")]
    public void A_monthly_term_cut_from_an_annual_one_ends_on_the_first_anniversary_day_after_the_migration_day(string migrationDay, string expectedEnd)
    {
        Assert.Equal(A.Date(expectedEnd), TermDates.AlignedEnd(A.Date("2022-02-10"), TermDuration.P1M, A.Date(migrationDay)));
    }

    [Fact]
    public void Migrating_on_an_anniversary_day_ends_on_the_next_one_because_the_term_must_end_after_the_migration_day()
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = new MigrationTarget(TermDuration.P1M, BillingCycle.Monthly, legacy.Quantity);

        var end = EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-12-10"));

        Assert.Equal(A.Date("2022-01-10"), end);
    }

    [Fact]
    public void The_migration_day_is_the_utc_day_of_the_migration_instant()
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = new MigrationTarget(TermDuration.P1M, BillingCycle.Monthly, legacy.Quantity);

        // 23:30 in New York on 9 December is already 10 December in UTC.
        var end = EligibilityEvaluator.NceEndDate(legacy, target, A.Instant("2021-12-09T23:30:00-05:00"));

        Assert.Equal(A.Date("2022-01-10"), end);
    }

    [Fact]
    public void Every_migration_day_of_the_annual_term_gets_a_monthly_end_on_the_10th_within_one_month()
    {
        var legacyEnd = A.Date("2022-02-10");
        for (var day = A.Date("2021-02-11"); day < legacyEnd; day = day.AddDays(1))
        {
            var end = TermDates.AlignedEnd(legacyEnd, TermDuration.P1M, day);

            Assert.True(end > day, $"Migrated on {day:yyyy-MM-dd}, ends on {end:yyyy-MM-dd}");
            Assert.True(end <= day.AddMonths(1), $"Migrated on {day:yyyy-MM-dd}, ends on {end:yyyy-MM-dd}");
            Assert.Equal(10, end.Day);
        }
    }

    [Theory]
    [InlineData("2021-12-15", "2021-12-31")]
    [InlineData("2021-11-15", "2021-11-30")]
    [InlineData("2022-01-15", "2022-01-31")]
    [InlineData("2022-02-15", "2022-02-28")]
    [InlineData("2022-01-31", "2022-02-28")]
    [InlineData("2022-02-28", "2022-03-31")]
    public void A_legacy_end_on_the_31st_keeps_the_month_end_without_drifting_to_a_shorter_months_day(string migrationDay, string expectedEnd)
    {
        // Stepping back from 31 March across February (28) and November (30) must land on 31 December and 31 January again.
        Assert.Equal(A.Date(expectedEnd), TermDates.AlignedEnd(A.Date("2022-03-31"), TermDuration.P1M, A.Date(migrationDay)));
    }

    [Fact]
    public void Stepping_back_across_a_30_day_month_returns_to_the_31st()
    {
        // 2022-01-31 -> 2021-12-31 -> 2021-11-30 -> 2021-10-31, not 2021-10-30.
        Assert.Equal(A.Date("2021-10-31"), TermDates.AlignedEnd(A.Date("2022-01-31"), TermDuration.P1M, A.Date("2021-10-15")));
    }

    [Theory]
    [InlineData("2024-06-30", "2022-03-01", "2022-06-30")]
    [InlineData("2024-06-30", "2022-06-30", "2023-06-30")]
    [InlineData("2024-06-30", "2023-07-01", "2024-06-30")]
    [InlineData("2024-02-29", "2022-05-01", "2023-02-28")]
    [InlineData("2024-02-29", "2023-03-01", "2024-02-29")]
    public void A_triennial_term_cut_to_annual_ends_on_the_first_anniversary_after_the_migration_day(string legacyEnd, string migrationDay, string expectedEnd)
    {
        Assert.Equal(A.Date(expectedEnd), TermDates.AlignedEnd(A.Date(legacyEnd), TermDuration.P1Y, A.Date(migrationDay)));
    }

    [Theory]
    [InlineData(TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y)]
    public void A_longer_target_term_without_a_new_term_keeps_the_legacy_end_date(TermDuration longerTerm)
    {
        var legacy = Legacy(TermDuration.P1M, BillingCycle.Monthly, "2021-12-10");
        var target = new MigrationTarget(longerTerm, BillingCycle.Monthly, legacy.Quantity);

        var end = EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-11-17"));

        Assert.Equal(A.Date("2021-12-10"), end);
    }

    // --- A custom end date (co-terming) ---

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_custom_end_date_is_returned_as_asked(bool purchaseFullTerm)
    {
        var legacy = AnnualEnding("2022-02-10");
        var target = new MigrationTarget(TermDuration.P1Y, BillingCycle.Annual, legacy.Quantity, purchaseFullTerm, A.Date("2022-06-30"));

        var end = EligibilityEvaluator.NceEndDate(legacy, target, MiddayOn("2021-11-17"));

        Assert.Equal(A.Date("2022-06-30"), end);
    }
}
