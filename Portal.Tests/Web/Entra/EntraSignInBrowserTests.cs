using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Entra;

/// <summary>The whole round trip in Chromium: the portal, the fake authority over HTTPS, and back.</summary>
public class EntraSignInBrowserTests(EntraFixture entra, BrowserFixture browser)
{
    [Fact]
    public async Task A_partner_clicks_Sign_in_with_Microsoft_and_lands_signed_in_on_the_page_they_asked_for()
    {
        var partner = await entra.CreatePartnerAsync(customers: 2);
        var person = await entra.LinkAsync(partner, PortalRoles.SalesAgent);
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/customers");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in\\?ReturnUrl=%2Fcustomers"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "entra-sign-in.png") });
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Microsoft" }).ClickAsync();
        await SignInAtMicrosoftAsync(page, person);

        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(entra.Portal.ServerAddress.ToString())}customers$"));
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync($"{PortalRoles.SalesAgent} {partner.Name["Partner ".Length..]}");
        await Expect(page.Locator("#customers tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "entra-signed-in.png") });
    }

    [Fact]
    public async Task A_person_of_an_unregistered_organization_sees_why_and_is_not_signed_in()
    {
        var stranger = FakeEntraUser.Of(Guid.NewGuid());
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Microsoft" }).ClickAsync();
        await SignInAtMicrosoftAsync(page, stranger);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Your organization (Microsoft Entra tenant {stranger.TenantId}) is not registered with the portal.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "entra-refused.png") });
    }

    /// <summary>The fake authority's certificate is self-signed: this context, and only it, accepts it.</summary>
    private async Task<IBrowserContext> NewContextAsync() =>
        await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = entra.Portal.ServerAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
        });

    /// <summary>On the fake authority's login page, types who the person is and signs in.</summary>
    private async Task SignInAtMicrosoftAsync(IPage page, FakeEntraUser person)
    {
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(entra.Authority.Instance.ToString())}organizations/oauth2/v2\\.0/authorize\\?"));
        await page.GetByLabel("Tenant id").FillAsync(person.TenantId.ToString());
        await page.GetByLabel("Object id").FillAsync(person.ObjectId.ToString());
        await page.GetByLabel("Username").FillAsync(person.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
