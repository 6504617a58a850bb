using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// The context indexes its collections once for speed; a verdict must still follow what the context holds when it is
/// judged: a copy with other subscriptions, a collection that grew, and a status that changed on an entity.
/// </summary>
public class ContextLookupTests
{
    private static readonly DateTimeOffset LongAgo = Utc(2025, 1, 5, 8, 0);

    [Fact]
    public void A_copy_of_the_context_with_another_add_on_judges_the_bundle_with_it()
    {
        var @base = A.Subscription().Of(A.Office365E3).Named("E3").Build();
        var first = A.Subscription().Of(A.ExchangeArchiving).Named("first").AddOnOf(@base).BoughtAt(LongAgo).Build();
        var context = A.Context().With(@base, first).Build();
        Assert.Equal([first.Id], Members(context, @base));

        var second = A.Subscription().Of(A.ExchangeArchiving).Named("second").AddOnOf(@base).BoughtAt(LongAgo.AddDays(1)).Build();
        var copy = context with { LegacySubscriptions = [@base, first, second] };

        Assert.Equal([first.Id, second.Id], Members(copy, @base));
        Assert.Equal([first.Id], Members(context, @base));
    }

    [Fact]
    public void A_subscription_added_to_the_contexts_list_after_a_verdict_is_found_by_the_next()
    {
        var @base = A.Subscription().Of(A.Office365E3).Named("E3").Build();
        var subscriptions = new List<LegacySubscription> { @base };
        var context = A.Context().With(@base).Build() with { LegacySubscriptions = subscriptions };
        Assert.Empty(Members(context, @base));

        var addOn = A.Subscription().Of(A.ExchangeArchiving).Named("added").AddOnOf(@base).BoughtAt(LongAgo).Build();
        subscriptions.Add(addOn);

        Assert.Equal([addOn.Id], Members(context, @base));
        Assert.Same(addOn, context.Legacy(addOn.Id));
    }

    [Fact]
    public void An_add_on_cancelled_after_a_verdict_no_longer_migrates_with_its_base()
    {
        var @base = A.Subscription().Of(A.Office365E3).Named("E3").Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).Named("archiving").AddOnOf(@base).BoughtAt(LongAgo).Build();
        var context = A.Context().With(@base, addOn).Build();
        Assert.Equal([addOn.Id], Members(context, @base));

        addOn.Cancel();

        Assert.Empty(Members(context, @base));
    }

    private static List<Guid> Members(EligibilityContext context, LegacySubscription @base) =>
        [.. EligibilityEvaluator.Evaluate(new MigrationRequest(@base.Id), context).AddOns.Select(a => a.SubscriptionId)];
}
