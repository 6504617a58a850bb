using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;

namespace Portal.Domain.Terms;

/// <summary>A date a new term may be aligned to, and why it is allowed.</summary>
public sealed record CoTermDate(DateOnly Date, bool IsEndOfMonth, IReadOnlyList<Guid> AlignedSubscriptionIds);

/// <summary>
/// Co-terming with <c>customTermEndDate</c>: the date must be the end date of an existing active, non-trial
/// New Commerce subscription of the customer, or the last day of a calendar month; it must fall inside the first
/// term; a monthly term may not end on the 28th-30th unless that is the month's last day; annual and triennial
/// terms may not co-term with monthly subscriptions.
/// </summary>
public static class CoTerming
{
    /// <summary>First and last day a custom end date may take for a term starting on <paramref name="migrationDay"/>.</summary>
    public static (DateOnly First, DateOnly Last) FirstTerm(DateOnly migrationDay, TermDuration term) =>
        (migrationDay.AddDays(1), TermDates.FullTermEnd(migrationDay, term));

    public static IReadOnlyList<CoTermDate> AllowedDates(
        TermDuration term,
        DateOnly migrationDay,
        IEnumerable<NceSubscription> customerSubscriptions)
    {
        var (first, last) = FirstTerm(migrationDay, term);
        var bySubscription = AlignableSubscriptions(term, customerSubscriptions)
            .GroupBy(s => TermDates.UtcDate(s.TermEnd))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(s => s.Id).ToList());

        var dates = new SortedSet<DateOnly>(bySubscription.Keys.Where(d => d >= first && d <= last));
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var monthEnd = TermDates.LastDayOfMonth(month.Year, month.Month);
            if (monthEnd >= first && monthEnd <= last)
            {
                dates.Add(monthEnd);
            }
        }

        return dates
            .Where(d => !IsForbiddenMonthlyEnd(term, d))
            .Select(d => new CoTermDate(d, TermDates.IsLastDayOfMonth(d), bySubscription.GetValueOrDefault(d, [])))
            .ToList();
    }

    /// <summary>The reason a custom end date is refused, or null when it is allowed.</summary>
    public static EligibilityReason? Check(
        DateOnly customEnd,
        TermDuration term,
        DateOnly migrationDay,
        IEnumerable<NceSubscription> customerSubscriptions)
    {
        var (first, last) = FirstTerm(migrationDay, term);
        if (customEnd < first || customEnd > last)
        {
            return EligibilityReasons.InvalidCustomTermEndDate.With(
                $"The custom term end date {customEnd:yyyy-MM-dd} is outside the first {term.Describe()} term ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}).");
        }

        if (IsForbiddenMonthlyEnd(term, customEnd))
        {
            return EligibilityReasons.CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth.With(
                $"A monthly term cannot end on the {customEnd.Day}th unless it is the last day of the month ({customEnd:yyyy-MM-dd} is not).");
        }

        if (TermDates.IsLastDayOfMonth(customEnd))
        {
            return null;
        }

        var subscriptions = customerSubscriptions.ToList();
        if (AlignableSubscriptions(term, subscriptions).Any(s => TermDates.UtcDate(s.TermEnd) == customEnd))
        {
            return null;
        }

        var onlyMonthly = term != TermDuration.P1M && subscriptions.Any(s =>
            s.Status == NceSubscriptionStatus.Active && !s.IsTrial && s.Term == TermDuration.P1M && TermDates.UtcDate(s.TermEnd) == customEnd);
        return EligibilityReasons.CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth.With(onlyMonthly
            ? $"{customEnd:yyyy-MM-dd} is the end date of a monthly subscription only; a {term.Describe()} term cannot co-term with monthly subscriptions."
            : $"{customEnd:yyyy-MM-dd} is neither the end date of an active New Commerce subscription of the customer nor the last day of a month.");
    }

    private static bool IsForbiddenMonthlyEnd(TermDuration term, DateOnly date) =>
        term == TermDuration.P1M && date.Day is >= 28 and <= 30 && !TermDates.IsLastDayOfMonth(date);

    private static IEnumerable<NceSubscription> AlignableSubscriptions(TermDuration term, IEnumerable<NceSubscription> subscriptions) =>
        subscriptions.Where(s =>
            s.Status == NceSubscriptionStatus.Active
            && !s.IsTrial
            && (term == TermDuration.P1M || s.Term != TermDuration.P1M));
}
