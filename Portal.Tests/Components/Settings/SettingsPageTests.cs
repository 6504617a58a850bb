using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages.Settings;

namespace Portal.Tests.Components.Settings;

/// <summary>
/// The settings page in its circuit: the user's zone selected among exactly the zones the server accepts, a plain form
/// to <c>/account/time-zone</c>, and the outcome the endpoint redirects back with (the endpoint itself:
/// <c>Portal.Tests.Web.Pages.SettingsPageTests</c>).
/// </summary>
public class SettingsPageTests : PortalPageContext
{
    private IRenderedComponent<SettingsPage> Open(string query = "", string zone = "UTC")
    {
        SignInAs(Guid.NewGuid(), PortalRoles.HelpdeskAgent, timeZoneId: zone);
        Services.GetRequiredService<NavigationManager>().NavigateTo("settings" + query);
        return Render<SettingsPage>();
    }

    [Fact]
    public void The_users_zone_is_selected_among_exactly_the_offered_zones_and_times_show_in_it()
    {
        var page = Open(zone: "Asia/Tokyo");

        var select = page.Find("form[data-form=time-zone] select#time-zone");
        Assert.Equal(UserTimeZone.Choices.Select(c => c.Id), select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("Asia/Tokyo", select.QuerySelector("option[selected]")?.GetAttribute("value"));
        Assert.True(select.HasAttribute("required"));
        Assert.Equal("timeZoneId", select.GetAttribute("name"));
        Assert.EndsWith("UTC+9", page.Find(".time-local").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#settings-message"));
    }

    [Fact]
    public void The_form_posts_to_the_time_zone_endpoint_with_a_submit_button()
    {
        var page = Open();

        var form = page.Find("form[data-form=time-zone]");
        Assert.Equal(("post", "account/time-zone"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("submit", page.Find("#save-time-zone").GetAttribute("type"));
        Assert.Equal("Your time zone", page.Find("label[for=time-zone]").TextContent);
    }

    [Fact]
    public void After_a_save_the_page_says_which_zone_times_are_shown_in()
    {
        var page = Open("?saved=1", "Europe/Paris");

        var message = page.Find("#settings-message");
        Assert.Equal("Times are now shown in Europe/Paris.", message.TextContent.Trim());
        Assert.Equal("status", message.GetAttribute("role"));
    }

    [Theory]
    [InlineData("UnknownTimeZone", "Time zone: pick one of the zones in the list.")]
    [InlineData("NotSaved", "Time zone: it was not saved; please try again.")]
    [InlineData("<b>Your account is closed</b>", "Time zone: it was not saved; please try again.")]
    public void A_refusal_is_shown_naming_the_field_and_only_in_the_pages_own_words(string code, string expected)
    {
        var page = Open("?error=" + Uri.EscapeDataString(code));

        var message = page.Find("#settings-message");
        Assert.Equal(expected, message.TextContent.Trim());
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Equal("true", page.Find("#time-zone").GetAttribute("aria-invalid"));
        Assert.Equal("UTC", page.Find("#time-zone option[selected]").GetAttribute("value"));
    }
}
