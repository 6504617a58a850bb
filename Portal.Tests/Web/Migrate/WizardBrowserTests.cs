using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Migrate;

/// <summary>A portal of its own (fresh demo data), so migrating demo subscriptions does not change what other tests see.</summary>
public sealed class IsolatedPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public ValueTask InitializeAsync() => Factory.InitializeAsync();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The journeys in headless Chromium: an admin agent migrates Fabrikam's Office 365 E3 with its two add-ons through
/// every step and lands on the migration's status page. Every wizard page
/// is screenshotted and checked with axe (no serious or critical violation).
/// </summary>
public class WizardBrowserTests(IsolatedPortal portal, BrowserFixture browser) : IClassFixture<IsolatedPortal>
{
    private const string Password = "Demo-Password-2026";

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task An_admin_agent_migrates_a_base_with_its_add_ons_through_every_step()
    {
        var (customerId, e3Id) = await FabrikamE3Async();
        await using var context = await browser.NewContextAsync(Factory.ServerAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "adminagent@contoso.example");

        await page.GotoAsync($"/customers/{customerId}/migrate?subscription={e3Id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migrate Office 365 E3");
        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("1. Bundle");
        await Expect(page.Locator("#bundle-form li")).ToHaveCountAsync(3); // the base and its two add-ons
        await CheckAsync(page, "wizard-1-bundle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("2. Eligibility");
        await Expect(page.Locator("#member-verdicts tbody tr")).ToHaveCountAsync(3);
        await CheckAsync(page, "wizard-2-eligibility");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to targets" }).ClickAsync();

        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("3. Targets");
        var seats = page.GetByLabel("Seats").First;
        Assert.Equal("1", await seats.GetAttributeAsync("min"));
        Assert.Equal("1", await seats.GetAttributeAsync("step"));
        await seats.FillAsync("0");
        // The browser's own constraint check (from the same rule as the server's) stops the post.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        Assert.False(await seats.EvaluateAsync<bool>("e => e.checkValidity()"));
        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("3. Targets");
        await seats.FillAsync("240");
        await page.Locator("fieldset[data-member]").Nth(1).GetByLabel("Start a new full term from the migration date").CheckAsync();
        await CheckAsync(page, "wizard-3-targets");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("4. When");
        await page.GetByLabel("Now").CheckAsync();
        await CheckAsync(page, "wizard-4-when");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to review" }).ClickAsync();

        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("5. Review");
        await Expect(page.Locator("table.review-table")).ToHaveCountAsync(3);
        await Expect(page.Locator("#timeline li")).ToHaveCountAsync(5); // start, window end, legacy end, two NCE term ends
        await Expect(page.Locator("table.review-table").First).ToContainTextAsync("240");
        await CheckAsync(page, "wizard-5-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Migrate now" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/migrations/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migration of Office 365 E3");
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#events [data-event=MigrationStarted]")).ToHaveCountAsync(3); // one per member
        await CheckAsync(page, "wizard-6-status", refreshes: true);

        // The back button lands on the submitted draft, which leads to the same migration.
        var status = page.Url;
        await page.GoBackAsync();
        await page.ReloadAsync();
        Assert.Equal(status, page.Url);
    }

    private static Task SignInAsync(IPage page, string email) => BrowserPages.SignInAsync(page, email, Password);

    private static Task CheckAsync(IPage page, string name, bool refreshes = false) => BrowserPages.CheckAsync(page, name, refreshes);

    private async Task<(Guid Customer, Guid E3)> FabrikamE3Async()
    {
        var customerId = await CustomerIdAsync("Fabrikam, Inc.");
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var e3 = await db.LegacySubscriptions.SingleAsync(s => s.CustomerId == customerId && s.FriendlyName == "Office 365 E3" && s.ParentSubscriptionId == null && s.Status == LegacySubscriptionStatus.Active);
        return (customerId, e3.Id);
    }

    private async Task<Guid> CustomerIdAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Customers.Where(c => c.Name == name).Select(c => c.TenantId).SingleAsync();
    }
}
