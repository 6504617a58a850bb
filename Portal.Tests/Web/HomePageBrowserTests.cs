using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

public class HomePageBrowserTests(PortalFactory factory, BrowserFixture browser)
{
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

        Assert.Equal(200, response?.Status);
        await Expect(page).ToHaveTitleAsync("Partner Migration Portal");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Partner Migration Portal");

        // MudBlazor's CSS and the portal theme really applied: the app bar is fixed, in Partner Center's dark blue (#0f548c).
        var appBar = page.Locator("header.mud-appbar");
        await Expect(appBar).ToHaveCSSAsync("position", "fixed");
        await Expect(appBar).ToHaveCSSAsync("background-color", "rgb(15, 84, 140)");
        await Expect(page.Locator("#portal-drawer")).ToBeVisibleAsync();
        // Bootstrap's grid applied too: at 1280 px the three cards sit side by side on one row.
        var cards = page.Locator(".card");
        await Expect(cards).ToHaveCountAsync(3);
        var first = await cards.Nth(0).BoundingBoxAsync();
        var last = await cards.Nth(2).BoundingBoxAsync();
        Assert.NotNull(first);
        Assert.NotNull(last);
        Assert.Equal(first.Y, last.Y, precision: 0);
        Assert.True(last.X > first.X + first.Width, "The cards should stand in one row.");

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "home.png"),
            FullPage = true,
        });
        Assert.Empty(failedRequests);
    }
}
