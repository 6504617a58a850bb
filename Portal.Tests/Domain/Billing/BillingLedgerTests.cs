using Portal.Domain.Billing;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Billing;

/// <summary>
/// Seed, "Suspend a legacy subscription during migration" and "Expected migration timelines": legacy billing stops
/// when the migration begins, New Commerce billing starts when its subscription is created, never both for the same
/// day; a reverted migration resumes legacy billing and charges nothing for the suspended days.
/// </summary>
public class BillingLedgerTests
{
    private static readonly Guid Legacy = Guid.Parse("1e9ac700-0000-4000-8000-000000000001");
    private static readonly Guid Nce = Guid.Parse("0ce00000-0000-4000-8000-000000000001");
    private static readonly Guid SecondNce = Guid.Parse("0ce00000-0000-4000-8000-000000000002");

    private static readonly DateOnly Bought = A.Date("2024-01-01");
    private static readonly DateOnly MigrationBegins = A.Date("2024-03-10");
    private static readonly DateOnly First = A.Date("2024-03-01");
    private static readonly DateOnly Last = A.Date("2024-03-31");

    private static BillingLedger LegacyBilledSince(DateOnly from)
    {
        var ledger = new BillingLedger();
        ledger.StartLegacyBilling(Legacy, from);
        return ledger;
    }

    private static BillingLedger MigratedOn(DateOnly migrationBegins, DateOnly nceCreated)
    {
        var ledger = LegacyBilledSince(Bought);
        ledger.StopBilling(Legacy, migrationBegins);
        ledger.StartNewCommerceBilling(Nce, Legacy, nceCreated);
        return ledger;
    }

    private static List<DateOnly> DaysBetween(string first, string last)
    {
        var days = new List<DateOnly>();
        for (var d = A.Date(first); d <= A.Date(last); d = d.AddDays(1))
        {
            days.Add(d);
        }

        return days;
    }

    // --- A migration completed the day it begins ---

    [Fact]
    public void Legacy_billing_stops_on_the_day_the_migration_begins()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.True(ledger.IsBilled(Legacy, A.Date("2024-03-09")));
        Assert.False(ledger.IsBilled(Legacy, MigrationBegins));
        Assert.Equal(DaysBetween("2024-03-01", "2024-03-09"), ledger.BilledDays(Legacy, First, Last));
    }

    [Fact]
    public void New_commerce_billing_starts_on_the_day_the_new_commerce_subscription_is_created()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.False(ledger.IsBilled(Nce, A.Date("2024-03-09")));
        Assert.True(ledger.IsBilled(Nce, MigrationBegins));
        Assert.Equal(DaysBetween("2024-03-10", "2024-03-31"), ledger.BilledDays(Nce, First, Last));
    }

    [Fact]
    public void A_same_day_migration_bills_every_day_exactly_once_with_no_overlap_and_no_gap()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.Empty(ledger.DaysBilledTwice(Legacy, Nce, First, Last));
        Assert.All(DaysBetween("2024-03-01", "2024-03-31"), day =>
            Assert.True(ledger.IsBilled(Legacy, day) ^ ledger.IsBilled(Nce, day), $"{day:yyyy-MM-dd} should be billed to exactly one subscription"));
    }

    [Fact]
    public void A_new_commerce_subscription_created_two_days_later_leaves_those_two_days_billed_to_nobody()
    {
        var ledger = MigratedOn(MigrationBegins, A.Date("2024-03-12"));

        var billedToNobody = DaysBetween("2024-03-01", "2024-03-31")
            .Where(d => !ledger.IsBilled(Legacy, d) && !ledger.IsBilled(Nce, d));
        Assert.Equal(DaysBetween("2024-03-10", "2024-03-11"), billedToNobody);
        Assert.Empty(ledger.DaysBilledTwice(Legacy, Nce, First, Last));
        Assert.Equal(DaysBetween("2024-03-12", "2024-03-31"), ledger.BilledDays(Nce, First, Last));
    }

    [Fact]
    public void The_ledger_records_each_side_of_the_migration()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.Equal(
            [
                new BilledPeriod(Legacy, BilledSide.Legacy, Bought, MigrationBegins),
                new BilledPeriod(Nce, BilledSide.NewCommerce, MigrationBegins, null),
            ],
            ledger.Periods);
    }

    // --- Never both billed for the same day ---

    [Fact]
    public void New_commerce_billing_cannot_start_while_the_legacy_subscription_is_still_billed()
    {
        var ledger = LegacyBilledSince(Bought);

        Assert.Throws<DomainException>(() => ledger.StartNewCommerceBilling(Nce, Legacy, MigrationBegins));
    }

    [Fact]
    public void New_commerce_billing_cannot_start_before_the_day_legacy_billing_stopped()
    {
        var ledger = LegacyBilledSince(Bought);
        ledger.StopBilling(Legacy, MigrationBegins);

        Assert.Throws<DomainException>(() => ledger.StartNewCommerceBilling(Nce, Legacy, A.Date("2024-03-09")));
    }

    [Fact]
    public void A_refused_new_commerce_start_bills_nothing()
    {
        var ledger = LegacyBilledSince(Bought);

        Assert.Throws<DomainException>(() => ledger.StartNewCommerceBilling(Nce, Legacy, MigrationBegins));

        Assert.Empty(ledger.BilledDays(Nce, First, Last));
        Assert.Single(ledger.Periods);
    }

    [Fact]
    public void A_new_commerce_subscription_bought_directly_is_billed_from_its_creation_without_a_legacy_check()
    {
        var ledger = LegacyBilledSince(Bought);

        ledger.StartNewCommerceBilling(Nce, migratedFromSubscriptionId: null, MigrationBegins);

        Assert.True(ledger.IsBilled(Nce, MigrationBegins));
        Assert.True(ledger.IsBilled(Legacy, MigrationBegins));
    }

    // --- A reverted migration (failed while suspended) ---

    [Fact]
    public void A_reverted_migration_resumes_legacy_billing_on_the_revert_day_and_bills_the_suspended_days_to_nobody()
    {
        var ledger = LegacyBilledSince(Bought);
        ledger.StopBilling(Legacy, MigrationBegins);

        ledger.ResumeLegacyBilling(Legacy, A.Date("2024-03-13"));

        var expected = DaysBetween("2024-03-01", "2024-03-09").Concat(DaysBetween("2024-03-13", "2024-03-31"));
        Assert.Equal(expected, ledger.BilledDays(Legacy, First, Last));
        Assert.Empty(ledger.BilledDays(Nce, First, Last));
        Assert.Empty(ledger.DaysBilledTwice(Legacy, Nce, First, Last));
    }

    [Fact]
    public void A_migration_retried_after_a_revert_never_bills_a_day_twice()
    {
        var ledger = LegacyBilledSince(Bought);
        ledger.StopBilling(Legacy, MigrationBegins);
        ledger.ResumeLegacyBilling(Legacy, A.Date("2024-03-13"));

        ledger.StopBilling(Legacy, A.Date("2024-03-20"));
        ledger.StartNewCommerceBilling(Nce, Legacy, A.Date("2024-03-20"));

        Assert.Empty(ledger.DaysBilledTwice(Legacy, Nce, First, Last));
        Assert.Equal(DaysBetween("2024-03-13", "2024-03-19"), ledger.BilledDays(Legacy, A.Date("2024-03-10"), Last));
        Assert.Equal(DaysBetween("2024-03-20", "2024-03-31"), ledger.BilledDays(Nce, First, Last));
    }

    [Fact]
    public void Legacy_billing_cannot_resume_on_a_day_already_billed_before_the_suspension()
    {
        var ledger = LegacyBilledSince(Bought);
        ledger.StopBilling(Legacy, MigrationBegins);

        Assert.Throws<DomainException>(() => ledger.ResumeLegacyBilling(Legacy, A.Date("2024-03-09")));
    }

    [Fact]
    public void Legacy_billing_cannot_resume_while_its_new_commerce_subscription_is_billed()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.Throws<DomainException>(() => ledger.ResumeLegacyBilling(Legacy, A.Date("2024-03-15")));
        Assert.False(ledger.IsBilled(Legacy, A.Date("2024-03-15")));
    }

    [Fact]
    public void Legacy_billing_may_resume_once_its_new_commerce_subscription_is_no_longer_billed()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);
        ledger.StopBilling(Nce, A.Date("2024-03-15"));

        ledger.ResumeLegacyBilling(Legacy, A.Date("2024-03-15"));

        Assert.Empty(ledger.DaysBilledTwice(Legacy, Nce, First, Last));
    }

    [Fact]
    public void Legacy_billing_cannot_start_again_while_its_new_commerce_subscription_is_billed()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.Throws<DomainException>(() => ledger.StartLegacyBilling(Legacy, A.Date("2024-03-15")));
        Assert.Empty(ledger.DaysBilledTwice(Legacy, Nce, First, Last));
    }

    [Fact]
    public void Legacy_billing_cannot_resume_while_a_later_new_commerce_subscription_made_from_it_is_billed()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);
        ledger.StopBilling(Nce, A.Date("2024-03-12"));
        ledger.StartNewCommerceBilling(SecondNce, Legacy, A.Date("2024-03-12"));

        Assert.Throws<DomainException>(() => ledger.ResumeLegacyBilling(Legacy, A.Date("2024-03-15")));
        Assert.Empty(ledger.DaysBilledTwice(Legacy, SecondNce, First, Last));
    }

    // --- Guarding the ledger ---

    [Fact]
    public void A_subscription_cannot_be_opened_for_billing_twice()
    {
        var ledger = LegacyBilledSince(Bought);

        Assert.Throws<DomainException>(() => ledger.StartLegacyBilling(Legacy, A.Date("2024-02-01")));
    }

    [Fact]
    public void A_new_commerce_subscription_cannot_be_opened_for_billing_twice()
    {
        var ledger = MigratedOn(MigrationBegins, MigrationBegins);

        Assert.Throws<DomainException>(() => ledger.StartNewCommerceBilling(Nce, null, A.Date("2024-03-20")));
    }

    [Fact]
    public void Billing_cannot_stop_before_it_started()
    {
        var ledger = LegacyBilledSince(Bought);

        Assert.Throws<DomainException>(() => ledger.StopBilling(Legacy, A.Date("2023-12-31")));
    }

    [Fact]
    public void Billing_stopped_on_its_first_day_bills_no_day()
    {
        var ledger = LegacyBilledSince(Bought);

        ledger.StopBilling(Legacy, Bought);

        Assert.Empty(ledger.BilledDays(Legacy, A.Date("2023-12-01"), A.Date("2024-02-01")));
    }

    [Fact]
    public void Billing_cannot_stop_for_a_subscription_that_is_not_billed()
    {
        var ledger = new BillingLedger();

        Assert.Throws<DomainException>(() => ledger.StopBilling(Legacy, MigrationBegins));
    }

    [Fact]
    public void Billing_cannot_stop_twice()
    {
        var ledger = LegacyBilledSince(Bought);
        ledger.StopBilling(Legacy, MigrationBegins);

        Assert.Throws<DomainException>(() => ledger.StopBilling(Legacy, A.Date("2024-03-20")));
    }

    [Theory]
    [InlineData("2024-02-29", false)]
    [InlineData("2024-03-01", true)]
    [InlineData("2024-03-09", true)]
    [InlineData("2024-03-10", false)]
    public void A_billed_period_covers_its_first_day_up_to_but_not_including_its_until_day(string day, bool covered)
    {
        var period = new BilledPeriod(Legacy, BilledSide.Legacy, A.Date("2024-03-01"), A.Date("2024-03-10"));

        Assert.Equal(covered, period.Covers(A.Date(day)));
    }

    [Fact]
    public void An_open_billed_period_covers_every_day_from_its_start()
    {
        var period = new BilledPeriod(Legacy, BilledSide.Legacy, A.Date("2024-03-01"), null);

        Assert.False(period.Covers(A.Date("2024-02-29")));
        Assert.True(period.Covers(A.Date("2099-12-31")));
    }
}
