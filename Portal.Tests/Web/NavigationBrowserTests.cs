using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

/// <summary>The navigation: the frequent pages in the bar, the rest under "More", each only for the roles that may open it.</summary>
public class NavigationBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_global_admin_opens_More_with_the_keyboard_and_reaches_the_administration_pages()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        var users = page.GetByRole(AriaRole.Link, new() { Name = "Users" });
        await Expect(users).ToBeHiddenAsync();

        await page.Locator("#nav-more summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(users).ToBeVisibleAsync();
        foreach (var name in new[] { "CSV exports and imports", "Audit log", "API keys", "Webhooks" })
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }

        await BrowserPages.CheckAsync(page, "navigation-more-open");
        await users.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/users$"));
    }

    [Fact]
    public async Task A_sales_agents_More_holds_only_the_csv_page()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        await page.Locator("#nav-more summary").ClickAsync();

        await Expect(page.Locator("#nav-more a")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV exports and imports" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
    }
}
