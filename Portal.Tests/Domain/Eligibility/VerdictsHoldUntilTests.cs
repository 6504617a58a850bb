using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// <see cref="EligibilityEvaluator.VerdictsHoldUntil"/> names the first instant a time rule could change a verdict, so a
/// stored figure (ADR-022) is recounted then: before it every verdict is the one judged now; at it, one changes.
/// </summary>
public class VerdictsHoldUntilTests
{
    private static readonly DateTimeOffset Now = A.Now;

    private static EligibilityReasonSet ReasonsAt(ContextBuilder context, LegacySubscription subscription, DateTimeOffset at) =>
        new(EligibilityEvaluator.Evaluate(new MigrationRequest(subscription.Id), context.At(at).Build()).Members.SelectMany(m => m.Reasons).Select(r => r.Name).Order(StringComparer.Ordinal).ToList());

    private static DateTimeOffset HoldUntil(ContextBuilder context) => EligibilityEvaluator.VerdictsHoldUntil(context.At(Now).Build())!.Value;

    [Fact]
    public void A_subscription_bought_this_month_holds_until_its_first_month_is_over()
    {
        var bought = Now.AddDays(-10);
        var subscription = A.Subscription().BoughtAt(bought).Build();
        var context = A.Context().With(subscription);

        var until = HoldUntil(context);

        Assert.Equal(bought.AddMonths(1), until);
        Assert.Equal(ReasonsAt(context, subscription, Now), ReasonsAt(context, subscription, until.AddTicks(-1)));
        Assert.NotEqual(ReasonsAt(context, subscription, until.AddTicks(-1)), ReasonsAt(context, subscription, until));
    }

    [Fact]
    public void A_term_ending_soon_holds_until_its_last_24_hours_and_then_until_it_has_ended()
    {
        var subscription = A.Subscription().EndingAt(Now.AddDays(3)).Build();
        var context = A.Context().With(subscription);

        var until = HoldUntil(context);

        Assert.Equal(subscription.TermEnd - EligibilityEvaluator.LastDayOfTerm, until);
        Assert.Equal(ReasonsAt(context, subscription, Now), ReasonsAt(context, subscription, until.AddTicks(-1)));
        Assert.NotEqual(ReasonsAt(context, subscription, until.AddTicks(-1)), ReasonsAt(context, subscription, until));

        var lastDay = EligibilityEvaluator.VerdictsHoldUntil(context.At(until).Build());
        Assert.Equal(subscription.TermEnd.AddTicks(1), lastDay);
        Assert.Equal(ReasonsAt(context, subscription, until), ReasonsAt(context, subscription, subscription.TermEnd));
        Assert.NotEqual(ReasonsAt(context, subscription, subscription.TermEnd), ReasonsAt(context, subscription, subscription.TermEnd.AddTicks(1)));
    }

    [Fact]
    public void A_bundle_with_a_new_add_on_holds_until_the_add_on_is_30_days_old()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var bought = Now.AddDays(-3);
        var addOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).BoughtAt(bought).Build();
        var context = A.Context().With(@base, addOn).InSandbox();

        var until = HoldUntil(context);

        // The add-on's own first month ends at the same instant or later; the bundle's 30 days come first.
        Assert.Equal(bought + EligibilityEvaluator.AddOnCoolingOff, until);
        Assert.Equal(ReasonsAt(context, @base, Now), ReasonsAt(context, @base, until.AddTicks(-1)));
        Assert.NotEqual(ReasonsAt(context, @base, until.AddTicks(-1)), ReasonsAt(context, @base, until));
    }

    [Fact]
    public void Subscriptions_whose_every_time_rule_is_behind_them_hold_until_a_fact_changes()
    {
        var ended = A.Subscription().EndingAt(Now.AddDays(-40)).BoughtAt(Now.AddYears(-2)).WithStatus(LegacySubscriptionStatus.Active).Build();

        Assert.Null(EligibilityEvaluator.VerdictsHoldUntil(A.Context().With(ended).At(Now).Build()));
        Assert.Null(EligibilityEvaluator.VerdictsHoldUntil(A.Context().At(Now).Build()));
    }

    [Fact]
    public void The_earliest_instant_of_all_the_customer_s_subscriptions_wins()
    {
        var later = A.Subscription().EndingAt(Now.AddDays(90)).Build();
        var sooner = A.Subscription().EndingAt(Now.AddDays(5)).Build();

        Assert.Equal(sooner.TermEnd - EligibilityEvaluator.LastDayOfTerm, HoldUntil(A.Context().With(later, sooner)));
    }

    private sealed record EligibilityReasonSet(IReadOnlyList<string> Codes)
    {
        public bool Equals(EligibilityReasonSet? other) => other is not null && Codes.SequenceEqual(other.Codes);

        public override int GetHashCode() => string.Join(',', Codes).GetHashCode(StringComparison.Ordinal);

        public override string ToString() => string.Join(", ", Codes);
    }
}
