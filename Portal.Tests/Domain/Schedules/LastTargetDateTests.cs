using Portal.Domain.Eligibility;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using Portal.Tests.Domain.Eligibility;

namespace Portal.Tests.Domain.Schedules;

/// <summary>
/// The last target date a schedule that keeps the end date may take (the date fields' max): the day whose start is
/// still before the term's last 24 hours. The evaluator agrees on both sides of it.
/// </summary>
public class LastTargetDateTests
{
    [Fact]
    public void A_term_ending_at_the_last_second_of_a_day_allows_the_day_before()
    {
        var subscription = A.Subscription().EndingOn(2026, 2, 10).Build();
        var context = A.Context().With(subscription);

        var last = ScheduleBook.LastTargetDateKeepingTheEndDate(subscription.TermEnd);

        Assert.Equal(new DateOnly(2026, 2, 9), last);
        Assert.True(ScheduleBook.TargetDateAllowed(last.AddDays(1), subscription.TermEnd, A.Now)); // the date rule alone would allow the last day
        Assert.True(context.Evaluate(new MigrationRequest(subscription.Id) { At = TermDates.StartInstant(last) }).IsEligible);
        var onTheLastDay = context.Evaluate(new MigrationRequest(subscription.Id) { At = TermDates.StartInstant(last.AddDays(1)) });
        Assert.Contains(onTheLastDay.Requested.Reasons, r => r.Name == EligibilityReasons.MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm.Name);
    }

    [Fact]
    public void A_term_ending_at_midnight_allows_two_days_before()
    {
        var subscription = A.Subscription().EndingAt(new DateTimeOffset(2026, 2, 11, 0, 0, 0, TimeSpan.Zero)).Build();

        var last = ScheduleBook.LastTargetDateKeepingTheEndDate(subscription.TermEnd);

        Assert.Equal(new DateOnly(2026, 2, 9), last);
        Assert.True(TermDates.StartInstant(last) < subscription.TermEnd - EligibilityEvaluator.LastDayOfTerm);
        Assert.False(TermDates.StartInstant(last.AddDays(1)) < subscription.TermEnd - EligibilityEvaluator.LastDayOfTerm);
    }
}
