using Portal.Domain.Common;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.MicrosoftLed.MicrosoftLedTestData;

namespace Portal.Tests.Domain.MicrosoftLed;

/// <summary>Which subscriptions Microsoft schedules on the last day of their term, and why it skips the others.</summary>
public class PlanningTests
{
    private static MicrosoftLedDecision PlanOne(DateOnly day, LegacySubscription subscription) =>
        Assert.Single(MicrosoftLedMigration.Plan(day, Context(subscription).Build(), []));

    [Fact]
    public void A_term_ending_2024_01_10_is_left_to_renew_in_legacy()
    {
        var subscription = Base().EndingOn(2024, 1, 10).Build();

        var decision = PlanOne(new DateOnly(2024, 1, 10), subscription);

        Assert.False(decision.WillMigrate);
        Assert.Contains("2024-01-11", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_ending_2024_01_11_is_the_first_Microsoft_migrates()
    {
        var subscription = Base().EndingOn(2024, 1, 11).Build();

        var decision = PlanOne(new DateOnly(2024, 1, 11), subscription);

        Assert.True(decision.WillMigrate, decision.SkipReason);
    }

    [Fact]
    public void A_subscription_the_partner_scheduled_is_skipped()
    {
        var subscription = Base().Build();

        var decision = Assert.Single(Plan([PartnerSchedule(subscription)], subscription));

        Assert.False(decision.WillMigrate);
        Assert.Contains("partner", decision.SkipReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_subscription_the_partner_scheduled_for_a_date_is_skipped_too()
    {
        var subscription = Base().Build();
        var schedule = PartnerSchedule(subscription, ScheduleTiming.OnDate(new DateOnly(2024, 1, 17)));

        var decision = Assert.Single(Plan([schedule], subscription));

        Assert.False(decision.WillMigrate);
    }

    [Fact]
    public void A_subscription_whose_partner_schedule_was_cancelled_is_planned()
    {
        var subscription = Base().Build();
        var cancelled = PartnerSchedule(subscription);
        cancelled.Cancel(new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.Zero));

        var decision = Assert.Single(Plan([cancelled], subscription));

        Assert.True(decision.WillMigrate, decision.SkipReason);
    }

    [Fact]
    public void A_partner_schedule_of_another_subscription_does_not_stop_the_plan()
    {
        var subscription = Base().Build();
        var other = Base().Build();

        var decisions = Plan([PartnerSchedule(other)], subscription, other);

        Assert.True(Assert.Single(decisions, d => d.Subscription == subscription).WillMigrate);
        Assert.False(Assert.Single(decisions, d => d.Subscription == other).WillMigrate);
    }

    [Fact]
    public void A_partner_schedule_of_an_add_on_keeps_Microsoft_from_migrating_its_bundle()
    {
        var @base = Base().Build();
        var addOn = AddOnOf(@base).Build();

        var decision = Assert.Single(Plan([PartnerSchedule(addOn)], @base, addOn));

        Assert.False(decision.WillMigrate);
        Assert.Contains("partner", decision.SkipReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Planning_the_day_again_does_not_schedule_a_subscription_twice()
    {
        var subscription = Base().Build();
        var first = Assert.Single(Plan(subscription)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        var again = Assert.Single(Plan([first], subscription));

        Assert.False(again.WillMigrate);
        Assert.Contains("already scheduled", again.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LegacySubscriptionStatus.Suspended)]
    [InlineData(LegacySubscriptionStatus.Cancelled)]
    [InlineData(LegacySubscriptionStatus.Expired)]
    [InlineData(LegacySubscriptionStatus.Deleted)]
    public void A_subscription_that_is_not_Active_is_skipped(LegacySubscriptionStatus status)
    {
        var subscription = Base().WithStatus(status).Build();

        var decision = Assert.Single(Plan(subscription));

        Assert.False(decision.WillMigrate);
        Assert.Contains(status.ToString(), decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subscription_with_auto_renew_off_is_skipped_because_it_does_not_renew()
    {
        var subscription = Base().WithAutoRenewOff().Build();

        var decision = Assert.Single(Plan(subscription));

        Assert.False(decision.WillMigrate);
        Assert.Contains("Auto-renew is off", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subscription_with_auto_renew_on_is_planned()
    {
        var decision = Assert.Single(Plan(Base().Build()));

        Assert.True(decision.WillMigrate, decision.SkipReason);
    }

    [Fact]
    public void A_subscription_a_partner_migration_is_already_processing_is_skipped()
    {
        var subscription = Base().Build();
        Migration.Request(
            Guid.NewGuid(),
            subscription.CustomerId,
            [new MigrationLine(subscription.Id, null, A.Office365E3.Mapping!.CatalogItemId, MigrationTarget.CarryOver(subscription))],
            [subscription],
            PlanningTime.AddHours(-1));

        var decision = Assert.Single(Plan(subscription));

        Assert.False(decision.WillMigrate);
        Assert.Contains("being processed", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_with_an_Education_add_on_is_skipped_with_the_reason()
    {
        var @base = Base().Build();
        var addOn = AddOnOf(@base).Of(EducationArchiving).Build();

        var decision = Assert.Single(Plan(@base, addOn));

        Assert.False(decision.WillMigrate);
        Assert.Contains("Education", decision.SkipReason, StringComparison.Ordinal);
        Assert.Contains(decision.Eligibility!.IneligibleMembers, m => m.SubscriptionId == addOn.Id);
    }

    [Fact]
    public void A_base_with_an_add_on_under_an_active_promotion_is_skipped_with_the_reason()
    {
        var @base = Base().Build();
        var addOn = AddOnOf(@base).WithActivePromotion().Build();

        var decision = Assert.Single(Plan(@base, addOn));

        Assert.False(decision.WillMigrate);
        Assert.Contains("active promotion", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_bundle_cannot_be_scheduled()
    {
        var @base = Base().Build();
        var addOn = AddOnOf(@base).WithActivePromotion().Build();
        var decision = Assert.Single(Plan(@base, addOn));

        Assert.Throws<DomainException>(() => decision.CreateSchedule(Guid.NewGuid(), PlanningTime));
    }

    [Fact]
    public void A_base_with_eligible_add_ons_gets_one_schedule_with_every_member()
    {
        var @base = Base().Build();
        var first = AddOnOf(@base).Named("Archiving A").Build();
        var second = AddOnOf(@base).Named("Archiving B").BoughtAt(BoughtAt.AddMonths(3)).Build();

        var decision = Assert.Single(Plan(@base, first, second));
        var schedule = decision.CreateSchedule(Guid.NewGuid(), PlanningTime);

        Assert.True(decision.WillMigrate, decision.SkipReason);
        Assert.Equal([@base.Id, first.Id, second.Id], schedule.Lines.Select(l => l.LegacySubscriptionId));
        Assert.All(schedule.Lines.Skip(1), l => Assert.Equal(@base.Id, l.ParentSubscriptionId));
        Assert.All(schedule.Lines, l => Assert.False(string.IsNullOrEmpty(l.CatalogItemId)));
    }

    [Fact]
    public void A_cancelled_add_on_does_not_go_with_its_base()
    {
        var @base = Base().Build();
        var cancelled = AddOnOf(@base).WithStatus(LegacySubscriptionStatus.Cancelled).Build();

        var schedule = Assert.Single(Plan(@base, cancelled)).CreateSchedule(Guid.NewGuid(), PlanningTime);

        Assert.Equal(@base.Id, Assert.Single(schedule.Lines).LegacySubscriptionId);
    }

    [Fact]
    public void An_add_on_bought_within_30_days_of_the_renewal_holds_the_bundle_back()
    {
        var @base = Base().Build();
        var recent = AddOnOf(@base).BoughtAt(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero)).Build();

        var decision = Assert.Single(Plan(@base, recent));

        Assert.False(decision.WillMigrate);
    }

    [Fact]
    public void Only_subscriptions_whose_UTC_term_ends_that_day_are_planned()
    {
        var dayBefore = Base().Named("A day before").EndingAt(new DateTimeOffset(2024, 1, 16, 23, 59, 59, TimeSpan.Zero)).Build();
        var firstSecond = Base().Named("B first second").EndingAt(new DateTimeOffset(2024, 1, 17, 0, 0, 0, TimeSpan.Zero)).Build();
        var lastSecond = Base().Named("C last second").EndingAt(TermEnd).Build();
        var dayAfter = Base().Named("D day after").EndingAt(new DateTimeOffset(2024, 1, 18, 0, 0, 0, TimeSpan.Zero)).Build();

        var decisions = Plan(dayBefore, firstSecond, lastSecond, dayAfter);

        Assert.Equal([firstSecond, lastSecond], decisions.Select(d => d.Subscription));
    }

    [Fact]
    public void Add_ons_are_planned_with_their_base_never_alone()
    {
        var @base = Base().Build();
        var addOn = AddOnOf(@base).Build();

        var decision = Assert.Single(Plan(@base, addOn));

        Assert.Same(@base, decision.Subscription);
    }

    [Fact]
    public void An_add_on_whose_base_is_not_renewing_that_day_gets_no_decision()
    {
        var @base = Base().EndingOn(2024, 2, 17).Build();
        var addOn = AddOnOf(@base).Build();

        Assert.Empty(Plan(@base, addOn));
    }

    [Fact]
    public void An_offer_without_a_New_Commerce_mapping_is_skipped()
    {
        var subscription = Base().Of(A.AzureInformationProtectionP1Unmapped).Build();

        var decision = Assert.Single(Plan(subscription));

        Assert.False(decision.WillMigrate);
        Assert.Contains("renews to a new legacy term", decision.SkipReason, StringComparison.Ordinal);
        Assert.Contains("New Commerce", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offer_that_must_be_migrated_by_hand_is_skipped()
    {
        var subscription = Base().Of(A.Intune).Build();

        var decision = Assert.Single(Plan(subscription));

        Assert.False(decision.WillMigrate);
    }

    [Fact]
    public void A_customer_outside_the_commercial_segment_is_skipped()
    {
        var subscription = Base().Build();
        var context = Context(subscription).WithCustomer(A.Customer(CustomerSegment.Education)).Build();

        var decision = Assert.Single(MicrosoftLedMigration.Plan(Day, context, []));

        Assert.False(decision.WillMigrate);
    }

    [Fact]
    public void A_monthly_subscription_in_its_first_month_is_not_eligible_yet()
    {
        var subscription = Base().WithTerm(TermDuration.P1M, BillingCycle.Monthly).BoughtAt(new DateTimeOffset(2023, 12, 20, 0, 0, 0, TimeSpan.Zero)).Build();

        var decision = Assert.Single(Plan(subscription));

        Assert.False(decision.WillMigrate);
    }

    [Fact]
    public void Decisions_come_in_order_of_friendly_name()
    {
        var zulu = Base().Named("Zulu").Build();
        var alpha = Base().Named("Alpha").Build();
        var mike = Base().Named("Mike").Build();

        var decisions = Plan(zulu, alpha, mike);

        Assert.Equal(["Alpha", "Mike", "Zulu"], decisions.Select(d => d.Subscription.FriendlyName));
    }

    [Fact]
    public void A_customer_with_nothing_renewing_that_day_gets_no_decisions()
    {
        Assert.Empty(Plan(Base().EndingOn(2024, 3, 1).Build()));
    }
}
