using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Pages;

public class SettingsPageTests(PortalFactory factory)
{
    [Fact]
    public async Task A_user_picks_a_time_zone_and_the_next_page_shows_times_in_it()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);

        var saved = await client.SubmitFormAsync("/settings", "form[data-form=time-zone]", new Dictionary<string, string> { ["Input.TimeZoneId"] = "Asia/Tokyo" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Times are now shown in Asia/Tokyo.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));
        Assert.Equal("Asia/Tokyo", page.QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
        Assert.EndsWith("UTC+9", page.QuerySelector(".time-local")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_zone_is_refused_naming_the_field_and_nothing_changes()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var refused = await client.SubmitFormAsync("/settings", "form[data-form=time-zone]", new Dictionary<string, string> { ["Input.TimeZoneId"] = "Mars/Olympus_Mons" });

        Assert.Contains("Time zone: pick one of the zones in the list.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));
        Assert.Equal("UTC", page.QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "time-zone", ["Input.TimeZoneId"] = "Asia/Tokyo" });
        var response = await client.PostAsync(new Uri("/settings", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));
        Assert.Equal("UTC", page.QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
    }
}
