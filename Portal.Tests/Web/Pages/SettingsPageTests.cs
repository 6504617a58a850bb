using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Pages;

/// <summary>
/// The settings page's time zone form, a plain form post to <c>/account/time-zone</c> (the zone is a claim of the
/// sign-in cookie, which a circuit cannot refresh): stored and shown at once, refused naming the field, never without
/// the antiforgery token.
/// </summary>
public class SettingsPageTests(PortalFactory factory)
{
    private const string Form = "form[data-form=time-zone]";

    private static Dictionary<string, string> Zone(string id) => new() { ["timeZoneId"] = id };

    private async Task<string?> StoredZoneAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))?.TimeZoneId;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> SettingsAsync(HttpClient client) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/settings", UriKind.Relative)));

    [Fact]
    public async Task A_user_picks_a_time_zone_it_is_stored_and_the_refreshed_cookie_shows_times_in_it()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var email = partner.Email(PortalRoles.HelpdeskAgent);
        using var client = factory.Browserless();
        await client.SignInAsync(email, TestPartner.Password);

        var saved = await client.SubmitFormAsync("/settings", Form, Zone("Asia/Tokyo"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/settings?saved=1", saved.Headers.Location?.OriginalString);
        Assert.Contains(saved.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        Assert.Contains("Times are now shown in Asia/Tokyo.", await client.FollowAsync(saved), StringComparison.Ordinal);
        Assert.Equal("Asia/Tokyo", await StoredZoneAsync(email));
        var page = await SettingsAsync(client);
        Assert.Equal("Asia/Tokyo", page.QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
        Assert.EndsWith("UTC+9", page.QuerySelector(".time-local")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public async Task An_unknown_or_empty_zone_is_refused_naming_the_field_and_nothing_changes(string zone)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var email = partner.Email(PortalRoles.SalesAgent);
        using var client = factory.Browserless();
        await client.SignInAsync(email, TestPartner.Password);

        var refused = await client.SubmitFormAsync("/settings", Form, Zone(zone));

        Assert.Equal("/settings?error=UnknownTimeZone", refused.Headers.Location?.OriginalString);
        var shown = new HtmlParser().ParseDocument(await client.FollowAsync(refused));
        Assert.Equal("Time zone: pick one of the zones in the list.", shown.QuerySelector("#settings-message")?.TextContent.Trim());
        Assert.Equal("alert", shown.QuerySelector("#settings-message")?.GetAttribute("role"));
        Assert.Equal("true", shown.QuerySelector("#time-zone")?.GetAttribute("aria-invalid"));
        Assert.Equal("UTC", await StoredZoneAsync(email));
        Assert.Equal("UTC", (await SettingsAsync(client)).QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_nothing_changes()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var email = partner.Email(PortalRoles.SalesAgent);
        using var client = factory.Browserless();
        await client.SignInAsync(email, TestPartner.Password);

        using var content = new FormUrlEncodedContent(Zone("Asia/Tokyo"));
        var response = await client.PostAsync(new Uri("/account/time-zone", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UTC", await StoredZoneAsync(email));
        Assert.Equal("UTC", (await SettingsAsync(client)).QuerySelector("#time-zone option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_link_cannot_put_words_on_the_page_and_a_signed_out_post_goes_to_sign_in()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);
        using var signedOut = factory.Browserless();

        var crafted = await client.GetStringAsync(new Uri("/settings?error=Your+account+is+closed", UriKind.Relative));
        using var content = new FormUrlEncodedContent(Zone("Asia/Tokyo"));
        var anonymous = await signedOut.PostAsync(new Uri("/account/time-zone", UriKind.Relative), content);

        Assert.DoesNotContain("Your account is closed", crafted, StringComparison.Ordinal);
        Assert.Contains("Time zone: it was not saved; please try again.", crafted, StringComparison.Ordinal);
        Assert.True(
            anonymous.StatusCode == HttpStatusCode.BadRequest
            || (anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal)),
            $"a signed-out post answered {(int)anonymous.StatusCode} {anonymous.Headers.Location}");
    }
}
