using Portal.Domain.MicrosoftLed;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.MicrosoftLed.MicrosoftLedTestData;

namespace Portal.Tests.Domain.MicrosoftLed;

/// <summary>Microsoft-led migrations carry seats, term and billing over, except that a monthly term becomes annual.</summary>
public class TargetTests
{
    [Theory]
    [InlineData(TermDuration.P1M, BillingCycle.Monthly, TermDuration.P1Y)]
    [InlineData(TermDuration.P1Y, BillingCycle.Monthly, TermDuration.P1Y)]
    [InlineData(TermDuration.P1Y, BillingCycle.Annual, TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y, BillingCycle.Annual, TermDuration.P3Y)]
    [InlineData(TermDuration.P3Y, BillingCycle.Triennial, TermDuration.P3Y)]
    public void The_term_carries_over_except_monthly_becomes_annual(TermDuration legacyTerm, BillingCycle billing, TermDuration expectedTerm)
    {
        var subscription = Base().WithTerm(legacyTerm, billing).WithSeats(23).Build();

        var target = MicrosoftLedMigration.TargetFor(subscription);

        Assert.Equal(expectedTerm, target.Term);
        Assert.Equal(billing, target.Billing);
        Assert.Equal(23, target.Quantity);
    }

    [Fact]
    public void A_Microsoft_led_migration_starts_a_new_full_term()
    {
        var target = MicrosoftLedMigration.TargetFor(Base().Build());

        Assert.True(target.PurchaseFullTerm);
        Assert.Null(target.CustomTermEndDate);
    }

    [Fact]
    public void A_monthly_subscription_is_scheduled_as_annual_with_its_seats_and_billing()
    {
        var subscription = Base().WithTerm(TermDuration.P1M, BillingCycle.Monthly).WithSeats(8).Build();

        var schedule = Assert.Single(Plan(subscription)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        var target = Assert.Single(schedule.Lines).Target;
        Assert.Equal(new TermBilling(TermDuration.P1Y, BillingCycle.Monthly), target.TermBilling);
        Assert.Equal(8, target.Quantity);
    }

    [Fact]
    public void A_triennial_subscription_stays_triennial()
    {
        var subscription = Base().WithTerm(TermDuration.P3Y, BillingCycle.Triennial).Build();

        var schedule = Assert.Single(Plan(subscription)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        Assert.Equal(new TermBilling(TermDuration.P3Y, BillingCycle.Triennial), Assert.Single(schedule.Lines).Target.TermBilling);
    }

    [Fact]
    public void A_monthly_add_on_becomes_annual_with_its_base()
    {
        var @base = Base().WithTerm(TermDuration.P1M, BillingCycle.Monthly).Build();
        var addOn = AddOnOf(@base).WithTerm(TermDuration.P1M, BillingCycle.Monthly).WithSeats(3).Build();

        var schedule = Assert.Single(Plan(@base, addOn)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        var addOnTarget = Assert.Single(schedule.Lines, l => l.LegacySubscriptionId == addOn.Id).Target;
        Assert.Equal(new TermBilling(TermDuration.P1Y, BillingCycle.Monthly), addOnTarget.TermBilling);
        Assert.Equal(3, addOnTarget.Quantity);
    }
}
