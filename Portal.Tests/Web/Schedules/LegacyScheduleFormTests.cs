using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Domain.Schedules;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Pages;

namespace Portal.Tests.Web.Schedules;

/// <summary>The schedule forms of the legacy subscription page (on a date, on renewal) over HTTP.</summary>
public class LegacyScheduleFormTests(PortalFactory factory)
{
    private const string DateForm = "form[data-form=schedule-date]";
    private const string RenewalForm = "form[data-form=schedule-renewal]";

    private static string Page(WizardCustomer data) => $"/customers/{data.CustomerId}/subscriptions/{data.E3}";

    [Fact]
    public async Task A_valid_date_is_stored_and_the_schedule_page_shows_it()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var date = factory.Today().AddDays(10);

        var response = await client.SubmitFormAsync(Page(data), DateForm, new Dictionary<string, string> { ["TargetDate"] = date.Iso() });

        var schedule = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.Equal(date, schedule.Timing.TargetDate);
        Assert.Equal(3, schedule.Lines.Count); // the base with its two add-ons
        Assert.EndsWith($"schedules/{schedule.Id}?created=1", response.Location(), StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await client.FollowAsync(response));
        Assert.Equal("The migration is scheduled.", page.QuerySelector("#schedule-message")!.TextContent);
        Assert.StartsWith($"On {date.Iso()}", page.QuerySelector("#schedule-timing")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_renewal_is_stored_without_a_date_and_the_subscription_page_then_says_it_is_scheduled()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));

        var response = await client.SubmitFormAsync(Page(data), RenewalForm, new Dictionary<string, string>());

        var schedule = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.True(schedule.Timing.MigrateOnRenewal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(Page(data), UriKind.Relative)));
        Assert.StartsWith("Already scheduled", page.QuerySelector("#scheduled")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(DateForm)); // one open schedule per subscription: no second one is offered
    }

    [Theory]
    [InlineData(0)] // today, the field's min
    [InlineData(99)] // the day before the term's last day, the field's max
    public async Task The_first_and_last_allowed_dates_are_accepted(int daysFromToday)
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var date = factory.Today().AddDays(daysFromToday);

        var response = await client.SubmitFormAsync(Page(data), DateForm, new Dictionary<string, string> { ["TargetDate"] = date.Iso() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(date, Assert.Single(await factory.SchedulesOfAsync(data.E3)).Timing.TargetDate);
    }

    [Fact]
    public async Task The_terms_last_day_is_refused_with_the_reason_because_the_schedule_keeps_the_end_date()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        var response = await client.SubmitFormAsync(Page(data), DateForm, new Dictionary<string, string> { ["TargetDate"] = factory.TermEnd().Iso() });

        var errors = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("less than 24 hours after the migration", errors, StringComparison.Ordinal);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }

    [Theory]
    [InlineData(101, "Target date: The target date must be between today")]
    [InlineData(-1, "Target date: The target date must be between today")]
    [InlineData(null, "Target date: Enter the date the migration should run.")]
    public async Task A_date_outside_the_term_or_none_is_refused_naming_the_field_and_nothing_is_stored(int? daysFromToday, string expected)
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var value = daysFromToday is { } days ? factory.Today().AddDays(days).Iso() : "";

        var response = await client.SubmitFormAsync(Page(data), DateForm, new Dictionary<string, string> { ["TargetDate"] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(expected, page.QuerySelector("#form-errors li")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#target-date")!.GetAttribute("aria-invalid"));
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }

    [Fact]
    public async Task The_date_field_carries_the_bounds_the_server_applies()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(Page(data), UriKind.Relative)));
        var input = page.QuerySelector("#target-date")!;

        // From today (UTC, the partner's clock; ScheduleBook.TargetDateAllowed) to the day before the term's last day:
        // the schedule keeps the end date, and a migration starting in the term's last 24 hours must buy a full term.
        Assert.Equal((factory.Today().Iso(), factory.TermEnd().AddDays(-1).Iso()), (input.GetAttribute("min"), input.GetAttribute("max")));
        Assert.Equal("date", input.GetAttribute("type"));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("Target date (UTC)", page.QuerySelector("label[for=target-date]")!.TextContent);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_nothing_is_stored()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "schedule-renewal" });
        var response = await client.PostAsync(new Uri(Page(data), UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }

    [Fact]
    public async Task Another_partners_subscription_answers_like_a_missing_one_and_nothing_is_stored()
    {
        var theirs = await WizardData.CreateAsync(factory);
        var mine = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(mine.Partner.Email(PortalRoles.AdminAgent));

        var read = await client.GetAsync(new Uri(Page(theirs), UriKind.Relative));
        var post = await client.PostAsAsync(Page(theirs), "schedule-renewal", new Dictionary<string, string>(), tokenPage: Page(mine));
        var missing = await client.PostAsAsync($"/customers/{theirs.CustomerId}/subscriptions/{Guid.NewGuid()}", "schedule-renewal", new Dictionary<string, string>(), tokenPage: Page(mine));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(missing.StatusCode, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Page not found", await post.HeadingAsync());
        Assert.Equal("Page not found", await missing.HeadingAsync());
        Assert.Empty(await factory.SchedulesOfAsync(theirs.E3));
    }

    [Fact]
    public async Task A_helpdesk_agent_sees_no_schedule_forms_and_a_crafted_post_stores_nothing()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        var page = await client.GetStringAsync(new Uri(Page(data), UriKind.Relative));
        var posted = await client.PostAsAsync(Page(data), "schedule-renewal", new Dictionary<string, string>());

        Assert.DoesNotContain("data-form=\"schedule-", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }
}
