using Microsoft.Playwright;
using Portal.Components.Layout;
using Portal.Demo;
using Xunit.Sdk;

namespace Portal.Tests.Web;

/// <summary>
/// Issue 12: light and dark mode on every page. Each page a signed-in global admin opens, drawn in dark mode with the
/// demo data, passes axe (no serious or critical violation: contrast above all) and is saved as a screenshot.
/// </summary>
public class DarkModeBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    /// <summary>Every page of the drawer and the pages one click below them (a customer, a migration, a schedule).</summary>
    private static readonly string[] Pages =
    [
        "/", "/customers", "/migrate/bulk", "/history", "/exports", "/imports/migrations", "/imports/schedules", "/rules",
        "/schedules", "/schedules/calendar", "/publishing", "/publishing/learn", "/audit", "/notifications",
        "/admin/users", "/admin/api-keys", "/webhooks", "/settings",
    ];

    [Fact]
    public async Task Every_page_passes_axe_in_dark_mode()
    {
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        await context.AddCookiesAsync([new Cookie { Name = PortalTheme.CookieName, Value = "dark", Url = factory.ServerAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, "globaladmin@contoso.example", DemoAccounts.Password);

        var failures = new List<string>();
        foreach (var path in Pages.Concat(await FirstRowsAsync(page)))
        {
            await CheckDarkAsync(page, path, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The first customer, migration and schedule the lists link to, so that detail pages are checked too.</summary>
    private static async Task<List<string>> FirstRowsAsync(IPage page)
    {
        var found = new List<string>();
        foreach (var (list, link) in new[] { ("/customers", "#customers a[href^='customers/']"), ("/history", "#history a[href^='history/']"), ("/schedules", "#schedules a[href^='schedules/']") })
        {
            await BrowserPages.GotoInteractiveAsync(page, list);
            var first = page.Locator(link).First;
            await first.WaitForAsync();
            found.Add("/" + await first.GetAttributeAsync("href"));
        }

        return found;
    }

    private static async Task CheckDarkAsync(IPage page, string path, List<string> failures)
    {
        var response = await page.GotoAsync(path);
        await BrowserPages.WaitForPageAsync(page);
        if (response?.Status != 200)
        {
            failures.Add($"{path}: HTTP {response?.Status}");
            return;
        }

        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        if (background != "rgb(31, 31, 31)")
        {
            failures.Add($"{path}: not dark (body background {background})");
        }

        try
        {
            var name = "dark" + (path == "/" ? "-home" : System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-f-]{36}", "detail").Replace('/', '-'));
            await BrowserPages.CheckAsync(page, name);
        }
        catch (XunitException e)
        {
            failures.Add($"{path}: {e.Message}");
        }
    }
}
