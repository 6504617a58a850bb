using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Demo;
using Portal.Domain.Migrations;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Lists;

/// <summary>The interactive lists in Chromium on the demo data: filters kept in the address across a reload, with screenshots and axe.</summary>
public class ListsBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    private static ILocator StatusCells(IPage page) => page.Locator("#history tbody tr td:nth-child(4)");

    [Fact]
    public async Task An_admin_filters_the_history_by_status_and_the_filter_survives_a_reload()
    {
        var page = await SignedInAsync("adminagent@contoso.example");
        await BrowserPages.GotoInteractiveAsync(page, "/history");
        await Expect(page.Locator("#history tbody tr").First).ToBeVisibleAsync();
        await BrowserPages.CheckAsync(page, "history");

        await page.Locator("#history-filter .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^{nameof(MigrationStatus.Failed)}$") }).ClickAsync();
        await Expect(page.Locator("#history-filter .mud-select").First).ToContainTextAsync(nameof(MigrationStatus.Failed)); // the choice reached the circuit
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.Locator("#filter-button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("status=Failed"));
        await Expect(StatusCells(page).First).ToHaveTextAsync(nameof(MigrationStatus.Failed));
        await page.ReloadAsync();
        await BrowserPages.WaitForCircuitAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("status=Failed"));
        await Expect(page.Locator("#history-filter .mud-select").First).ToContainTextAsync(nameof(MigrationStatus.Failed));
        await Expect(StatusCells(page).First).ToHaveTextAsync(nameof(MigrationStatus.Failed));
        foreach (var status in await StatusCells(page).AllTextContentsAsync())
        {
            Assert.Equal(nameof(MigrationStatus.Failed), status.Trim());
        }

        await Expect(page.Locator("#history-csv")).ToHaveAttributeAsync("href", new Regex(@"^history/export\.csv\?.*status=Failed"));
        await BrowserPages.CheckAsync(page, "history-filtered");
    }

    [Fact]
    public async Task The_customers_list_and_a_customers_page_on_MudBlazor()
    {
        var page = await SignedInAsync("adminagent@contoso.example");
        await BrowserPages.GotoInteractiveAsync(page, "/customers?sort=MostLegacy");
        await Expect(page.Locator("#customers tbody tr").First).ToBeVisibleAsync();
        await BrowserPages.CheckAsync(page, "customers");

        var customer = await page.Locator("#customers tbody tr td:first-child a").First.GetAttributeAsync("href");
        await BrowserPages.GotoInteractiveAsync(page, "/" + customer);
        await Expect(page.Locator("#legacy-subscriptions, #no-legacy").First).ToBeVisibleAsync();
        await BrowserPages.CheckAsync(page, "customer-detail");
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, email, DemoAccounts.Password);
        return page;
    }
}
