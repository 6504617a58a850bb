using Portal.Domain.Schedules;
using static Portal.Tests.Domain.Schedules.ScheduleTestData;

namespace Portal.Tests.Domain.Schedules;

/// <summary>At most one schedule of a subscription waits, and a partner's schedule pre-empts a Microsoft-led one.</summary>
public class ScheduleBookTests
{
    [Fact]
    public void The_first_partner_schedule_of_a_subscription_is_created()
    {
        var subscription = Subscription();

        var result = SchedulePartner(subscription, []);

        Assert.True(result.Outcome.Succeeded);
        Assert.NotNull(result.Schedule);
        Assert.Equal(subscription.Id, result.Schedule.SubscriptionId);
        Assert.False(result.Schedule.IsMicrosoftLed);
        Assert.Equal(ScheduleStatus.Created, result.Schedule.Status);
        Assert.Null(result.Superseded);
    }

    [Fact]
    public void A_second_partner_schedule_of_the_same_subscription_is_refused()
    {
        var subscription = Subscription();
        var first = PartnerSchedule(subscription);

        var result = SchedulePartner(subscription, [first], ScheduleTiming.OnDate(new DateOnly(2025, 12, 1)));

        Assert.False(result.Outcome.Succeeded);
        Assert.Equal("AlreadyScheduled", result.Outcome.Refusal?.Code);
        Assert.Null(result.Schedule);
        Assert.Equal(ScheduleStatus.Created, first.Status);
    }

    [Fact]
    public void The_AlreadyScheduled_refusal_names_the_date_of_the_existing_schedule()
    {
        var subscription = Subscription();
        var first = PartnerSchedule(subscription);

        var result = SchedulePartner(subscription, [first]);

        Assert.Contains("2026-02-11", result.Outcome.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partner_schedule_cancels_the_waiting_Microsoft_led_one_and_returns_it_as_superseded()
    {
        var subscription = Subscription();
        var microsoftLed = MicrosoftLedSchedule(subscription, A.Now);

        var result = SchedulePartner(subscription, [microsoftLed], now: A.Now.AddHours(1));

        Assert.True(result.Outcome.Succeeded);
        Assert.Same(microsoftLed, result.Superseded);
        Assert.Equal(ScheduleStatus.Cancelled, microsoftLed.Status);
        Assert.Equal(A.Now.AddHours(1), microsoftLed.LastModifiedAt);
        Assert.False(result.Schedule!.IsMicrosoftLed);
    }

    [Fact]
    public void A_refused_partner_schedule_leaves_the_Microsoft_led_one_waiting()
    {
        var subscription = Subscription();
        var microsoftLed = MicrosoftLedSchedule(subscription, A.Now);

        var result = SchedulePartner(subscription, [microsoftLed], ScheduleTiming.OnDate(Today.AddDays(-1)));

        Assert.False(result.Outcome.Succeeded);
        Assert.Null(result.Superseded);
        Assert.Equal(ScheduleStatus.Created, microsoftLed.Status);
    }

    [Fact]
    public void A_partner_schedule_refused_as_already_scheduled_leaves_everything_as_it_was()
    {
        var subscription = Subscription();
        var partner = PartnerSchedule(subscription);
        var microsoftLed = MicrosoftLedSchedule(subscription, A.Now);

        var result = SchedulePartner(subscription, [partner, microsoftLed]);

        Assert.Equal("AlreadyScheduled", result.Outcome.Refusal?.Code);
        Assert.Equal(ScheduleStatus.Created, partner.Status);
        Assert.Equal(ScheduleStatus.Created, microsoftLed.Status);
    }

    [Fact]
    public void A_cancelled_partner_schedule_does_not_block_a_new_one()
    {
        var subscription = Subscription();
        var cancelled = PartnerSchedule(subscription);
        cancelled.Cancel(A.Now.AddMinutes(5));

        var result = SchedulePartner(subscription, [cancelled], now: A.Now.AddMinutes(10));

        Assert.True(result.Outcome.Succeeded);
        Assert.Null(result.Superseded);
    }

    [Fact]
    public void A_cancelled_Microsoft_led_schedule_is_not_superseded_again()
    {
        var subscription = Subscription();
        var microsoftLed = MicrosoftLedSchedule(subscription, A.Now);
        microsoftLed.Cancel(A.Now.AddMinutes(5));

        var result = SchedulePartner(subscription, [microsoftLed], now: A.Now.AddMinutes(10));

        Assert.True(result.Outcome.Succeeded);
        Assert.Null(result.Superseded);
    }

    [Theory]
    [InlineData(ScheduleStatus.Completed)]
    [InlineData(ScheduleStatus.Failed)]
    public void A_schedule_that_already_ran_does_not_block_a_new_one(ScheduleStatus status)
    {
        var subscription = Subscription();
        var earlier = PartnerSchedule(subscription, ScheduleTiming.OnDate(Today));
        if (status == ScheduleStatus.Completed)
        {
            earlier.MarkCompleted(Guid.NewGuid(), A.Now);
        }
        else
        {
            earlier.MarkFailed("E", "Error.", A.Now);
        }

        var result = SchedulePartner(subscription, [earlier]);

        Assert.True(result.Outcome.Succeeded);
    }

    [Fact]
    public void A_schedule_of_another_subscription_does_not_block()
    {
        var subscription = Subscription();
        var other = Subscription();
        var otherPartner = PartnerSchedule(other);
        var otherMicrosoftLed = MicrosoftLedSchedule(Subscription(), A.Now);

        var result = SchedulePartner(subscription, [otherPartner, otherMicrosoftLed]);

        Assert.True(result.Outcome.Succeeded);
        Assert.Null(result.Superseded);
        Assert.Equal(ScheduleStatus.Created, otherMicrosoftLed.Status);
    }
}
