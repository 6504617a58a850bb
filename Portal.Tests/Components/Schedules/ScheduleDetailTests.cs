using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Accounts;
using Portal.Components.Pages.Schedules;
using Portal.Domain.Schedules;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Components.Schedules;

/// <summary>
/// The schedule page in its circuit: moving the date (bounds and messages naming the field, as the server applies them),
/// cancelling through a confirmation dialog, what a read-only role sees, and another partner's id.
/// </summary>
public class ScheduleDetailTests(PortalFactory factory) : PortalPageContext
{
    private async Task<(WizardCustomer Data, MigrationSchedule Schedule, IRenderedComponent<ScheduleDetail> Page)> OpenAsync(string role = PortalRoles.AdminAgent)
    {
        var (data, schedule) = await factory.WithSchedulesAsync();
        UseApp(factory.Services);
        SignInAs(data.Partner.TenantId, role);
        Render<MudPopoverProvider>();
        var page = Render<ScheduleDetail>(p => p.Add(x => x.ScheduleId, schedule.Id));
        page.WaitForAssertion(() => page.Find("#schedule-status"));
        return (data, schedule, page);
    }

    private static async Task MoveToAsync(IRenderedComponent<ScheduleDetail> page, DateOnly? date)
    {
        var picker = page.FindComponent<MudDatePicker>();
        await page.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(date?.ToDateTime(TimeOnly.MinValue)));
        page.Find("#move-schedule").Click();
    }

    [Fact]
    public async Task The_schedule_shows_its_properties_and_targets()
    {
        var (_, schedule, page) = await OpenAsync(PortalRoles.HelpdeskAgent);

        Assert.Equal(nameof(ScheduleStatus.Created), page.Find("#schedule-status").TextContent);
        Assert.StartsWith($"On {factory.Today().AddDays(10).Iso()}", page.Find("#schedule-timing").TextContent, StringComparison.Ordinal);
        Assert.Equal(schedule.Lines.Count, page.FindAll("#schedule-lines .mud-list-item").Count);
        Assert.Equal(3, schedule.Lines.Count); // the base with its two add-ons
    }

    [Fact]
    public async Task Moving_the_date_is_stored_and_shown()
    {
        var (data, _, page) = await OpenAsync();
        var date = factory.Today().AddDays(30);

        await MoveToAsync(page, date);

        page.WaitForAssertion(() => Assert.Equal($"The migration now runs on {date.Iso()}.", page.Find("#schedule-message").TextContent.Trim()));
        Assert.StartsWith($"On {date.Iso()}", page.Find("#schedule-timing").TextContent, StringComparison.Ordinal);
        Assert.Equal(date, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Timing.TargetDate);
    }

    [Theory]
    [InlineData(101, "Target date: The target date must be between today")]
    [InlineData(-1, "Target date: The target date must be between today")]
    [InlineData(null, "Target date: Enter the date the migration should run.")]
    public async Task A_date_outside_the_term_or_none_is_refused_naming_the_field_and_the_schedule_is_unchanged(int? daysFromToday, string expected)
    {
        var (data, schedule, page) = await OpenAsync();

        await MoveToAsync(page, daysFromToday is { } days ? factory.Today().AddDays(days) : null);

        page.WaitForAssertion(() => Assert.StartsWith(ScheduleOutcome.NotChanged, page.Find("#schedule-message").TextContent.Trim(), StringComparison.Ordinal));
        Assert.StartsWith(expected, page.Find("#schedule-message li").TextContent, StringComparison.Ordinal);
        Assert.StartsWith(expected, page.FindComponent<MudDatePicker>().Instance.GetState(x => x.ErrorText), StringComparison.Ordinal); // next to the field too
        var stored = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.Equal((schedule.Timing.TargetDate, schedule.LastModifiedAt), (stored.Timing.TargetDate, stored.LastModifiedAt));
    }

    [Fact]
    public async Task The_date_field_carries_the_bounds_the_server_applies()
    {
        var (_, _, page) = await OpenAsync();

        var picker = page.FindComponent<MudDatePicker>().Instance;

        Assert.Equal((factory.Today(), factory.TermEnd().AddDays(-1)), (DateOnly.FromDateTime(picker.GetState(x => x.MinDate)!.Value), DateOnly.FromDateTime(picker.GetState(x => x.MaxDate)!.Value)));
        Assert.True(picker.Required);
        Assert.Equal("New target date (UTC)", picker.Label);
    }

    [Fact]
    public async Task Cancelling_asks_first_then_is_stored_and_the_page_offers_no_more_changes()
    {
        var dialogs = Render<MudDialogProvider>();
        var (data, _, page) = await OpenAsync(PortalRoles.SalesAgent);

        page.Find("#cancel-schedule").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("will not run", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(ScheduleStatus.Created, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Status); // not one click
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel the schedule").Click();

        page.WaitForAssertion(() => Assert.Equal("The schedule is cancelled.", page.Find("#schedule-message").TextContent.Trim()));
        Assert.Equal(nameof(ScheduleStatus.Cancelled), page.Find("#schedule-status").TextContent);
        Assert.Empty(page.FindAll("#cancel-schedule"));
        Assert.Empty(page.FindAll("#move-schedule"));
        Assert.Equal(ScheduleStatus.Cancelled, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Status);
    }

    [Fact]
    public async Task Keeping_the_schedule_in_the_dialog_changes_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var (data, _, page) = await OpenAsync();

        page.Find("#cancel-schedule").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click());

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("will not run", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#schedule-message"));
        Assert.Equal(ScheduleStatus.Created, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Status);
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_the_schedule_without_actions()
    {
        var (data, _, page) = await OpenAsync(PortalRoles.HelpdeskAgent);

        Assert.Empty(page.FindAll("#cancel-schedule"));
        Assert.Empty(page.FindAll("#move-schedule"));
        Assert.Empty(page.FindComponents<MudDatePicker>());
        Assert.Equal(ScheduleStatus.Created, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Status);
    }

    [Fact]
    public async Task Another_partners_schedule_shows_the_not_found_words_like_a_missing_one()
    {
        var (_, theirs) = await factory.WithSchedulesAsync();
        var mine = await factory.CreatePartnerAsync(customers: 1);
        UseApp(factory.Services);
        SignInAs(mine.TenantId, PortalRoles.GlobalAdmin);

        var foreign = Render<ScheduleDetail>(p => p.Add(x => x.ScheduleId, theirs.Id));
        var missing = Render<ScheduleDetail>(p => p.Add(x => x.ScheduleId, Guid.NewGuid()));

        foreign.WaitForAssertion(() => Assert.Equal("Page not found", foreign.Find("h1").TextContent));
        missing.WaitForAssertion(() => Assert.Equal(missing.Markup, foreign.Markup));
    }
}
