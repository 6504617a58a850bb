using Portal.Domain.Migrations;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.MicrosoftLed.MicrosoftLedTestData;

namespace Portal.Tests.Domain.MicrosoftLed;

/// <summary>
/// The seed's example: TermEnd 2024-01-17T23:59:59Z; the schedule is created on 2024-01-17 and executed between
/// 2024-01-18T00:00:00Z and 2024-01-20T23:59:59Z.
/// </summary>
public class SeedExampleTests
{
    [Fact]
    public void The_schedule_is_created_on_the_last_day_of_the_term()
    {
        Assert.Equal(new DateOnly(2024, 1, 17), MicrosoftLedMigration.ScheduleCreationDay(TermEnd));
    }

    [Fact]
    public void The_migration_runs_from_midnight_after_the_term_to_the_end_of_the_third_day()
    {
        var (from, to) = MicrosoftLedMigration.ExecutionWindow(TermEnd);

        Assert.Equal(new DateTimeOffset(2024, 1, 18, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2024, 1, 20, 23, 59, 59, TimeSpan.Zero), to);
    }

    [Fact]
    public void Microsoft_plans_to_migrate_the_subscription_on_2024_01_17()
    {
        var subscription = Base().Build();

        var decision = Assert.Single(Plan(subscription));

        Assert.Same(subscription, decision.Subscription);
        Assert.True(decision.WillMigrate, decision.SkipReason);
        Assert.Null(decision.SkipReason);
        Assert.NotNull(decision.Eligibility);
    }

    [Fact]
    public void The_created_schedule_is_Microsoft_led_on_renewal_and_due_inside_the_execution_window()
    {
        var subscription = Base().Build();
        var decision = Assert.Single(Plan(subscription));
        var scheduleId = Guid.NewGuid();

        var schedule = decision.CreateSchedule(scheduleId, PlanningTime);

        Assert.Equal(scheduleId, schedule.Id);
        Assert.True(schedule.IsMicrosoftLed);
        Assert.True(schedule.Timing.MigrateOnRenewal);
        Assert.InRange(schedule.DueAt, new DateTimeOffset(2024, 1, 18, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 20, 23, 59, 59, TimeSpan.Zero));
        Assert.Equal(ScheduleStatus.Created, schedule.Status);
        Assert.Equal(subscription.Id, schedule.SubscriptionId);
        Assert.Equal(subscription.CustomerId, schedule.CustomerId);
        Assert.Equal(TermEnd, schedule.SubscriptionTermEnd);
        Assert.Equal(PlanningTime, schedule.CreatedAt);
    }

    [Fact]
    public void The_created_schedule_is_due_at_its_subscriptions_execution_instant_and_not_a_second_before()
    {
        var subscription = Base().Build();
        var schedule = Assert.Single(Plan(subscription)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        Assert.Equal(MicrosoftLedMigration.ExecutionInstant(subscription.Id, TermEnd), schedule.DueAt);
        Assert.False(schedule.IsDue(TermEnd));
        Assert.False(schedule.IsDue(schedule.DueAt.AddSeconds(-1)));
        Assert.True(schedule.IsDue(schedule.DueAt));
        Assert.True(schedule.IsDue(MicrosoftLedMigration.ExecutionWindow(TermEnd).To));
    }

    [Fact]
    public void The_created_schedule_carries_seats_term_and_billing_into_a_new_term()
    {
        var subscription = Base().WithSeats(17).WithTerm(TermDuration.P1Y, BillingCycle.Annual).Build();

        var schedule = Assert.Single(Plan(subscription)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        var line = Assert.Single(schedule.Lines);
        Assert.Equal(subscription.Id, line.LegacySubscriptionId);
        Assert.Equal(A.Office365E3.Mapping!.CatalogItemId, line.CatalogItemId);
        Assert.Equal(new MigrationTarget(TermDuration.P1Y, BillingCycle.Annual, 17, PurchaseFullTerm: true), line.Target);
    }

    [Fact]
    public void The_New_Commerce_term_of_the_example_runs_a_full_year_from_2024_01_18()
    {
        var decision = Assert.Single(Plan(Base().Build()));

        Assert.Equal(new DateOnly(2025, 1, 17), decision.Eligibility!.Requested.NceTermEndDate);
    }

    [Theory]
    [InlineData("2024-01-31", "2024-02-01", "2024-02-03")]
    [InlineData("2024-02-28", "2024-02-29", "2024-03-02")]
    [InlineData("2024-12-31", "2025-01-01", "2025-01-03")]
    public void The_execution_window_spans_the_three_UTC_days_after_the_term(string lastDay, string firstRunDay, string lastRunDay)
    {
        var termEnd = TermDates.EndInstant(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture));

        var (from, to) = MicrosoftLedMigration.ExecutionWindow(termEnd);

        Assert.Equal(TermDates.StartInstant(DateOnly.Parse(firstRunDay, System.Globalization.CultureInfo.InvariantCulture)), from);
        Assert.Equal(TermDates.EndInstant(DateOnly.Parse(lastRunDay, System.Globalization.CultureInfo.InvariantCulture)), to);
    }
}
