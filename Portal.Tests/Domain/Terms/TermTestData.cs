using System.Globalization;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain;

/// <summary>Builders for the terms, co-terming and billing tests: dates written as the seed writes them.</summary>
public static partial class A
{
    /// <summary>A calendar day written <c>yyyy-MM-dd</c>, so theories can list dates inline.</summary>
    public static DateOnly Date(string yyyyMmDd) =>
        DateOnly.ParseExact(yyyyMmDd, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant written <c>yyyy-MM-ddTHH:mm:ssZ</c> (or with an offset), as Partner Center's API writes them.</summary>
    public static DateTimeOffset Instant(string iso8601) =>
        DateTimeOffset.Parse(iso8601, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>An active, paid New Commerce subscription whose current term ends on <paramref name="endDate"/>.</summary>
    public static NceSubscription NceEndingOn(TermDuration term, string endDate) => NceEndingOn(term, Date(endDate));

    public static NceSubscription NceEndingOn(TermDuration term, DateOnly endDate) =>
        NceSubscription()
            .WithTerm(term, term == TermDuration.P1M ? BillingCycle.Monthly : BillingCycle.Annual)
            .CreatedAt(TermStartFor(term, endDate))
            .EndingOn(endDate)
            .Build();

    /// <summary>A New Commerce trial whose term ends on <paramref name="endDate"/>.</summary>
    public static NceSubscription NceTrialEndingOn(TermDuration term, string endDate) =>
        NceSubscription()
            .WithTerm(term, BillingCycle.Monthly)
            .CreatedAt(TermStartFor(term, Date(endDate)))
            .EndingOn(Date(endDate))
            .AsTrial()
            .Build();

    /// <summary>A New Commerce subscription cancelled inside its cancellation window; its term would have ended on <paramref name="endDate"/>.</summary>
    public static NceSubscription NceCancelledEndingOn(TermDuration term, string endDate)
    {
        var createdAt = TermStartFor(term, Date(endDate));
        var subscription = NceSubscription()
            .WithTerm(term, term == TermDuration.P1M ? BillingCycle.Monthly : BillingCycle.Annual)
            .CreatedAt(createdAt)
            .EndingOn(Date(endDate))
            .Build();
        var cancelled = subscription.Cancel(createdAt.AddHours(1));
        if (!cancelled.Succeeded || subscription.Status != NceSubscriptionStatus.Cancelled)
        {
            throw new InvalidOperationException("Test data: the subscription should have been cancelled.");
        }

        return subscription;
    }

    private static DateTimeOffset TermStartFor(TermDuration term, DateOnly endDate) =>
        TermDates.StartInstant(endDate.AddMonths(-term.Months()).AddDays(1));
}
