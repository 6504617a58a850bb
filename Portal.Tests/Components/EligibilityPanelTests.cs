using Bunit;
using Portal.Components.Eligibility;
using Portal.Domain.Eligibility;
using Portal.Tests.Domain;
using Portal.Tests.Domain.Eligibility;

namespace Portal.Tests.Components;

/// <summary>The eligibility panel shows the evaluator's verdict: every member, every reason with its code, and what to do.</summary>
public class EligibilityPanelTests : PortalPageContext
{
    private Task<IRenderedComponent<EligibilityPanel>> Render(BundleEligibility verdict, string zone = "UTC")
    {
        SignInAs(Guid.NewGuid(), Portal.Accounts.PortalRoles.AdminAgent, timeZoneId: zone);
        return Task.FromResult(Render<EligibilityPanel>(p => p.Add(x => x.Eligibility, verdict)));
    }

    [Fact]
    public async Task An_eligible_subscription_says_so_with_the_product_it_becomes_and_no_reasons()
    {
        var subscription = A.Subscription().Of(A.BusinessStandard).Build();
        var verdict = A.Context().With(subscription).Evaluate(subscription);

        var html = await Render(verdict);

        Assert.Equal("Eligible to migrate now.", html.Find(".eligibility-verdict strong").TextContent.Trim());
        Assert.Contains("eligibility-eligible", html.Find(".eligibility").ClassList);
        var member = html.Find($"[data-subscription='{subscription.Id}']");
        Assert.Contains("Eligible", member.QuerySelector(".eligibility-badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(A.BusinessStandard.Mapping!.CatalogItemId, member.QuerySelector("code")!.TextContent);
        Assert.Empty(html.FindAll(".eligibility-reason"));
    }

    [Fact]
    public async Task Every_reason_is_shown_with_its_code_description_and_guidance()
    {
        var subscription = A.Subscription().Of(A.BusinessStandard).AsTrial().WithActivePromotion().Build();
        var verdict = A.Context().With(subscription).Evaluate(subscription);
        Assert.True(verdict.Requested.Reasons.Count >= 2);

        var html = await Render(verdict);

        Assert.Equal("Not eligible to migrate.", html.Find(".eligibility-verdict strong").TextContent.Trim());
        Assert.Contains("eligibility-blocked", html.Find(".eligibility").ClassList);
        var shown = html.FindAll(".eligibility-reason").ToList();
        Assert.Equal(verdict.Requested.Reasons.Select(r => r.Name), shown.Select(li => li.GetAttribute("data-reason")));
        foreach (var (reason, li) in verdict.Requested.Reasons.Zip(shown))
        {
            Assert.StartsWith($"{reason.Code} {reason.Name}", li.QuerySelector(".eligibility-reason-name")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(reason.Description, li.TextContent, StringComparison.Ordinal);
            Assert.Equal($"What you can do: {reason.Guidance}", li.QuerySelector(".eligibility-guidance")!.TextContent.Trim());
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

        Assert.Equal("Not eligible: one ineligible member blocks the whole bundle.", html.Find(".eligibility-verdict strong").TextContent.Trim());
        var addOn = html.Find($"[data-subscription='{archiving.Id}']");
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

        Assert.Equal("Eligible to migrate now, together with its 1 add-on(s).", html.Find(".eligibility-verdict strong").TextContent.Trim());
        Assert.Equal(2, html.FindAll(".eligibility-member .eligibility-badge.mud-chip-color-success").Count);
        Assert.Equal("2025-09-10 22:00 UTC+10", html.Find(".eligibility-verdict .time-local").TextContent);
    }
}
