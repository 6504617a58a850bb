using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Web.Schedules;

/// <summary>
/// The legacy subscription page over HTTP: what its prerendered page answers. Scheduling (on a date, on renewal)
/// runs in the circuit now; Components/Subscriptions/LegacySubscriptionPageTests checks it.
/// </summary>
public class LegacyScheduleFormTests(PortalFactory factory)
{
    private static string Page(WizardCustomer data) => $"/customers/{data.CustomerId}/subscriptions/{data.E3}";

    [Fact]
    public async Task Another_partners_subscription_answers_like_a_missing_one()
    {
        var theirs = await WizardData.CreateAsync(factory);
        var mine = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(mine.Partner.Email(PortalRoles.AdminAgent));

        var read = await client.GetAsync(new Uri(Page(theirs), UriKind.Relative));
        var missing = await client.GetAsync(new Uri($"/customers/{theirs.CustomerId}/subscriptions/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Page not found", await read.HeadingAsync());
        Assert.Equal("Page not found", await missing.HeadingAsync());
        Assert.Empty(await factory.SchedulesOfAsync(theirs.E3));
    }

    [Fact]
    public async Task The_prerendered_page_offers_scheduling_to_an_admin_agent_and_not_to_a_helpdesk_agent()
    {
        var data = await WizardData.CreateAsync(factory);
        using var admin = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        using var helpdesk = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        using var adminPage = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri(Page(data), UriKind.Relative)));
        var helpdeskHtml = await helpdesk.GetStringAsync(new Uri(Page(data), UriKind.Relative));

        Assert.NotNull(adminPage.QuerySelector("#schedule-renewal"));
        Assert.NotNull(adminPage.QuerySelector("#schedule-date"));
        Assert.Null(adminPage.QuerySelector("input[name='_handler']"));
        Assert.DoesNotContain("id=\"schedule-", helpdeskHtml, StringComparison.Ordinal);
        Assert.Contains("Office 365 E3", helpdeskHtml, StringComparison.Ordinal);
    }
}
