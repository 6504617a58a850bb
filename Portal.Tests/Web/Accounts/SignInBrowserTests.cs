using Microsoft.Playwright;
using Portal.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Accounts;

public class SignInBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_partner_signs_in_sees_their_customers_and_signs_out()
    {
        var partner = await factory.CreatePartnerAsync(customers: 3);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/customers");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in\\?ReturnUrl=%2Fcustomers"));
        await page.GetByLabel("Email").FillAsync(partner.Email(PortalRoles.SalesAgent));
        await page.GetByLabel("Password").FillAsync(TestPartner.Password);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "sign-in.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync($"{PortalRoles.SalesAgent} {partner.Name["Partner ".Length..]}");
        await Expect(page.Locator("#customers tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "customers.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.Locator("main").GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await page.GotoAsync("/customers");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_next_to_the_form()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");

        await page.GetByLabel("Email").FillAsync(partner.Email(PortalRoles.AdminAgent));
        await page.GetByLabel("Password").FillAsync("Wrong-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(partner.Email(PortalRoles.AdminAgent));
    }
}
