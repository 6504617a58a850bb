using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Domain.Schedules;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Pages;

namespace Portal.Tests.Web.Schedules;

/// <summary>Schedule on renewal from the renewal calendar, over HTTP.</summary>
public class RenewalCalendarFormTests(PortalFactory factory)
{
    private const string Form = "form[data-form=schedule-renewal]";

    private string Calendar() => $"/schedules/calendar?month={factory.TermEnd().ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    private static string Pick(WizardCustomer data) => $"{data.CustomerId}:{data.E3}";

    [Fact]
    public async Task Picking_a_term_end_schedules_it_on_renewal_and_the_calendar_then_marks_it()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));
        var before = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(Calendar(), UriKind.Relative)));
        var entry = before.QuerySelector($"li.renewal[data-subscription='{data.E3}']")!;
        Assert.Equal(factory.TermEnd().Iso(), entry.Closest("td")!.GetAttribute("data-date"));
        Assert.Equal(Pick(data), entry.QuerySelector("button[name=Pick]")!.GetAttribute("value"));

        var response = await client.SubmitFormAsync(Calendar(), Form, new Dictionary<string, string> { ["Pick"] = Pick(data) });

        var schedule = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.True(schedule.Timing.MigrateOnRenewal);
        Assert.Equal(ScheduleStatus.Created, schedule.Status);
        Assert.EndsWith($"schedules/{schedule.Id}?created=1", response.Location(), StringComparison.Ordinal);
        var after = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(Calendar(), UriKind.Relative)));
        var marked = after.QuerySelector($"li.renewal[data-subscription='{data.E3}']")!;
        Assert.Equal("Scheduled", marked.QuerySelector(".badge")!.TextContent);
        Assert.Null(marked.QuerySelector("button"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-pick")]
    public async Task A_pick_that_names_no_subscription_is_refused_with_a_message_and_nothing_is_stored(string pick)
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));

        var response = await client.SubmitFormAsync(Calendar(), Form, new Dictionary<string, string> { ["Pick"] = pick });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Pick a subscription to schedule.", page.QuerySelector("#calendar-message")!.TextContent);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }

    [Fact]
    public async Task A_subscription_that_cannot_migrate_on_renewal_is_refused_with_the_reason()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));

        var response = await client.SubmitFormAsync(Calendar(), Form, new Dictionary<string, string> { ["Pick"] = $"{data.CustomerId}:{data.Trial}" });

        var message = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#calendar-message")!.TextContent;
        Assert.StartsWith("Not scheduled: ", message, StringComparison.Ordinal);
        Assert.Contains("trial", message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await factory.SchedulesOfAsync(data.Trial));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_nothing_is_stored()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "schedule-renewal", ["Pick"] = Pick(data) });
        var response = await client.PostAsync(new Uri(Calendar(), UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }

    [Fact]
    public async Task Another_partners_subscription_answers_404_exactly_like_a_missing_one_and_nothing_is_stored()
    {
        var theirs = await WizardData.CreateAsync(factory);
        var mine = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(mine.Partner.Email(PortalRoles.SalesAgent));

        var foreign = await client.SubmitFormAsync(Calendar(), Form, new Dictionary<string, string> { ["Pick"] = Pick(theirs) });
        var missing = await client.SubmitFormAsync(Calendar(), Form, new Dictionary<string, string> { ["Pick"] = $"{mine.CustomerId}:{Guid.NewGuid()}" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, missing.StatusCode));
        Assert.Equal(["Page not found", "Page not found"], [await foreign.HeadingAsync(), await missing.HeadingAsync()]);
        Assert.Empty(await factory.SchedulesOfAsync(theirs.E3));
    }

    [Fact]
    public async Task A_helpdesk_agent_cannot_open_the_calendar_nor_post_to_it()
    {
        var data = await WizardData.CreateAsync(factory);
        using var sales = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));
        using var helpdesk = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        var read = await helpdesk.GetAsync(new Uri(Calendar(), UriKind.Relative));
        var posted = await helpdesk.PostAsAsync(Calendar(), "schedule-renewal", new Dictionary<string, string> { ["Pick"] = Pick(data) });

        Assert.StartsWith("/account/access-denied", read.Location(), StringComparison.Ordinal);
        Assert.StartsWith("/account/access-denied", posted.Location(), StringComparison.Ordinal);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }
}
