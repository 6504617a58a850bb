using Portal.Components.Eligibility;
using Portal.Domain.Eligibility;
using Portal.Tests.Domain;
using Portal.Tests.Domain.Eligibility;

namespace Portal.Tests.Components;

/// <summary>The eligibility panel shows the evaluator's verdict: every member, every reason with its code, and what to do.</summary>
public class EligibilityPanelTests
{
    private static Task<AngleSharp.Dom.IDocument> Render(BundleEligibility verdict, string zone = "UTC") =>
        ComponentHtml.RenderAsync<EligibilityPanel>(new Dictionary<string, object?> { ["Eligibility"] = verdict }, zone);

    [Fact]
    public async Task An_eligible_subscription_says_so_with_the_product_it_becomes_and_no_reasons()
    {
        var subscription = A.Subscription().Of(A.BusinessStandard).Build();
        var verdict = A.Context().With(subscription).Evaluate(subscription);

        var html = await Render(verdict);

        Assert.Equal("Eligible to migrate now.", html.QuerySelector(".eligibility-verdict")!.ChildNodes[0].TextContent.Trim());
        Assert.Contains("border-success", html.QuerySelector("section.eligibility")!.ClassList);
        var member = html.QuerySelector($"[data-subscription='{subscription.Id}']")!;
        Assert.Contains("Eligible", member.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(A.BusinessStandard.Mapping!.CatalogItemId, member.QuerySelector("code")!.TextContent);
        Assert.Empty(html.QuerySelectorAll(".eligibility-reason"));
    }

    [Fact]
    public async Task Every_reason_is_shown_with_its_code_description_and_guidance()
    {
        var subscription = A.Subscription().Of(A.BusinessStandard).AsTrial().WithActivePromotion().Build();
        var verdict = A.Context().With(subscription).Evaluate(subscription);
        Assert.True(verdict.Requested.Reasons.Count >= 2);

        var html = await Render(verdict);

        Assert.Equal("Not eligible to migrate.", html.QuerySelector(".eligibility-verdict")!.ChildNodes[0].TextContent.Trim());
        Assert.Contains("border-danger", html.QuerySelector("section.eligibility")!.ClassList);
        var shown = html.QuerySelectorAll(".eligibility-reason").ToList();
        Assert.Equal(verdict.Requested.Reasons.Select(r => r.Name), shown.Select(li => li.GetAttribute("data-reason")));
        foreach (var (reason, li) in verdict.Requested.Reasons.Zip(shown))
        {
            Assert.StartsWith($"{reason.Code} {reason.Name}", li.QuerySelector(".fw-semibold")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(reason.Description, li.TextContent, StringComparison.Ordinal);
            Assert.Equal($"What you can do: {reason.Guidance}", li.QuerySelector("div.small")!.TextContent.Trim());
        }

        Assert.Contains(shown, li => li.GetAttribute("data-reason") == EligibilityReasons.TrialNotAllowed.Name);
        Assert.Contains(shown, li => li.GetAttribute("data-reason") == EligibilityReasons.SubscriptionPromotionsPresent.Name);
    }

    [Fact]
    public async Task One_ineligible_add_on_blocks_the_bundle_and_is_named_as_the_add_on()
    {
        var e3 = A.Subscription().Of(A.Office365E3).Build();
        var archiving = A.Subscription().Of(A.ExchangeArchiving).Named("Archiving").AddOnOf(e3).WithActivePromotion().Build();
        var verdict = A.Context().With(e3, archiving).Evaluate(e3);

        var html = await Render(verdict);

        Assert.Equal("Not eligible: one ineligible member blocks the whole bundle.", html.QuerySelector(".eligibility-verdict")!.ChildNodes[0].TextContent.Trim());
        var addOn = html.QuerySelector($"[data-subscription='{archiving.Id}']")!;
        Assert.StartsWith("Add-on: Archiving", addOn.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(addOn.QuerySelector($"[data-reason='{EligibilityReasons.SubscriptionPromotionsPresent.Name}']"));
    }

    [Fact]
    public async Task An_eligible_bundle_counts_its_add_ons_and_the_check_time_is_in_the_users_zone()
    {
        var e3 = A.Subscription().Of(A.Office365E3).Build();
        var archiving = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(e3).Build();
        var verdict = A.Context().With(e3, archiving).Evaluate(e3);

        var html = await Render(verdict, "Australia/Sydney");

        Assert.Equal("Eligible to migrate now, together with its 1 add-on(s).", html.QuerySelector(".eligibility-verdict")!.ChildNodes[0].TextContent.Trim());
        Assert.Equal(2, html.QuerySelectorAll(".eligibility-member .badge.text-bg-success").Length);
        Assert.Equal("2025-09-10 22:00 UTC+10", html.QuerySelector(".eligibility-verdict .time-local")!.TextContent);
    }
}
