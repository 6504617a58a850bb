using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Domain.Schedules;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Pages;

namespace Portal.Tests.Web.Schedules;

/// <summary>The schedule page's two forms over HTTP: move the target date, and cancel.</summary>
public class ScheduleDetailFormTests(PortalFactory factory)
{
    private const string UpdateForm = "form[data-form=update-schedule]";
    private const string CancelForm = "form[data-form=cancel-schedule]";

    private async Task<(WizardCustomer Data, MigrationSchedule Schedule, HttpClient Client)> ScheduledAsync(string role = PortalRoles.AdminAgent)
    {
        var data = await WizardData.CreateAsync(factory);
        var schedule = await factory.ScheduleAsync(data, ScheduleTiming.OnDate(factory.Today().AddDays(10)));
        schedule = Assert.Single(await factory.SchedulesOfAsync(data.E3)); // as stored (the database's timestamp precision)
        var client = await factory.SignedInAsync(data.Partner.Email(role));
        return (data, schedule, client);
    }

    private static string Page(MigrationSchedule schedule) => $"/schedules/{schedule.Id}";

    [Fact]
    public async Task Moving_the_date_is_stored_and_shown()
    {
        var (data, schedule, client) = await ScheduledAsync();
        using var _ = client;
        var date = factory.Today().AddDays(30);

        var response = await client.SubmitFormAsync(Page(schedule), UpdateForm, new Dictionary<string, string> { ["TargetDate"] = date.Iso() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal($"The migration now runs on {date.Iso()}.", page.QuerySelector("#schedule-message")!.TextContent.Trim());
        Assert.StartsWith($"On {date.Iso()}", page.QuerySelector("#schedule-timing")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(date, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Timing.TargetDate);
    }

    [Theory]
    [InlineData(101, "Target date: The target date must be between today")]
    [InlineData(-1, "Target date: The target date must be between today")]
    [InlineData(null, "Target date: Enter the date the migration should run.")]
    public async Task A_date_outside_the_term_or_none_is_refused_naming_the_field_and_the_schedule_is_unchanged(int? daysFromToday, string expected)
    {
        var (data, schedule, client) = await ScheduledAsync();
        using var _ = client;
        var value = daysFromToday is { } days ? factory.Today().AddDays(days).Iso() : "";

        var response = await client.SubmitFormAsync(Page(schedule), UpdateForm, new Dictionary<string, string> { ["TargetDate"] = value });

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("The schedule was not changed.", page.QuerySelector("#schedule-message")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith(expected, page.QuerySelector("#schedule-message li")!.TextContent, StringComparison.Ordinal);
        var stored = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.Equal(schedule.Timing.TargetDate, stored.Timing.TargetDate);
        Assert.Equal(schedule.LastModifiedAt, stored.LastModifiedAt);
    }

    [Fact]
    public async Task The_date_field_carries_the_bounds_the_server_applies()
    {
        var (_, schedule, client) = await ScheduledAsync();
        using var __ = client;

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(Page(schedule), UriKind.Relative)));
        var input = page.QuerySelector("#target-date")!;

        Assert.Equal((factory.Today().Iso(), factory.TermEnd().AddDays(-1).Iso()), (input.GetAttribute("min"), input.GetAttribute("max")));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("New target date (UTC)", page.QuerySelector("label[for=target-date]")!.TextContent);
    }

    [Fact]
    public async Task Cancelling_is_stored_and_the_page_offers_no_more_changes()
    {
        var (data, schedule, client) = await ScheduledAsync(PortalRoles.SalesAgent);
        using var _ = client;

        var response = await client.SubmitFormAsync(Page(schedule), CancelForm, new Dictionary<string, string>());

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("The schedule is cancelled.", page.QuerySelector("#schedule-message")!.TextContent.Trim());
        Assert.Equal(nameof(ScheduleStatus.Cancelled), page.QuerySelector("#schedule-status")!.TextContent);
        Assert.Null(page.QuerySelector(CancelForm));
        Assert.Null(page.QuerySelector(UpdateForm));
        Assert.Equal(ScheduleStatus.Cancelled, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Status);
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_rejected_and_nothing_changes()
    {
        var (data, schedule, client) = await ScheduledAsync();
        using var _ = client;

        using var update = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "update-schedule", ["TargetDate"] = factory.Today().AddDays(20).Iso() });
        using var cancel = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "cancel-schedule" });
        var updated = await client.PostAsync(new Uri(Page(schedule), UriKind.Relative), update);
        var cancelled = await client.PostAsync(new Uri(Page(schedule), UriKind.Relative), cancel);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (updated.StatusCode, cancelled.StatusCode));
        var stored = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.Equal((ScheduleStatus.Created, schedule.Timing.TargetDate), (stored.Status, stored.Timing.TargetDate));
    }

    [Fact]
    public async Task Another_partners_schedule_answers_404_to_reads_and_posts_and_nothing_changes()
    {
        var (theirData, theirs, theirClient) = await ScheduledAsync();
        theirClient.Dispose();
        var (_, mine, client) = await ScheduledAsync();
        using var _ = client;

        var read = await client.GetAsync(new Uri(Page(theirs), UriKind.Relative));
        var cancel = await client.PostAsAsync(Page(theirs), "cancel-schedule", new Dictionary<string, string>(), tokenPage: Page(mine));
        var update = await client.PostAsAsync(Page(theirs), "update-schedule", new Dictionary<string, string> { ["TargetDate"] = factory.Today().AddDays(20).Iso() }, tokenPage: Page(mine));
        var missing = await client.PostAsAsync($"/schedules/{Guid.NewGuid()}", "cancel-schedule", new Dictionary<string, string>(), tokenPage: Page(mine));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (cancel.StatusCode, update.StatusCode, missing.StatusCode));
        Assert.Equal(["Page not found", "Page not found", "Page not found"], [await cancel.HeadingAsync(), await update.HeadingAsync(), await missing.HeadingAsync()]);
        var stored = Assert.Single(await factory.SchedulesOfAsync(theirData.E3));
        Assert.Equal((ScheduleStatus.Created, theirs.Timing.TargetDate), (stored.Status, stored.Timing.TargetDate));
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_the_schedule_without_forms_and_a_crafted_post_changes_nothing()
    {
        var (data, schedule, client) = await ScheduledAsync(PortalRoles.HelpdeskAgent);
        using var _ = client;

        var page = await client.GetStringAsync(new Uri(Page(schedule), UriKind.Relative));
        var posted = await client.PostAsAsync(Page(schedule), "cancel-schedule", new Dictionary<string, string>());

        Assert.Contains("id=\"schedule-status\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-form=\"cancel-schedule\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-form=\"update-schedule\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode); // the page renders no such form for this role
        Assert.Equal(ScheduleStatus.Created, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Status);
    }
}
