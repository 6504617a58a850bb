using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// A custom term end date (co-terming), as the evaluator reports it: code 11 when it is outside the first term
/// (after the migration day, up to one full term), code 12 when it is neither the end date of an active non-trial
/// New Commerce subscription of the customer nor a month's last day, or breaks the monthly 28th-30th rule or
/// co-terms a longer term with a monthly subscription. Migrating now (A.Now, 2025-09-10), an annual first term
/// runs from 2025-09-11 to 2026-09-09.
/// </summary>
public class CustomTermEndDateEligibilityTests
{
    private static readonly LegacySubscription Subscription = A.Subscription().Build();

    private static MigrationRequest CoTermingOn(DateOnly customEnd, TermDuration term = TermDuration.P1Y, BillingCycle billing = BillingCycle.Annual) =>
        Subscription.To(new MigrationTarget(term, billing, 10, PurchaseFullTerm: true, CustomTermEndDate: customEnd));

    private static BundleEligibility Evaluate(MigrationRequest request, params NceSubscription[] nce) =>
        A.Context().With(Subscription).With(nce).Evaluate(request);

    private static NceSubscription Nce(TermDuration term, DateOnly endDate, bool trial = false)
    {
        var builder = A.NceSubscription()
            .WithTerm(term, term == TermDuration.P1M ? BillingCycle.Monthly : BillingCycle.Annual)
            .CreatedAt(Utc(2025, 6, 1))
            .EndingOn(endDate);
        return (trial ? builder.AsTrial() : builder).Build();
    }

    [Theory]
    [InlineData(2025, 9, 30)]
    [InlineData(2025, 12, 31)]
    [InlineData(2026, 8, 31)]
    public void LastDayOfAMonthInsideTheFirstTermIsAcceptedAndBecomesTheEndDate(int year, int month, int day)
    {
        var result = Evaluate(CoTermingOn(new DateOnly(year, month, day)));

        Expect.Eligible(result);
        Assert.Equal(new DateOnly(year, month, day), result.Requested.NceTermEndDate);
    }

    [Fact]
    public void MonthEndAfterTheFirstTermIsIneligibleWithCode11()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2026, 9, 30)));

        var reason = Expect.Only(result.Requested, 11, "InvalidCustomTermEndDate");
        Assert.Contains("2025-09-11 to 2026-09-09", reason.Description, StringComparison.Ordinal);
        Assert.Null(result.Requested.NceTermEndDate);
    }

    [Fact]
    public void MigrationDayItselfIsIneligibleWithCode11()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 9, 10)));

        Expect.Only(result.Requested, 11, "InvalidCustomTermEndDate");
    }

    [Fact]
    public void MonthEndBeforeTheMigrationDayIsIneligibleWithCode11()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 8, 31)));

        Expect.Only(result.Requested, 11, "InvalidCustomTermEndDate");
    }

    [Fact]
    public void EndDateOfASubscriptionOnTheLastDayOfTheFirstTermIsAcceptedAndOneDayLaterIsCode11()
    {
        var onLastDay = Evaluate(CoTermingOn(new DateOnly(2026, 9, 9)), Nce(TermDuration.P1Y, new DateOnly(2026, 9, 9)));
        var dayAfter = Evaluate(CoTermingOn(new DateOnly(2026, 9, 10)), Nce(TermDuration.P1Y, new DateOnly(2026, 9, 10)));

        Expect.Eligible(onLastDay);
        Expect.Only(dayAfter.Requested, 11, "InvalidCustomTermEndDate");
    }

    [Fact]
    public void DateThatIsNeitherAMonthEndNorASubscriptionsEndIsIneligibleWithCode12()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 12, 15)));

        var reason = Expect.Only(result.Requested, 12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth");
        Assert.Contains("2025-12-15", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void EndDateOfAnActiveAnnualSubscriptionOfTheCustomerIsAccepted()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 12, 15)), Nce(TermDuration.P1Y, new DateOnly(2025, 12, 15)));

        Expect.Eligible(result);
        Assert.Equal(new DateOnly(2025, 12, 15), result.Requested.NceTermEndDate);
    }

    [Fact]
    public void AnnualTermCannotCoTermWithAMonthlySubscription()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 12, 15)), Nce(TermDuration.P1M, new DateOnly(2025, 12, 15)));

        var reason = Expect.Only(result.Requested, 12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth");
        Assert.Contains("monthly", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialSubscriptionsEndDateCannotBeCoTermedWith()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 12, 15)), Nce(TermDuration.P1Y, new DateOnly(2025, 12, 15), trial: true));

        Expect.Only(result.Requested, 12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth");
    }

    [Fact]
    public void CancelledSubscriptionsEndDateCannotBeCoTermedWith()
    {
        var cancelled = A.NceSubscription().WithTerm(TermDuration.P1Y, BillingCycle.Annual).CreatedAt(A.Now.AddDays(-1)).EndingOn(new DateOnly(2025, 12, 15)).Build();
        Assert.True(cancelled.Cancel(A.Now).Succeeded);

        var result = Evaluate(CoTermingOn(new DateOnly(2025, 12, 15)), cancelled);

        Expect.Only(result.Requested, 12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth");
    }

    [Fact]
    public void MonthlyTermMayNotEndOnThe28thEvenWhenAMonthlySubscriptionDoes()
    {
        var result = Evaluate(
            CoTermingOn(new DateOnly(2025, 9, 28), TermDuration.P1M, BillingCycle.Monthly),
            Nce(TermDuration.P1M, new DateOnly(2025, 9, 28)));

        Expect.Only(result.Requested, 12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth");
    }

    [Fact]
    public void MonthlyTermMayEndOnThe30thWhenThatIsTheMonthsLastDay()
    {
        var result = Evaluate(CoTermingOn(new DateOnly(2025, 9, 30), TermDuration.P1M, BillingCycle.Monthly));

        Expect.Eligible(result);
    }

    [Fact]
    public void MonthlyTermMayCoTermWithAMonthlySubscriptionOnAnOrdinaryDay()
    {
        var result = Evaluate(
            CoTermingOn(new DateOnly(2025, 9, 25), TermDuration.P1M, BillingCycle.Monthly),
            Nce(TermDuration.P1M, new DateOnly(2025, 9, 25)));

        Expect.Eligible(result);
    }

    [Fact]
    public void ScheduledMigrationMeasuresTheFirstTermFromItsTargetDay()
    {
        var request = CoTermingOn(new DateOnly(2025, 10, 31)) with { At = Utc(2025, 11, 1) };

        var result = Evaluate(request);

        Expect.Only(result.Requested, 11, "InvalidCustomTermEndDate");
    }

    [Fact]
    public void MigrationOnRenewalMeasuresTheFirstTermFromTheDayAfterTheTermEnds()
    {
        // Renewal runs on 2026-02-11: an annual first term runs to 2027-02-10.
        var inside = Evaluate(CoTermingOn(new DateOnly(2027, 1, 31)) with { OnRenewal = true });
        var outside = Evaluate(CoTermingOn(new DateOnly(2027, 2, 28)) with { OnRenewal = true });

        Expect.Eligible(inside);
        Assert.Equal(new DateOnly(2027, 1, 31), inside.Requested.NceTermEndDate);
        Expect.Only(outside.Requested, 11, "InvalidCustomTermEndDate");
    }

    [Fact]
    public void InvalidCustomEndDateOfAnAddOnBlocksItsBundle()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).BoughtAt(Utc(2025, 1, 5)).Build();
        var request = new MigrationRequest(@base.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget>
            {
                [addOn.Id] = new(TermDuration.P1Y, BillingCycle.Annual, 10, PurchaseFullTerm: true, CustomTermEndDate: new DateOnly(2025, 12, 15)),
            },
        };

        var result = A.Context().With(@base, addOn).Evaluate(request);

        Expect.Only(Assert.Single(result.AddOns), 12, "CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth");
        Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
    }
}
