using Portal.Domain.Common;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.CancellationWindow;

/// <summary>
/// Seats may be removed only within 7 days (168 hours) of when they were added. The scenario: 10 seats bought on
/// day 0, 5 more added on day 5.
/// </summary>
public class ReducingSeatsTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 9, 10, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Day(double n) => Day0.AddDays(n);

    /// <summary>10 seats on day 0, 5 more on day 5: 15 seats.</summary>
    private static NceSubscription TenThenFiveMore()
    {
        var subscription = A.NceSubscription().CreatedAt(Day0).WithSeats(10).Build();
        subscription.AddSeats(5, Day(5));
        return subscription;
    }

    [Theory]
    [InlineData(1, 14)]
    [InlineData(6, 14)]
    [InlineData(8, 5)]
    [InlineData(11.9, 5)]
    [InlineData(12, 0)]
    [InlineData(13, 0)]
    public void Removable_seats_are_those_added_within_the_last_7_days(double day, int removable)
    {
        var subscription = TenThenFiveMore();

        Assert.Equal(removable, subscription.RemovableSeats(Day(day)));
    }

    [Fact]
    public void At_least_one_seat_is_never_removable()
    {
        var subscription = A.NceSubscription().CreatedAt(Day0).WithSeats(10).Build();

        Assert.Equal(9, subscription.RemovableSeats(Day(1)));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    public void Seats_added_on_day_5_stay_removable_until_168_hours_later(int secondsFromDay12, int removableOfTheDay5Seats)
    {
        var subscription = TenThenFiveMore();

        Assert.Equal(removableOfTheDay5Seats * 5, subscription.RemovableSeats(Day(12).AddSeconds(secondsFromDay12)));
    }

    [Fact]
    public void On_day_8_the_seats_added_on_day_5_can_be_removed()
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(10, Day(8));

        Assert.True(outcome.Succeeded);
        Assert.Equal(10, subscription.Quantity);
    }

    [Fact]
    public void On_day_8_some_of_the_day_5_seats_can_be_removed()
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(13, Day(8));

        Assert.True(outcome.Succeeded);
        Assert.Equal(13, subscription.Quantity);
        Assert.Equal(3, subscription.RemovableSeats(Day(8)));
    }

    [Fact]
    public void On_day_8_removing_more_than_the_day_5_seats_is_refused()
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(9, Day(8));

        Assert.False(outcome.Succeeded);
        Assert.Equal("CancellationWindowExpired", outcome.Refusal?.Code);
        Assert.Equal(15, subscription.Quantity);
    }

    [Fact]
    public void The_refusal_says_how_many_seats_can_be_removed()
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(9, Day(8));

        Assert.Contains("Only 5 seat(s)", outcome.Refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(10)]
    [InlineData(1)]
    public void On_day_13_no_seat_can_be_removed(int newQuantity)
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(newQuantity, Day(13));

        Assert.Equal("CancellationWindowExpired", outcome.Refusal?.Code);
        Assert.Contains("7 days", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(15, subscription.Quantity);
    }

    [Fact]
    public void Inside_the_first_week_seats_of_both_additions_can_be_removed()
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(2, Day(6));

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, subscription.Quantity);
    }

    [Fact]
    public void The_newest_seats_are_removed_first()
    {
        var subscription = TenThenFiveMore();

        // Day 6: remove 3 seats. They come from the day-5 addition, so on day 8 only the other 2 remain removable.
        subscription.ReduceSeats(12, Day(6));

        Assert.Equal(2, subscription.RemovableSeats(Day(8)));
        Assert.True(subscription.ReduceSeats(10, Day(8)).Succeeded);
        Assert.False(subscription.ReduceSeats(9, Day(8)).Succeeded);
    }

    [Fact]
    public void Seats_added_late_in_the_term_are_removable_for_their_own_7_days()
    {
        var subscription = TenThenFiveMore();
        subscription.AddSeats(4, Day(40));

        Assert.Equal(4, subscription.RemovableSeats(Day(46)));
        Assert.True(subscription.ReduceSeats(16, Day(46)).Succeeded);
        Assert.Equal(0, subscription.RemovableSeats(Day(48)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Reducing_to_no_seats_is_refused_cancel_instead(int newQuantity)
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(newQuantity, Day(1));

        Assert.Equal("QuantityTooLow", outcome.Refusal?.Code);
        Assert.Contains("cancel", outcome.Refusal!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(15, subscription.Quantity);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(40)]
    public void Asking_for_as_many_seats_or_more_is_not_a_decrease(int newQuantity)
    {
        var subscription = TenThenFiveMore();

        var outcome = subscription.ReduceSeats(newQuantity, Day(1));

        Assert.Equal("NotADecrease", outcome.Refusal?.Code);
        Assert.Equal(15, subscription.Quantity);
    }

    [Fact]
    public void Adding_seats_raises_the_quantity_and_records_when()
    {
        var subscription = A.NceSubscription().CreatedAt(Day0).WithSeats(10).Build();

        subscription.AddSeats(5, Day(5));

        Assert.Equal(15, subscription.Quantity);
        Assert.Equal([new SeatAddition(10, Day0), new SeatAddition(5, Day(5))], subscription.SeatAdditions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Adding_no_seats_throws(int quantity)
    {
        var subscription = A.NceSubscription().CreatedAt(Day0).Build();

        Assert.Throws<DomainException>(() => subscription.AddSeats(quantity, Day(1)));
    }

    [Fact]
    public void A_cancelled_subscription_cannot_change_seats()
    {
        var subscription = TenThenFiveMore();
        subscription.Cancel(Day(6));

        Assert.Throws<DomainException>(() => subscription.ReduceSeats(10, Day(6)));
        Assert.Throws<DomainException>(() => subscription.AddSeats(1, Day(6)));
    }
}
