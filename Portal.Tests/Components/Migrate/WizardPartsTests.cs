using Bunit;
using Portal.Components.Pages.Migrate;
using Portal.Components.Pages.Migrate.Wizard;
using Portal.Domain.Eligibility;
using Portal.Migrations.Wizard;
using Portal.Tests.Domain;

namespace Portal.Tests.Components.Migrate;

/// <summary>The wizard's reusable parts in bUnit: error summary, reachable steps, member verdicts, review table, timeline.</summary>
public class WizardPartsTests : PortalPageContext
{
    private static readonly Guid MemberId = Guid.NewGuid();

    private static readonly FieldError[] Errors =
    [
        new(MemberId, "E3 HQ", "Seats", "seats-1", "Seats must be between 1 and 300."),
        new(null, "", "Target date", "targetDate", "The target date must be on or before 2026-02-10."),
        new(null, "", "Draft", "", "Someone changed this draft in another tab."),
    ];

    public WizardPartsTests() => SignInAs(Guid.NewGuid(), Portal.Accounts.PortalRoles.AdminAgent);

    [Fact]
    public void The_error_summary_names_member_and_field_and_links_to_the_field()
    {
        var html = Render<ErrorSummary>(p => p.Add(x => x.Errors, Errors).Add(x => x.LinkBase, "/customers/1/migrate/2/targets"));

        var items = html.FindAll("#error-summary li");
        Assert.Equal(3, items.Count);
        Assert.Equal("/customers/1/migrate/2/targets#seats-1", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("E3 HQ – Seats", items[0].QuerySelector("a")!.TextContent.Trim());
        Assert.EndsWith(": Seats must be between 1 and 300.", items[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(MemberId.ToString(), items[0].GetAttribute("data-member"));
        Assert.Equal("Target date", items[1].QuerySelector("a")!.TextContent.Trim());
        Assert.Null(items[2].QuerySelector("a"));
        Assert.Equal("Draft", items[2].QuerySelector("strong")!.TextContent);
        Assert.Equal("alert", html.Find("#error-summary").GetAttribute("role"));
    }

    [Fact]
    public void No_errors_render_no_summary()
    {
        var html = Render<ErrorSummary>(p => p.Add(x => x.Errors, Array.Empty<FieldError>()));

        Assert.Empty(html.FindAll("#error-summary"));
    }

    [Fact]
    public void A_step_is_reachable_once_every_earlier_step_is_done()
    {
        Assert.Equal(1, WizardFlow.ReachableFor(new DraftContent()));
        Assert.Equal(2, WizardFlow.ReachableFor(new DraftContent { RequestedSubscriptionId = Guid.NewGuid() }));
        Assert.Equal(3, WizardFlow.ReachableFor(new DraftContent { RequestedSubscriptionId = Guid.NewGuid(), EligibilitySeen = true }));
        Assert.Equal(["bundle", "eligibility", "targets", "when", "review"], WizardFlow.Steps.Select(s => s.Slug));
        Assert.Equal(-1, WizardFlow.IndexOf("elsewhere"));
    }

    [Fact]
    public void Member_verdicts_show_each_member_with_every_reason_and_what_to_do()
    {
        var data = new WizardPartsData(addOn => addOn.WithActivePromotion());

        var html = Render<MemberVerdicts>(p => p.Add(x => x.Verdict, data.Verdict));

        var baseRow = html.Find($"tr[data-member='{data.Base.Id}']");
        var addOnRow = html.Find($"tr[data-member='{data.AddOn.Id}']");
        Assert.Equal("Archiving (add-on)", addOnRow.QuerySelector("th")!.TextContent);
        Assert.Equal("No", addOnRow.QuerySelector(".verdict")!.TextContent.Trim());
        var promotion = data.Verdict.AddOns[0].Reasons.Single(r => r.Name == EligibilityReasons.SubscriptionPromotionsPresent.Name);
        var reason = addOnRow.QuerySelector($"li[data-reason='{promotion.Name}']")!;
        Assert.Equal($"{promotion.Code} {promotion.Name}", reason.QuerySelector("strong")!.TextContent);
        Assert.Contains(promotion.Description, reason.TextContent, StringComparison.Ordinal);
        Assert.Equal($"What to do: {promotion.Guidance}", reason.QuerySelector(".guidance")!.TextContent);
        // The base is held back by its add-on: it says so too.
        Assert.NotNull(baseRow.QuerySelector($"li[data-reason='{EligibilityReasons.SubscriptionAddOnsPresent.Name}']"));
    }

    [Fact]
    public void An_eligible_member_says_which_product_it_becomes_and_a_missing_verdict_says_it_could_not_be_checked()
    {
        var data = new WizardPartsData();

        var html = Render<MemberVerdicts>(p => p.Add(x => x.Verdict, data.Verdict));
        var none = Render<MemberVerdicts>(p => p.Add(x => x.Verdict, null));

        var row = html.Find($"tr[data-member='{data.AddOn.Id}']");
        Assert.Equal("Yes", row.QuerySelector(".verdict")!.TextContent.Trim());
        Assert.Equal($"Can migrate to {A.ExchangeArchiving.Mapping!.CatalogItemId}.", row.Children[2].TextContent.Trim());
        Assert.Equal("The bundle could not be checked.", none.Find("#not-checked").TextContent.Trim());
        Assert.Empty(none.FindAll("table"));
    }

    [Fact]
    public void The_review_puts_old_and_new_side_by_side_per_member_in_the_users_zone()
    {
        var data = new WizardPartsData();

        var html = Render<ReviewTable>(p => p.Add(x => x.Workspace, data.Workspace).Add(x => x.Verdict, data.Verdict).Add(x => x.Zone, WizardPartsData.Zone("Australia/Sydney")));

        var table = html.Find($".review-table[data-member='{data.Base.Id}']");
        string[] Row(string name) => table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == name)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["Office 365 E3", A.Office365E3.Mapping!.CatalogItemId], Row("Product"));
        Assert.Equal(["20", "20"], Row("Seats"));
        Assert.Equal(["1 year term, billed annual", "1 year term, billed annual"], Row("Term and billing"));
        var termEnds = table.QuerySelectorAll("tbody tr")[^1].QuerySelectorAll("td .time-local").Select(t => t.TextContent).ToList();
        Assert.Equal(["2026-02-11 10:59 UTC+11", "2026-02-11 10:59 UTC+11"], termEnds);
        Assert.Equal(2, html.FindAll(".review-table").Count);
        Assert.Equal("Archiving (add-on)", html.FindAll("h3")[1].TextContent);
    }

    [Fact]
    public void The_timeline_lists_start_window_end_legacy_end_and_new_term_end_in_time_order()
    {
        var data = new WizardPartsData();

        var html = Render<Timeline>(p => p.Add(x => x.Workspace, data.Workspace).Add(x => x.Verdict, data.Verdict).Add(x => x.Zone, WizardPartsData.Zone("America/Los_Angeles")));

        var items = html.FindAll("#timeline .timeline-item");
        Assert.Equal(
            ["2025-09-10T12:00:00Z", "2025-09-17T12:00:00Z", "2026-02-10T23:59:59Z", "2026-02-10T23:59:59Z"],
            items.Select(i => i.QuerySelector("time")!.GetAttribute("datetime")));
        Assert.StartsWith("Migration starts", items[0].QuerySelector(".timeline-label")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Cancellation window ends (7 days)", items[1].QuerySelector(".timeline-label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2025-09-10 05:00 UTC-7", items[0].QuerySelector(".time-local")!.TextContent);
        Assert.Equal("(2025-09-10 12:00 UTC)", items[0].QuerySelector(".time-utc")!.TextContent);
        Assert.Contains(items, i => i.TextContent.Contains("Legacy term end of E3 HQ", StringComparison.Ordinal));
        // Members ending on the same day share one New Commerce term end.
        Assert.Contains(items, i => i.TextContent.Contains("New Commerce term ends: E3 HQ, Archiving", StringComparison.Ordinal));
    }
}
