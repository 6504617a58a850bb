using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using Portal.Domain.Eligibility;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

public class RulesPageTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task Rules_page_lists_every_eligibility_reason_with_its_code_and_guidance()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/rules", UriKind.Relative), TestContext.Current.CancellationToken);

        using var document = new HtmlParser().ParseDocument(html);
        var rows = document.QuerySelectorAll("#eligibility-reasons tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(EligibilityReasons.All.Count, rows.Count);
        foreach (var (reason, cells) in EligibilityReasons.All.Zip(rows))
        {
            Assert.Equal(reason.Code?.ToString(CultureInfo.InvariantCulture) ?? "–", cells[0]);
            Assert.Contains(reason.Description, cells[1], StringComparison.Ordinal);
            Assert.Equal(reason.Guidance, cells[2]);
        }

        var codes = rows.Select(r => r[0]).Where(c => c != "–").Select(c => int.Parse(c, CultureInfo.InvariantCulture)).Distinct().Order();
        Assert.Equal(Enumerable.Range(0, 13), codes);
    }

    [Fact]
    public async Task Rules_page_is_reached_from_the_navigation_and_names_the_term_billing_pairs()
    {
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.GotoInteractiveAsync(page, "/"); // a click before the circuit is up can be lost (ADR-018)

        await page.GetByRole(AriaRole.Link, new() { Name = "Migration rules" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rules$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migration rules");
        await Expect(page.Locator("#term-billing-pairs li")).ToHaveTextAsync(
        [
            "1 month (P1M): billed monthly",
            "1 year (P1Y): billed monthly, annual",
            "3 years (P3Y): billed monthly, annual, triennial",
        ]);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(RepoPaths.ScreenshotsDirectory, "rules.png"),
            FullPage = true,
        });
    }
}
