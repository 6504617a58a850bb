using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

/// <summary>What browser journeys do on every page: sign in, and save a screenshot with an axe check.</summary>
public static class BrowserPages
{
    /// <summary>Signs in through the sign-in form and waits for the signed-in navigation.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in-user")).ToBeVisibleAsync();
        await WaitForPageAsync(page);
    }

    /// <summary>Waits until the page is ready for clicks: its circuit is up, or it is a static page (ADR-018).</summary>
    public static async Task WaitForPageAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("#portal-interactive, #portal-static").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Waits until the page's circuit is up (the layout renders <c>#portal-interactive</c> once interactive), before a test clicks.</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("#portal-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Goes to <paramref name="path"/> and waits for its circuit.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>Saves a full-page screenshot to <c>artifacts/screenshots/{name}.png</c> and fails on any serious or critical axe violation.</summary>
    /// <remarks>
    /// A page that reloads itself can be left out of axe's meta-refresh rule (<paramref name="refreshes"/>); the
    /// interactive pages update live and no longer do.
    /// </remarks>
    public static async Task CheckAsync(IPage page, string name, bool refreshes = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, $"{name}.png"), FullPage = true });
        var options = new AxeRunOptions();
        if (refreshes)
        {
            options.Rules = new Dictionary<string, RuleOptions> { ["meta-refresh"] = new() { Enabled = false } };
        }

        AxeResult result = await RunAxeAsync(page, options, refreshes);
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("\n", bad));
    }

    /// <summary>
    /// Runs axe; on a page that reloads itself, the reload can land between injecting axe and running it ("axe is not
    /// defined", "Execution context was destroyed"), so such a page is checked again once it has loaded anew.
    /// </summary>
    private static async Task<AxeResult> RunAxeAsync(IPage page, AxeRunOptions options, bool refreshes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await page.RunAxe(options);
            }
            catch (PlaywrightException e) when (refreshes && attempt < 3 && (e.Message.Contains("axe is not defined", StringComparison.Ordinal) || e.Message.Contains("context was destroyed", StringComparison.Ordinal)))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }
}
