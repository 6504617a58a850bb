using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages.Migrate;
using Portal.Migrations.Wizard;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Migrate;

/// <summary>
/// The wizard's review and submit, a save that another tab overtook, and drafts that are not the user's: the rules the
/// form posts checked, kept on the interactive page.
/// </summary>
public class WizardSubmitTests(PortalFactory factory) : WizardPageTest(factory)
{
    [Fact]
    public async Task The_review_shows_each_member_and_the_timeline_and_a_double_submit_creates_one_migration()
    {
        var page = await ReviewAsync();

        Assert.Equal(3, page.FindAll(".review-table").Count);
        Assert.Equal(4, page.FindAll("#timeline .timeline-item").Count); // start, window end, legacy end, one New Commerce term end (all keep theirs)
        Assert.Contains("35", page.FindAll(".review-table")[1].TextContent, StringComparison.Ordinal);
        var submit = page.Find("#submit");
        Assert.Equal("Migrate now", submit.TextContent.Trim());

        var first = submit.ClickAsync(new());
        var second = page.Find("#submit").ClickAsync(new());
        await Task.WhenAll(first, second);

        page.WaitForAssertion(() => Assert.Matches("/migrations/[0-9a-f-]{36}$", Navigation.Uri));
        Assert.Equal(1, await MigrationsAsync());
        var (draft, _) = await StoredAsync();
        Assert.EndsWith($"/migrations/{draft.MigrationId}", Navigation.Uri, StringComparison.Ordinal);

        // Back to a step of the submitted draft: it leads to the migration, never to a second one.
        Navigation.NavigateTo("/");
        RenderStep("review");
        Assert.EndsWith($"/migrations/{draft.MigrationId}", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(1, await MigrationsAsync());
    }

    [Fact]
    public async Task Two_submits_at_the_same_moment_from_two_circuits_create_one_migration()
    {
        await ReviewAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var wizard = scope.ServiceProvider.GetRequiredService<MigrationWizard>();
            var ws = (await wizard.LoadAsync(Data.Partner.TenantId, UserId, Data.CustomerId, DraftId, Ct))!;
            return await wizard.SubmitAsync(ws, ws.Draft.Version, "test", Ct);
        }));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { ClaimStatus.AlreadySubmitted, ClaimStatus.InProgress }));
        Assert.Single(results.Where(r => r.RedirectTo is not null).Select(r => r.RedirectTo).Distinct());
        Assert.Equal(1, await MigrationsAsync());
    }

    [Fact]
    public async Task A_step_saved_from_an_older_tab_is_a_conflict_that_keeps_both_sides()
    {
        var page = await OpenAsync();
        page.WaitForElement("#bundle-continue");
        await ContinueAsync(page, "bundle-continue", "eligibility");
        await ContinueAsync(page, "eligibility-continue", "targets");
        var seats = $"#{Field(WizardPlan.SeatsField, Data.Archiving)}";
        await page.Find(seats).InputAsync(new() { Value = "22" });

        // Another tab saves the same step first, from the same version this page read.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var drafts = scope.ServiceProvider.GetRequiredService<DraftStore>();
            var (draft, _) = await StoredAsync();
            var members = page.FindComponents<Portal.Components.Pages.Migrate.Wizard.MemberTarget>().Select(m => m.Instance.Form.Member);
            var choices = WizardPlan.DefaultChoices(members).Select(c => c.SubscriptionId == Data.Archiving ? c with { Quantity = 11 } : c).ToList();
            Assert.Equal(SaveStatus.Saved, (await drafts.SaveSectionAsync(Data.Partner.TenantId, UserId, DraftId, draft.Version, DraftSection.Targets, c => c with { Members = choices }, Ct)).Status);
        }

        await page.Find("#targets-continue").ClickAsync(new());

        var conflict = page.WaitForElement("#conflict");
        Assert.Contains("Changed in another tab", conflict.TextContent, StringComparison.Ordinal);
        Assert.Contains("Exchange Online Archiving: 1 year term, billed annual, 11 seats", page.Find("#conflict-saved").TextContent, StringComparison.Ordinal);
        Assert.Equal("22", page.Find(seats).GetAttribute("value")); // what this tab entered, still there
        Assert.Equal(11, (await StoredAsync()).Content.Member(Data.Archiving)!.Quantity);

        // Saving again is a deliberate choice, and keeps this tab's entries.
        await ContinueAsync(page, "targets-continue", "when");
        Assert.Equal(22, (await StoredAsync()).Content.Member(Data.Archiving)!.Quantity);
    }

    [Fact]
    public async Task Another_users_draft_and_a_deleted_draft_show_the_draft_gone_explanation_and_change_nothing()
    {
        var page = await OpenAsync();
        page.WaitForElement("#bundle-continue");
        var owner = User;

        // Another partner's admin (and a colleague of the same partner) at the owner's draft address.
        var stranger = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(stranger.TenantId, PortalRoles.AdminAgent);
        var foreign = RenderStep("bundle");
        Assert.Equal("This draft is no longer available", foreign.Find("h1").TextContent.Trim());
        Assert.Empty(foreign.FindAll("#bundle-continue"));
        SignInAs(Data.Partner.TenantId, PortalRoles.GlobalAdmin);
        Assert.NotNull(RenderStep("bundle").Find("#draft-gone"));
        Assert.Null((await StoredAsync()).Content.RequestedSubscriptionId);

        // The owner's draft, deleted by the retention clean-up while the page is open: the next save finds it gone.
        Services.GetRequiredService<CircuitUser>().User = owner;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DraftStore>().DiscardAsync(Data.Partner.TenantId, UserId, DraftId, Ct));
        }

        await page.Find("#bundle-continue").ClickAsync(new());

        var gone = page.WaitForElement("#draft-gone");
        Assert.Contains("nobody has changed for 14 days", gone.TextContent, StringComparison.Ordinal);
        Assert.Equal($"customers/{Data.CustomerId}", page.Find("#start-again").GetAttribute("href"));
    }

    private async Task<IRenderedComponent<WizardStep>> ReviewAsync()
    {
        var page = await OpenAsync();
        page.WaitForElement("#bundle-continue");
        await ContinueAsync(page, "bundle-continue", "eligibility");
        await ContinueAsync(page, "eligibility-continue", "targets");
        await page.Find($"#{Field(WizardPlan.SeatsField, Data.Archiving)}").InputAsync(new() { Value = "35" });
        await ContinueAsync(page, "targets-continue", "when");
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudRadio<WhenChoice?>>()[0].Instance.SelectAsync());
        return await ContinueAsync(page, "when-continue", "review");
    }
}
