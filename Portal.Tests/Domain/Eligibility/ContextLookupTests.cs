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

    [Fact]
    public void A_new_commerce_base_cancelled_after_a_verdict_no_longer_gives_an_add_on_its_base_services()
    {
        var @base = A.Subscription().Of(A.Office365E3).Named("E3").WithStatus(LegacySubscriptionStatus.Migrated).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).Named("archiving").AddOnOf(@base).BoughtAt(LongAgo).Build();
        var migratedBase = A.NceSubscription().Of(A.Office365E3).CreatedAt(A.Now.AddHours(-1)).MigratedFrom(@base.Id).Build();
        var context = A.Context().With(@base, addOn).With(migratedBase).Build();
        Assert.True(EligibilityEvaluator.Evaluate(new MigrationRequest(addOn.Id), context).IsEligible);

        Assert.True(migratedBase.Cancel(A.Now).Succeeded);

        var verdict = EligibilityEvaluator.Evaluate(new MigrationRequest(addOn.Id), context);
        Assert.Contains(verdict.Requested.Reasons, r => r.Code == EligibilityReasons.AddOnBaseServicesMissing.Code);
    }

    [Fact]
    public void Seats_in_flight_count_until_a_copy_of_the_context_holds_the_subscription_they_became()
    {
        var migrating = A.Subscription().Of(A.BusinessStandard).WithSeats(200).WithStatus(LegacySubscriptionStatus.Suspended).Build();
        var next = A.Subscription().Of(A.BusinessStandard).WithSeats(150).Build();
        var context = A.Context().With(migrating, next).WithInFlight(A.BusinessStandard, 200, migrating.Id).Build();
        Assert.False(EligibilityEvaluator.Evaluate(new MigrationRequest(next.Id), context).IsEligible); // 200 + 150 > 300

        var created = A.NceSubscription().Of(A.BusinessStandard).WithSeats(200).CreatedAt(A.Now.AddHours(-1)).MigratedFrom(migrating.Id).Build();
        Assert.True(created.Cancel(A.Now).Succeeded); // its seats are gone, and the migration's with them
        var copy = context with { NceSubscriptions = [created] };

        Assert.True(EligibilityEvaluator.Evaluate(new MigrationRequest(next.Id), copy).IsEligible);
        Assert.False(EligibilityEvaluator.Evaluate(new MigrationRequest(next.Id), context).IsEligible);
    }

    private static List<Guid> Members(EligibilityContext context, LegacySubscription @base) =>
        [.. EligibilityEvaluator.Evaluate(new MigrationRequest(@base.Id), context).AddOns.Select(a => a.SubscriptionId)];
}
