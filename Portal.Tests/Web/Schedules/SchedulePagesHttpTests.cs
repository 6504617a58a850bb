using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Domain.Schedules;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Web.Schedules;

/// <summary>
/// The schedule pages as prerendered over HTTP (their actions run in the circuit, see Components/Schedules): what each
/// role may open, another partner's schedule answering 404 like a missing one, and the calendar's first byte.
/// </summary>
public class SchedulePagesHttpTests(PortalFactory factory)
{
    private string Calendar() => $"/schedules/calendar?month={factory.TermEnd().ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task The_calendar_is_prerendered_with_each_term_end_on_its_day()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(Calendar(), UriKind.Relative)));

        var entry = page.QuerySelector($"li.renewal[data-subscription='{data.E3}']")!;
        Assert.Equal(factory.TermEnd().Iso(), entry.Closest("td")!.GetAttribute("data-date"));
        Assert.Null(page.QuerySelector("form[method=post][data-form]")); // no form posts left: the circuit schedules
    }

    [Fact]
    public async Task A_helpdesk_agent_cannot_open_the_calendar()
    {
        var data = await WizardData.CreateAsync(factory);
        using var helpdesk = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        var read = await helpdesk.GetAsync(new Uri(Calendar(), UriKind.Relative));

        Assert.StartsWith("/account/access-denied", read.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_schedule_answers_404_exactly_like_a_missing_one()
    {
        var theirs = await WizardData.CreateAsync(factory);
        var schedule = await factory.ScheduleAsync(theirs, ScheduleTiming.OnDate(factory.Today().AddDays(10)));
        var mine = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(mine.Partner.Email(PortalRoles.GlobalAdmin));

        var foreign = await client.GetAsync(new Uri($"/schedules/{schedule.Id}", UriKind.Relative));
        var missing = await client.GetAsync(new Uri($"/schedules/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, missing.StatusCode));
        Assert.Equal(["Page not found", "Page not found"], [await foreign.HeadingAsync(), await missing.HeadingAsync()]);
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_a_schedule_and_the_list_without_actions()
    {
        var data = await WizardData.CreateAsync(factory);
        var schedule = await factory.ScheduleAsync(data, ScheduleTiming.OnDate(factory.Today().AddDays(10)));
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri($"/schedules/{schedule.Id}", UriKind.Relative)));
        var list = await client.GetAsync(new Uri("/schedules?status=Created", UriKind.Relative));

        Assert.Equal(nameof(ScheduleStatus.Created), page.QuerySelector("#schedule-status")!.TextContent);
        Assert.Null(page.QuerySelector("#cancel-schedule"));
        Assert.Null(page.QuerySelector("#move-schedule"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
