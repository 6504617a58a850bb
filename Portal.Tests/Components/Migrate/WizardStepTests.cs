using System.Globalization;
using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Components.Pages.Migrate.Wizard;
using Portal.Migrations.Wizard;
using Portal.Tests.Web;

namespace Portal.Tests.Components.Migrate;

/// <summary>
/// The wizard's steps over a real draft: what migrates, each member's eligibility with its reasons and guidance, and
/// the targets with their fields checked as the user types (the same rules every save re-checks, nothing stored on
/// invalid input), including the co-term choice.
/// </summary>
public class WizardStepTests(PortalFactory factory) : WizardPageTest(factory)
{
    [Fact]
    public async Task An_eligible_bundle_shows_its_members_and_every_step_change_saves_the_draft()
    {
        var page = await OpenAsync();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".bundle-members li").Count));
        Assert.Contains("Migrate Office 365 E3", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("Bundle", SelectedStep(page));
        await ContinueAsync(page, "bundle-continue", "eligibility");
        var (_, content) = await StoredAsync();
        Assert.Equal((BundleScope.Bundle, Data.E3), (content.Scope!.Value, content.RequestedSubscriptionId!.Value));

        Assert.Equal("Eligibility", SelectedStep(page));
        Assert.Equal(3, page.FindAll("#member-verdicts tbody tr").Count);
        Assert.All(page.FindAll("#member-verdicts .verdict"), v => Assert.Equal("Yes", v.TextContent.Trim()));
        Assert.Empty(page.FindAll("#blocked"));
        await ContinueAsync(page, "eligibility-continue", "targets");
        Assert.True((await StoredAsync()).Content.EligibilitySeen);
        Assert.Equal(3, page.FindAll(".member-target").Count);
        // Later steps stay closed until the earlier ones are saved.
        Assert.NotNull(page.FindAll("[role=tab]")[3].GetAttribute("disabled"));
    }

    [Fact]
    public async Task An_ineligible_member_shows_each_reason_with_its_guidance_and_the_bundle_cannot_go_on()
    {
        var page = await OpenAsync(d => d.Trial);
        page.WaitForAssertion(() => page.Find("#bundle-continue"));

        await ContinueAsync(page, "bundle-continue", "eligibility");

        var reason = page.Find("li[data-reason=TradeStatusNotAllowed]");
        Assert.StartsWith("8 TradeStatusNotAllowed: Trial subscriptions cannot migrate", reason.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("What to do:", reason.QuerySelector(".guidance")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("No", page.Find("#member-verdicts .verdict").TextContent.Trim());
        Assert.Contains("cannot migrate", page.Find("#blocked").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#eligibility-continue"));
        Assert.False((await StoredAsync()).Content.EligibilitySeen);
    }

    [Theory]
    [InlineData("0", "At least 1 seat must migrate.")]
    [InlineData("many", "'many' is not a whole number of seats.")]
    public async Task Bad_seats_are_shown_while_typing_and_refused_on_save_naming_the_member_and_field_with_nothing_stored(string seats, string message)
    {
        var page = await TargetsAsync();
        var field = $"#{Field(WizardPlan.SeatsField, Data.Archiving)}";

        await page.Find(field).InputAsync(new() { Value = seats });

        var archiving = Member(page, Data.Archiving);
        archiving.WaitForAssertion(() => Assert.Equal(message, archiving.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.Empty(page.FindAll("#error-summary")); // nothing submitted yet: the field itself says it

        await page.Find("#targets-continue").ClickAsync(new());

        var summary = page.WaitForElement("#error-summary");
        var link = summary.QuerySelector($"a[href='{field}']")!;
        Assert.Equal("Exchange Online Archiving – Seats", link.TextContent.Trim());
        Assert.Contains(message, summary.TextContent, StringComparison.Ordinal);
        Assert.Equal(seats, page.Find(field).GetAttribute("value"));
        Assert.EndsWith("/targets", Navigation.Uri, StringComparison.Ordinal);
        Assert.Empty((await StoredAsync()).Content.Members);
    }

    [Fact]
    public async Task Seats_within_the_rules_clear_the_message_as_typed_and_are_saved()
    {
        var page = await TargetsAsync();
        var field = $"#{Field(WizardPlan.SeatsField, Data.Archiving)}";
        await page.Find(field).InputAsync(new() { Value = "0" });
        Member(page, Data.Archiving).WaitForElement(".mud-input-error");

        await page.Find(field).InputAsync(new() { Value = "35" });

        Member(page, Data.Archiving).WaitForAssertion(() => Assert.Empty(Member(page, Data.Archiving).FindAll(".mud-input-error")));
        await ContinueAsync(page, "targets-continue", "when");
        var (_, content) = await StoredAsync();
        Assert.Equal(35, content.Member(Data.Archiving)!.Quantity);
        Assert.Equal([40, 35, 40], content.Members.Select(m => m.Quantity));
    }

    [Fact]
    public async Task Co_terming_offers_the_allowed_dates_for_the_chosen_term_and_saves_the_one_chosen()
    {
        var page = await TargetsAsync();
        var defender = Member(page, Data.Defender);

        await defender.InvokeAsync(() => defender.FindComponents<MudRadio<EndDateChoice>>().Single(r => r.Instance.GetState(x => x.Value) == EndDateChoice.CustomEndDate).Instance.SelectAsync());

        var select = defender.WaitForComponent<MudSelect<DateOnly?>>();
        var form = defender.Instance.Form;
        var allowed = WizardPlan.CoTermDates(form.Member, DateOnly.FromDateTime(DateTime.UtcNow), defender.Instance.Workspace.Context)
            .Single(t => t.Term == form.Term).Dates.Select(d => (DateOnly?)d.Date).ToList();
        Assert.NotEmpty(allowed);
        Assert.Equal(allowed, select.FindComponents<MudSelectItem<DateOnly?>>().Select(i => i.Instance.Value));

        // Saving without a date is refused on that field.
        await page.Find("#targets-continue").ClickAsync(new());
        Assert.Contains("Choose one of the co-term dates offered.", page.WaitForElement("#error-summary").TextContent, StringComparison.Ordinal);
        Assert.Empty((await StoredAsync()).Content.Members);

        await select.InvokeAsync(() => select.Instance.SelectOption(allowed[^1]));
        await ContinueAsync(page, "targets-continue", "when");
        var choice = (await StoredAsync()).Content.Member(Data.Defender)!;
        Assert.Equal((EndDateChoice.CustomEndDate, allowed[^1]), (choice.End, choice.CustomEndDate));
    }

    [Fact]
    public async Task A_target_date_after_the_term_is_refused_on_its_field_as_picked_and_nothing_is_stored()
    {
        var page = await TargetsAsync();
        await ContinueAsync(page, "targets-continue", "when");
        await page.InvokeAsync(() => page.FindComponents<MudRadio<WhenChoice?>>().Single(r => r.Instance.GetState(x => x.Value) == WhenChoice.OnDate).Instance.SelectAsync());
        var late = DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.Find("#targetDate").ChangeAsync(new() { Value = late });

        page.WaitForAssertion(() => Assert.Contains("inside the current term", page.Find(".target-date .mud-input-error").TextContent, StringComparison.Ordinal));
        await page.Find("#when-continue").ClickAsync(new());
        Assert.Contains("Target date", page.WaitForElement("#error-summary").TextContent, StringComparison.Ordinal);
        Assert.Null((await StoredAsync()).Content.When);
    }

    private async Task<IRenderedComponent<Portal.Components.Pages.Migrate.WizardStep>> TargetsAsync()
    {
        var page = await OpenAsync();
        page.WaitForElement("#bundle-continue");
        await ContinueAsync(page, "bundle-continue", "eligibility");
        return await ContinueAsync(page, "eligibility-continue", "targets");
    }

    private static IRenderedComponent<MemberTarget> Member(IRenderedComponent<Portal.Components.Pages.Migrate.WizardStep> page, Guid id) =>
        page.FindComponents<MemberTarget>().Single(m => m.Instance.Form.Member.Id == id);
}
