using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Pages;

/// <summary>The time zone field offers exactly what the server accepts (refusals: <see cref="SettingsPageTests"/>).</summary>
public class SettingsConstraintTests(PortalFactory factory)
{
    [Fact]
    public async Task The_zone_list_is_required_and_offers_exactly_the_zones_the_server_accepts()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));
        var form = page.QuerySelector("form[data-form=time-zone]")!;
        var select = form.QuerySelector("select#time-zone")!;
        var offered = select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();

        Assert.Equal(("post", "account/time-zone"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("timeZoneId", select.GetAttribute("name"));
        Assert.True(select.HasAttribute("required"));
        Assert.Equal(UserTimeZone.Choices.Select(c => c.Id), offered);
        Assert.All(offered, id => Assert.True(UserTimeZone.IsOffered(id)));
        Assert.Contains("Europe/Paris", offered);
        Assert.DoesNotContain("Mars/Olympus_Mons", offered);
        Assert.Equal("Your time zone", page.QuerySelector("label[for=time-zone]")!.TextContent);
    }
}
