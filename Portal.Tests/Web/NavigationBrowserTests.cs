using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

/// <summary>The navigation drawer, grouped by workspace, each link only for the roles that may open it; light and dark mode.</summary>
public class NavigationBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_global_admin_reaches_the_administration_pages_from_the_drawer_by_keyboard()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        var drawer = page.Locator("#portal-drawer");
        foreach (var group in new[] { "Customers", "Migrations", "Schedules", "Publisher migration", "Admin" })
        {
            await Expect(drawer.GetByText(group, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        foreach (var name in new[] { "CSV exports and imports", "Audit log", "API keys", "Webhooks", "Migration history", "Renewal calendar" })
        {
            await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }

        await BrowserPages.CheckAsync(page, "navigation-drawer");
        var users = drawer.GetByRole(AriaRole.Link, new() { Name = "Users" });
        await users.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/users$"));
    }

    [Fact]
    public async Task A_sales_agent_sees_no_administration_or_history_in_the_drawer()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var drawer = page.Locator("#portal-drawer");
        await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "CSV exports and imports" })).ToBeVisibleAsync();
        await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "Customers" })).ToBeVisibleAsync();
        foreach (var name in new[] { "Audit log", "Users", "API keys", "Webhooks", "Migration history" })
        {
            await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
        }

        await Expect(drawer.GetByText("Admin", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Dark_mode_is_chosen_from_the_app_bar_and_remembered_across_pages()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        var lightBackground = await BodyBackgroundAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.Equal("rgb(31, 31, 31)", await BodyBackgroundAsync(page));
        Assert.NotEqual(lightBackground, await BodyBackgroundAsync(page));
        await BrowserPages.CheckAsync(page, "home-dark");

        await BrowserPages.GotoInteractiveAsync(page, "/rules");
        Assert.Equal("rgb(31, 31, 31)", await BodyBackgroundAsync(page));
        await BrowserPages.CheckAsync(page, "rules-dark");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();
        Assert.Equal(lightBackground, await BodyBackgroundAsync(page));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rules$"));
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
