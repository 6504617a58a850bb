using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using static Portal.Tests.Domain.Schedules.ScheduleTestData;

namespace Portal.Tests.Domain.Schedules;

public class MigrationScheduleTests
{
    private static readonly DateTimeOffset RenewalDue = new(2026, 2, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_schedule_is_Created_and_waits()
    {
        var subscription = Subscription();

        var schedule = PartnerSchedule(subscription, externalReferenceId: "batch-7");

        Assert.Equal(ScheduleStatus.Created, schedule.Status);
        Assert.Equal(subscription.Id, schedule.SubscriptionId);
        Assert.Equal(subscription.CustomerId, schedule.CustomerId);
        Assert.Equal(TermEnd, schedule.SubscriptionTermEnd);
        Assert.False(schedule.IsMicrosoftLed);
        Assert.Equal("batch-7", schedule.ExternalReferenceId);
        Assert.Equal(A.Now, schedule.CreatedAt);
        Assert.Equal(A.Now, schedule.LastModifiedAt);
        Assert.Null(schedule.NewCommerceMigrationId);
    }

    [Fact]
    public void A_schedule_on_renewal_is_due_the_day_after_the_term_ends()
    {
        var schedule = PartnerSchedule(Subscription());

        Assert.Equal(RenewalDue, schedule.DueAt);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(3600, true)]
    public void A_schedule_is_due_from_its_due_instant(int secondsFromDue, bool due)
    {
        var schedule = PartnerSchedule(Subscription());

        Assert.Equal(due, schedule.IsDue(RenewalDue.AddSeconds(secondsFromDue)));
    }

    [Fact]
    public void A_schedule_on_a_date_is_due_from_midnight_UTC_that_day()
    {
        var schedule = PartnerSchedule(Subscription(), ScheduleTiming.OnDate(new DateOnly(2025, 12, 1)));

        Assert.False(schedule.IsDue(new DateTimeOffset(2025, 11, 30, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(schedule.IsDue(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_cancelled_schedule_is_never_due()
    {
        var schedule = PartnerSchedule(Subscription());
        schedule.Cancel(A.Now.AddDays(1));

        Assert.False(schedule.IsDue(RenewalDue.AddDays(1)));
    }

    [Fact]
    public void A_schedule_freezes_the_targets_it_was_made_with()
    {
        var subscription = Subscription(seats: 10);

        var schedule = PartnerSchedule(subscription);

        var line = Assert.Single(schedule.Lines);
        Assert.Equal(new MigrationTarget(TermDuration.P1Y, BillingCycle.Annual, 10), line.Target);
    }

    [Fact]
    public void The_frozen_targets_stay_as_created_when_the_lines_they_came_from_change_later()
    {
        var subscription = Subscription(seats: 10);
        var lines = new List<MigrationLine> { LineFor(subscription) };
        var schedule = MigrationSchedule.Create(Guid.NewGuid(), subscription.CustomerId, subscription.Id, TermEnd, ScheduleTiming.OnRenewal, lines, A.Now);

        lines[0] = lines[0] with { Target = lines[0].Target with { Quantity = 99 } };
        lines.Add(lines[0] with { LegacySubscriptionId = Guid.NewGuid() });

        Assert.Equal(10, Assert.Single(schedule.Lines).Target.Quantity);
    }

    [Fact]
    public void Updating_one_second_before_it_is_due_replaces_timing_and_targets()
    {
        var subscription = Subscription(seats: 10);
        var schedule = PartnerSchedule(subscription);
        var lastSecond = RenewalDue.AddSeconds(-1);
        var monthly = new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, 12, PurchaseFullTerm: true);

        schedule.Update(ScheduleTiming.OnRenewal, [LineFor(subscription, monthly)], lastSecond);

        Assert.Equal(monthly, Assert.Single(schedule.Lines).Target);
        Assert.Equal(lastSecond, schedule.LastModifiedAt);
        Assert.Equal(A.Now, schedule.CreatedAt);
        Assert.Equal(ScheduleStatus.Created, schedule.Status);
    }

    [Fact]
    public void Updating_can_move_a_schedule_from_renewal_to_a_date()
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription);

        schedule.Update(ScheduleTiming.OnDate(new DateOnly(2025, 10, 1)), [LineFor(subscription)], A.Now.AddDays(1));

        Assert.Equal(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero), schedule.DueAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(86400)]
    public void Updating_once_it_is_due_throws(int secondsFromDue)
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription);

        Assert.Throws<DomainException>(() =>
            schedule.Update(ScheduleTiming.OnRenewal, [LineFor(subscription, new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, 3))], RenewalDue.AddSeconds(secondsFromDue)));

        Assert.Equal(10, Assert.Single(schedule.Lines).Target.Quantity);
        Assert.Equal(A.Now, schedule.LastModifiedAt);
    }

    [Fact]
    public void Updating_a_schedule_on_a_date_is_refused_from_midnight_that_day()
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription, ScheduleTiming.OnDate(new DateOnly(2025, 12, 1)));
        var midnight = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

        schedule.Update(ScheduleTiming.OnDate(new DateOnly(2025, 12, 1)), [LineFor(subscription)], midnight.AddSeconds(-1));
        Assert.Throws<DomainException>(() => schedule.Update(ScheduleTiming.OnDate(new DateOnly(2025, 12, 1)), [LineFor(subscription)], midnight));
    }

    [Fact]
    public void The_subscription_of_a_schedule_cannot_change()
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription);
        var another = Subscription();

        Assert.Throws<DomainException>(() => schedule.Update(ScheduleTiming.OnRenewal, [LineFor(another), LineFor(subscription)], A.Now.AddDays(1)));

        Assert.Equal(subscription.Id, schedule.SubscriptionId);
        Assert.Equal(subscription.Id, Assert.Single(schedule.Lines).LegacySubscriptionId);
    }

    [Fact]
    public void Updating_to_no_lines_throws()
    {
        var schedule = PartnerSchedule(Subscription());

        Assert.Throws<DomainException>(() => schedule.Update(ScheduleTiming.OnRenewal, [], A.Now.AddDays(1)));
    }

    [Fact]
    public void Updating_to_a_past_target_date_throws()
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription);

        Assert.Throws<DomainException>(() => schedule.Update(ScheduleTiming.OnDate(Today), [LineFor(subscription)], A.Now.AddDays(1)));
        Assert.True(schedule.Timing.MigrateOnRenewal);
    }

    [Fact]
    public void Updating_keeps_the_external_reference_unless_a_new_one_is_given()
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription, externalReferenceId: "batch-7");

        schedule.Update(ScheduleTiming.OnRenewal, [LineFor(subscription)], A.Now.AddDays(1));
        Assert.Equal("batch-7", schedule.ExternalReferenceId);

        schedule.Update(ScheduleTiming.OnRenewal, [LineFor(subscription)], A.Now.AddDays(2), "batch-8");
        Assert.Equal("batch-8", schedule.ExternalReferenceId);
    }

    [Fact]
    public void Cancelling_a_waiting_schedule_cancels_it()
    {
        var schedule = PartnerSchedule(Subscription());
        var at = A.Now.AddDays(3);

        schedule.Cancel(at);

        Assert.Equal(ScheduleStatus.Cancelled, schedule.Status);
        Assert.Equal(at, schedule.LastModifiedAt);
    }

    [Fact]
    public void Cancelling_twice_throws()
    {
        var schedule = PartnerSchedule(Subscription());
        schedule.Cancel(A.Now.AddDays(3));

        Assert.Throws<DomainException>(() => schedule.Cancel(A.Now.AddDays(4)));
        Assert.Equal(A.Now.AddDays(3), schedule.LastModifiedAt);
    }

    [Fact]
    public void A_cancelled_schedule_cannot_be_updated()
    {
        var subscription = Subscription();
        var schedule = PartnerSchedule(subscription);
        schedule.Cancel(A.Now.AddDays(3));

        Assert.Throws<DomainException>(() => schedule.Update(ScheduleTiming.OnRenewal, [LineFor(subscription)], A.Now.AddDays(4)));
    }

    [Fact]
    public void Marking_a_schedule_completed_records_the_migration_it_started()
    {
        var schedule = PartnerSchedule(Subscription());
        var migrationId = Guid.NewGuid();

        schedule.MarkCompleted(migrationId, RenewalDue.AddMinutes(5));

        Assert.Equal(ScheduleStatus.Completed, schedule.Status);
        Assert.Equal(migrationId, schedule.NewCommerceMigrationId);
        Assert.Equal(RenewalDue.AddMinutes(5), schedule.LastModifiedAt);
        Assert.False(schedule.IsDue(RenewalDue.AddMinutes(6)));
    }

    [Fact]
    public void Marking_a_schedule_failed_records_the_error()
    {
        var schedule = PartnerSchedule(Subscription());

        schedule.MarkFailed("SubscriptionStatusNotActive", "The legacy subscription is Cancelled.", RenewalDue.AddMinutes(5));

        Assert.Equal(ScheduleStatus.Failed, schedule.Status);
        Assert.Equal("SubscriptionStatusNotActive", schedule.ErrorCode);
        Assert.Equal("The legacy subscription is Cancelled.", schedule.ErrorDescription);
        Assert.Null(schedule.NewCommerceMigrationId);
        Assert.Equal(RenewalDue.AddMinutes(5), schedule.LastModifiedAt);
    }

    public static TheoryData<string> FinishedStates => ["Completed", "Failed", "Cancelled"];

    [Theory]
    [MemberData(nameof(FinishedStates))]
    public void A_finished_schedule_can_be_neither_cancelled_completed_nor_failed(string state)
    {
        var schedule = PartnerSchedule(Subscription());
        var at = RenewalDue.AddMinutes(5);
        switch (state)
        {
            case "Completed": schedule.MarkCompleted(Guid.NewGuid(), at); break;
            case "Failed": schedule.MarkFailed("E", "Error.", at); break;
            default: schedule.Cancel(A.Now.AddDays(1)); break;
        }

        var status = schedule.Status;

        Assert.Throws<DomainException>(() => schedule.Cancel(at));
        Assert.Throws<DomainException>(() => schedule.MarkCompleted(Guid.NewGuid(), at));
        Assert.Throws<DomainException>(() => schedule.MarkFailed("E", "Error.", at));
        Assert.Equal(status, schedule.Status);
    }

    [Fact]
    public void A_schedule_must_list_its_subscription_first()
    {
        var subscription = Subscription();
        var another = Subscription();

        Assert.Throws<DomainException>(() =>
            MigrationSchedule.Create(Guid.NewGuid(), subscription.CustomerId, subscription.Id, TermEnd, ScheduleTiming.OnRenewal, [LineFor(another)], A.Now));
    }

    [Fact]
    public void A_schedule_without_lines_throws()
    {
        var subscription = Subscription();

        Assert.Throws<DomainException>(() =>
            MigrationSchedule.Create(Guid.NewGuid(), subscription.CustomerId, subscription.Id, TermEnd, ScheduleTiming.OnRenewal, [], A.Now));
    }

    [Fact]
    public void A_schedule_listing_a_subscription_twice_throws()
    {
        var subscription = Subscription();
        var line = LineFor(subscription);

        Assert.Throws<DomainException>(() =>
            MigrationSchedule.Create(Guid.NewGuid(), subscription.CustomerId, subscription.Id, TermEnd, ScheduleTiming.OnRenewal, [line, line], A.Now));
    }

    [Fact]
    public void A_bundle_schedule_keeps_every_member_base_first()
    {
        var @base = A.Subscription().Of(A.Office365E3).EndingAt(TermEnd).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).EndingAt(TermEnd).Build();

        var schedule = MigrationSchedule.Create(Guid.NewGuid(), @base.CustomerId, @base.Id, TermEnd, ScheduleTiming.OnRenewal, [LineFor(@base), LineFor(addOn)], A.Now);

        Assert.Equal([@base.Id, addOn.Id], schedule.Lines.Select(l => l.LegacySubscriptionId));
        Assert.Equal(@base.Id, schedule.Lines[1].ParentSubscriptionId);
    }
}
