using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Pages;

/// <summary>The time zone field offers exactly what the server accepts, and an empty choice is refused naming the field.</summary>
public class SettingsConstraintTests(PortalFactory factory)
{
    [Fact]
    public async Task The_zone_list_is_required_and_offers_exactly_the_zones_the_server_accepts()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));
        var select = page.QuerySelector("select#time-zone")!;
        var offered = select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();

        Assert.True(select.HasAttribute("required"));
        Assert.Equal(UserTimeZone.Choices.Select(c => c.Id), offered);
        Assert.All(offered, id => Assert.True(UserTimeZone.IsOffered(id)));
        Assert.Contains("Europe/Paris", offered);
        Assert.DoesNotContain("Mars/Olympus_Mons", offered);
        Assert.Equal("Your time zone", page.QuerySelector("label[for=time-zone]")!.TextContent);
    }

    [Fact]
    public async Task An_empty_choice_is_refused_naming_the_field_and_nothing_changes()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var refused = await client.SubmitFormAsync("/settings", "form[data-form=time-zone]", new Dictionary<string, string> { ["Input.TimeZoneId"] = "" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Time zone: pick one of the zones in the list.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));
        Assert.Equal("UTC", page.QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
    }
}
