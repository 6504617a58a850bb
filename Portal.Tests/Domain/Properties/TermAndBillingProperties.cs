using FsCheck;
using FsCheck.Fluent;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Properties;

/// <summary>
/// Property-based tests (FsCheck, ADR-025) beside the example tests: term dates across month ends and leap years, and
/// the billing ledger under any sequence of billing events. Each runs inside a [Fact] (FsCheck.Xunit.v3 needs xunit.v3
/// 4.x); a counterexample FsCheck finds fails the test with the shrunk input, and is then kept as an example test.
/// </summary>
public class TermAndBillingProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>Days from 2023-01-01 to 2030-12-31: three leap days (2024, 2028) and every month end.</summary>
    private static readonly Gen<DateOnly> Days = Gen.Choose(0, 365 * 8).Select(d => new DateOnly(2023, 1, 1).AddDays(d));

    private static readonly Gen<DateOnly> MonthEnds =
        Gen.Choose(0, 95).Select(m => TermDates.LastDayOfMonth(2023 + (m / 12), 1 + (m % 12)));

    private static readonly Gen<TermDuration> Terms = Gen.Elements(TermDuration.P1M, TermDuration.P1Y, TermDuration.P3Y);

    [Fact]
    public void An_aligned_end_keeps_the_legacy_end_days_anniversary_and_is_the_first_one_after_the_migration_day()
    {
        var cases = Gen.OneOf(Days, MonthEnds).SelectMany(end => Gen.Choose(1, 3 * 366).SelectMany(before => Terms.Select(term => (End: end, Day: end.AddDays(-before), Term: term))));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var aligned = TermDates.AlignedEnd(c.End, c.Term, c.Day);
            var months = c.Term.Months();
            var steps = Enumerable.Range(0, 40).FirstOrDefault(k => c.End.AddMonths(-k * months) == aligned, -1);
            return aligned > c.Day
                && aligned <= c.End
                && steps >= 0
                && c.End.AddMonths(-(steps + 1) * months) <= c.Day
                && aligned.Day == Math.Min(c.End.Day, DateTime.DaysInMonth(aligned.Year, aligned.Month));
        }));
    }

    [Fact]
    public void A_full_term_ends_the_day_before_its_anniversary_and_never_skips_or_repeats_a_day()
    {
        var cases = Gen.OneOf(Days, MonthEnds).SelectMany(start => Terms.Select(term => (Start: start, Term: term)));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var end = TermDates.FullTermEnd(c.Start, c.Term);
            var next = TermDates.FullTermEnd(end.AddDays(1), c.Term);
            var days = end.DayNumber - c.Start.DayNumber + 1;
            var (fewest, most) = c.Term switch
            {
                TermDuration.P1M => (28, 31),
                TermDuration.P1Y => (365, 366),
                _ => (1095, 1096),
            };
            return end.AddDays(1) == c.Start.AddMonths(c.Term.Months())
                && days >= fewest && days <= most
                && next > end
                && TermDates.EndInstant(end) < TermDates.StartInstant(end.AddDays(1));
        }));
    }

    /// <summary>A billing event: which one, and the day offset from the previous event (may go back).</summary>
    private sealed record Step(int Kind, int Offset);

    [Fact]
    public void The_billing_ledger_never_bills_a_day_twice_under_any_sequence_of_events()
    {
        var steps = Gen.Choose(0, 4).SelectMany(kind => Gen.Choose(-20, 60).Select(offset => new Step(kind, offset))).ListOf();

        Check.One(Runs, Prop.ForAll(steps.ToArbitrary(), sequence =>
        {
            var legacy = Guid.NewGuid();
            var nceIds = new List<Guid>();
            var ledger = new BillingLedger();
            var start = new DateOnly(2024, 1, 1);
            var day = start;
            ledger.StartLegacyBilling(legacy, day);
            foreach (var step in sequence)
            {
                day = day.AddDays(step.Offset);
                try
                {
                    switch (step.Kind)
                    {
                        case 0:
                            ledger.StopBilling(legacy, day);
                            break;
                        case 1:
                            var nce = Guid.NewGuid();
                            ledger.StartNewCommerceBilling(nce, legacy, day);
                            nceIds.Add(nce);
                            break;
                        case 2:
                            ledger.ResumeLegacyBilling(legacy, day);
                            break;
                        case 3 when nceIds.Count > 0:
                            ledger.StopBilling(nceIds[^1], day);
                            break;
                        default:
                            ledger.StartLegacyBilling(legacy, day);
                            break;
                    }
                }
                catch (DomainException)
                {
                    // Refused: the ledger is unchanged, which the check below covers too.
                }
            }

            var first = start.AddDays(-30 * (sequence.Count + 1));
            var last = start.AddDays(60 * (sequence.Count + 1));
            return nceIds.All(nce => ledger.DaysBilledTwice(legacy, nce, first, last).Count == 0)
                && ledger.Periods.GroupBy(p => p.SubscriptionId).All(g => g.Count(p => p.Until is null) <= 1);
        }));
    }
}
