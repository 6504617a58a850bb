using Portal.Components.Pages.Migrate;
using Portal.Domain.Eligibility;
using Portal.Migrations.Wizard;
using Portal.Tests.Domain;

namespace Portal.Tests.Components.Migrate;

/// <summary>The wizard's reusable parts: error summary and field messages, step list, member verdicts, review table, timeline.</summary>
public class WizardPartsTests
{
    private static readonly Guid MemberId = Guid.NewGuid();

    private static readonly FieldError[] Errors =
    [
        new(MemberId, "E3 HQ", "Seats", "seats-1", "Seats must be between 1 and 300."),
        new(null, "", "Target date", "targetDate", "The target date must be on or before 2026-02-10."),
        new(null, "", "Draft", "", "Someone changed this draft in another tab."),
    ];

    [Fact]
    public async Task The_error_summary_names_member_and_field_and_links_to_the_field()
    {
        var html = await ComponentHtml.RenderAsync<ErrorSummary>(new Dictionary<string, object?> { ["Errors"] = Errors, ["LinkBase"] = "/customers/1/migrate/2/targets" });

        var items = html.QuerySelectorAll("#error-summary li").ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("/customers/1/migrate/2/targets#seats-1", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("E3 HQ – Seats", items[0].QuerySelector("a")!.TextContent);
        Assert.EndsWith(": Seats must be between 1 and 300.", items[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(MemberId.ToString(), items[0].GetAttribute("data-member"));
        Assert.Equal("Target date", items[1].QuerySelector("a")!.TextContent);
        Assert.Null(items[2].QuerySelector("a"));
        Assert.Equal("Draft", items[2].QuerySelector("strong")!.TextContent);
        Assert.Equal("alert", html.QuerySelector("#error-summary")!.GetAttribute("role"));
    }

    [Fact]
    public async Task No_errors_render_no_summary()
    {
        var html = await ComponentHtml.RenderAsync<ErrorSummary>(new Dictionary<string, object?> { ["Errors"] = Array.Empty<FieldError>() });

        Assert.Null(html.QuerySelector("#error-summary"));
    }

    [Fact]
    public async Task A_field_message_shows_only_that_fields_errors_under_an_id_for_aria_describedby()
    {
        var html = await ComponentHtml.RenderAsync<FieldMessage>(new Dictionary<string, object?> { ["Errors"] = Errors, ["FieldId"] = "targetDate" });

        var message = Assert.Single(html.QuerySelectorAll(".invalid-feedback"));
        Assert.Equal("targetDate-error", message.Id);
        Assert.Equal("The target date must be on or before 2026-02-10.", message.TextContent);

        var none = await ComponentHtml.RenderAsync<FieldMessage>(new Dictionary<string, object?> { ["Errors"] = Errors, ["FieldId"] = "seats-2" });
        Assert.Empty(none.QuerySelectorAll(".invalid-feedback"));
    }

    [Fact]
    public async Task Done_steps_are_links_the_current_one_is_marked_and_later_ones_are_not_reachable()
    {
        var customer = Guid.NewGuid();
        var draft = Guid.NewGuid();

        var html = await ComponentHtml.RenderAsync<WizardSteps>(new Dictionary<string, object?>
        {
            ["CustomerId"] = customer, ["DraftId"] = draft, ["Current"] = "targets", ["Reachable"] = 4,
        });

        var steps = html.QuerySelectorAll("li.wizard-step").ToList();
        Assert.Equal(["1. Bundle", "2. Eligibility", "3. Targets", "4. When", "5. Review"], steps.Select(s => s.TextContent.Trim()));
        Assert.Equal(
            [$"/customers/{customer}/migrate/{draft}/bundle", $"/customers/{customer}/migrate/{draft}/eligibility", $"/customers/{customer}/migrate/{draft}/when"],
            html.QuerySelectorAll("li.wizard-step a").Select(a => a.GetAttribute("href")));
        Assert.Equal("step", steps[2].QuerySelector("span")!.GetAttribute("aria-current"));
        Assert.Null(steps[4].QuerySelector("a"));
        Assert.Null(steps[4].QuerySelector("span")!.GetAttribute("aria-current"));
    }

    [Fact]
    public void A_step_is_reachable_once_every_earlier_step_is_done()
    {
        Assert.Equal(1, WizardSteps.ReachableFor(new DraftContent()));
        Assert.Equal(2, WizardSteps.ReachableFor(new DraftContent { RequestedSubscriptionId = Guid.NewGuid() }));
        Assert.Equal(3, WizardSteps.ReachableFor(new DraftContent { RequestedSubscriptionId = Guid.NewGuid(), EligibilitySeen = true }));
    }

    [Fact]
    public async Task Member_verdicts_show_each_member_with_every_reason_and_what_to_do()
    {
        var data = new WizardPartsData(addOn => addOn.WithActivePromotion());

        var html = await ComponentHtml.RenderAsync<MemberVerdicts>(new Dictionary<string, object?> { ["Verdict"] = data.Verdict });

        var baseRow = html.QuerySelector($"tr[data-member='{data.Base.Id}']")!;
        var addOnRow = html.QuerySelector($"tr[data-member='{data.AddOn.Id}']")!;
        Assert.Equal("Archiving (add-on)", addOnRow.QuerySelector("th")!.TextContent);
        Assert.Equal("No", addOnRow.Children[1].TextContent);
        var promotion = data.Verdict.AddOns[0].Reasons.Single(r => r.Name == EligibilityReasons.SubscriptionPromotionsPresent.Name);
        var reason = addOnRow.QuerySelector($"li[data-reason='{promotion.Name}']")!;
        Assert.Equal($"{promotion.Code} {promotion.Name}", reason.QuerySelector("strong")!.TextContent);
        Assert.Contains(promotion.Description, reason.TextContent, StringComparison.Ordinal);
        Assert.Equal($"What to do: {promotion.Guidance}", reason.QuerySelector("div")!.TextContent);
        // The base is held back by its add-on: it says so too.
        Assert.NotNull(baseRow.QuerySelector($"li[data-reason='{EligibilityReasons.SubscriptionAddOnsPresent.Name}']"));
    }

    [Fact]
    public async Task An_eligible_member_says_which_product_it_becomes_and_a_missing_verdict_says_it_could_not_be_checked()
    {
        var data = new WizardPartsData();

        var html = await ComponentHtml.RenderAsync<MemberVerdicts>(new Dictionary<string, object?> { ["Verdict"] = data.Verdict });
        var none = await ComponentHtml.RenderAsync<MemberVerdicts>(new Dictionary<string, object?> { ["Verdict"] = null });

        var row = html.QuerySelector($"tr[data-member='{data.AddOn.Id}']")!;
        Assert.Equal("Yes", row.Children[1].TextContent);
        Assert.Equal($"Can migrate to {A.ExchangeArchiving.Mapping!.CatalogItemId}.", row.Children[2].TextContent.Trim());
        Assert.Equal("The bundle could not be checked.", none.QuerySelector("p")!.TextContent);
        Assert.Null(none.QuerySelector("table"));
    }

    [Fact]
    public async Task The_review_puts_old_and_new_side_by_side_per_member_in_the_users_zone()
    {
        var data = new WizardPartsData();

        var html = await ComponentHtml.RenderAsync<ReviewTable>(new Dictionary<string, object?>
        {
            ["Workspace"] = data.Workspace, ["Verdict"] = data.Verdict, ["Zone"] = WizardPartsData.Zone("Australia/Sydney"),
        });

        var table = html.QuerySelector($"table[data-member='{data.Base.Id}']")!;
        string[] Row(string name) => table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == name)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["Office 365 E3", A.Office365E3.Mapping!.CatalogItemId], Row("Product"));
        Assert.Equal(["20", "20"], Row("Seats"));
        Assert.Equal(["1 year term, billed annual", "1 year term, billed annual"], Row("Term and billing"));
        var termEnds = table.QuerySelectorAll("tbody tr")[^1].QuerySelectorAll("td .time-local").Select(t => t.TextContent).ToList();
        Assert.Equal(["2026-02-11 10:59 UTC+11", "2026-02-11 10:59 UTC+11"], termEnds);
        Assert.Equal(2, html.QuerySelectorAll("table.review-table").Length);
        Assert.Equal("Archiving (add-on)", html.QuerySelectorAll("h3")[1].TextContent);
    }

    [Fact]
    public async Task The_timeline_lists_start_window_end_legacy_end_and_new_term_end_in_time_order()
    {
        var data = new WizardPartsData();

        var html = await ComponentHtml.RenderAsync<Timeline>(new Dictionary<string, object?>
        {
            ["Workspace"] = data.Workspace, ["Verdict"] = data.Verdict, ["Zone"] = WizardPartsData.Zone("America/Los_Angeles"),
        });

        var items = html.QuerySelectorAll("#timeline li").ToList();
        Assert.Equal(
            ["2025-09-10T12:00:00Z", "2025-09-17T12:00:00Z", "2026-02-10T23:59:59Z", "2026-02-10T23:59:59Z"],
            items.Select(i => i.QuerySelector("time")!.GetAttribute("datetime")));
        Assert.StartsWith("Migration starts", items[0].Children[^1].TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Cancellation window ends (7 days)", items[1].Children[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal("2025-09-10 05:00 UTC-7", items[0].QuerySelector(".time-local")!.TextContent);
        Assert.Equal("(2025-09-10 12:00 UTC)", items[0].QuerySelector(".time-utc")!.TextContent);
        Assert.Contains(items, i => i.TextContent.Contains("Legacy term end of E3 HQ", StringComparison.Ordinal));
        // Members ending on the same day share one New Commerce term end.
        Assert.Contains(items, i => i.TextContent.Contains("New Commerce term ends: E3 HQ, Archiving", StringComparison.Ordinal));
    }
}
