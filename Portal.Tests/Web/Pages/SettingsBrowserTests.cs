using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Pages;

/// <summary>The settings page in a browser: the time zone is picked and saved with a plain form post, and times show in it at once.</summary>
public class SettingsBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_user_saves_a_time_zone_and_the_page_shows_times_in_it()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/settings");
        await Expect(page.GetByLabel("Your time zone")).ToHaveValueAsync("UTC");
        await page.GetByLabel("Your time zone").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();

        await Expect(page.Locator("#settings-message")).ToHaveTextAsync("Times are now shown in Asia/Tokyo.");
        await Expect(page.GetByLabel("Your time zone")).ToHaveValueAsync("Asia/Tokyo");
        await Expect(page.Locator(".time-local").First).ToContainTextAsync("UTC+9");
        await BrowserPages.WaitForCircuitAsync(page);
        await BrowserPages.CheckAsync(page, "settings");
        await context.CloseAsync();
    }
}
