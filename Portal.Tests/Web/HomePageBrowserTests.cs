using Microsoft.Playwright;
using Portal.Demo;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

/// <summary>The home page in Chromium: the landing cards for everyone, and the MudBlazor dashboard in light and dark mode.</summary>
public class HomePageBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    private static readonly string[] Charts = ["eligibility-chart", "legacy-chart", "migration-chart", "renewals-chart"];

    [Fact]
    public async Task Home_page_renders_in_chromium_with_the_portal_theme_applied()
    {
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        var failedRequests = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failedRequests.Add($"{response.Status} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) => failedRequests.Add($"{request.Failure} {request.Url}");

        var response = await page.GotoAsync("/");
        await BrowserPages.WaitForCircuitAsync(page);

        Assert.Equal(200, response?.Status);
        await Expect(page).ToHaveTitleAsync("Partner Migration Portal");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Partner Migration Portal");

        // MudBlazor's CSS and the portal theme really applied: the app bar is fixed, in Partner Center's dark blue (#0f548c).
        var appBar = page.Locator("header.mud-appbar");
        await Expect(appBar).ToHaveCSSAsync("position", "fixed");
        await Expect(appBar).ToHaveCSSAsync("background-color", "rgb(15, 84, 140)");
        await Expect(page.Locator("#portal-drawer")).ToBeVisibleAsync();
        // MudGrid applied: at 1280 px the three landing cards sit side by side on one row.
        var cards = page.Locator("#landing .mud-card");
        await Expect(cards).ToHaveCountAsync(3);
        var first = await cards.Nth(0).BoundingBoxAsync();
        var last = await cards.Nth(2).BoundingBoxAsync();
        Assert.NotNull(first);
        Assert.NotNull(last);
        Assert.Equal(first.Y, last.Y, precision: 0);
        Assert.True(last.X > first.X + first.Width, "The cards should stand in one row.");
        await Expect(page.Locator("link[href*='bootstrap']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#dashboard")).ToHaveCountAsync(0);

        await BrowserPages.CheckAsync(page, "home");
        Assert.Empty(failedRequests);
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_with_their_numbers_as_text_in_light_and_dark_mode()
    {
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, "adminagent@contoso.example", DemoAccounts.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your partner dashboard" })).ToBeVisibleAsync();
        foreach (var chart in Charts)
        {
            // Each chart: drawn (or saying it has nothing yet), and its numbers in a table screen readers reach.
            await Expect(page.Locator($"#{chart} svg, #{chart}-empty").First).ToBeVisibleAsync();
            await Expect(page.Locator($"#{chart}-data caption")).ToHaveCountAsync(1);
        }

        await Expect(page.Locator("#eligibility-chart svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#legacy-chart-data tbody tr").First).ToBeAttachedAsync();
        await BrowserPages.CheckAsync(page, "dashboard-light");
        var lightBackground = await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await BrowserPages.WaitForCircuitAsync(page);
        await Expect(page.Locator("#eligibility-chart svg")).ToBeVisibleAsync();

        var darkBackground = await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual(lightBackground, darkBackground);
        await BrowserPages.CheckAsync(page, "dashboard-dark");
    }
}
