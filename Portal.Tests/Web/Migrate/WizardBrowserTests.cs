using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
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
/// The journeys in headless Chromium on the interactive wizard: an admin agent migrates Fabrikam's Office 365 E3 with
/// its two add-ons through every step of the stepper (waiting for the circuit before acting), sees a bad seat count
/// refused as typed, loses its connection and gets it back on the same step, reloads the page in the middle and finds everything saved still there, and lands on the
/// migration's status page. Every step is screenshotted and checked with axe (no serious or critical violation).
/// </summary>
public class WizardBrowserTests(IsolatedPortal portal, BrowserFixture browser) : IClassFixture<IsolatedPortal>
{
    private const string Password = "Demo-Password-2026";

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task An_admin_agent_migrates_a_base_with_its_add_ons_through_every_step_and_a_reload_loses_nothing()
    {
        var (customerId, e3Id) = await FabrikamE3Async();
        await using var context = await browser.NewContextAsync(Factory.ServerAddress);
        var page = await context.NewPageAsync();
        var connection = await CircuitConnection.RouteAsync(page);
        await SignInAsync(page, "adminagent@contoso.example");

        await BrowserPages.GotoInteractiveAsync(page, $"/customers/{customerId}/migrate?subscription={e3Id}");
        await Expect(page).ToHaveURLAsync(new Regex("/migrate/[0-9a-f-]{36}/bundle$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migrate Office 365 E3");
        await Expect(SelectedStep(page)).ToHaveTextAsync("Bundle");
        await Expect(page.Locator(".bundle-members li")).ToHaveCountAsync(3); // the base and its two add-ons
        await CheckAsync(page, "wizard-1-bundle");
        await page.Locator("#bundle-continue").ClickAsync();

        await Expect(SelectedStep(page)).ToHaveTextAsync("Eligibility");
        await Expect(page).ToHaveURLAsync(new Regex("/eligibility$"));
        await Expect(page.Locator("#member-verdicts tbody tr")).ToHaveCountAsync(3);
        await CheckAsync(page, "wizard-2-eligibility");
        await page.Locator("#eligibility-continue").ClickAsync();

        await Expect(SelectedStep(page)).ToHaveTextAsync("Targets");
        var baseTarget = page.Locator(".member-target").First;
        var seats = baseTarget.GetByLabel("Seats");
        await seats.FillAsync("0");
        // Checked as typed, by the same rule the server applies on every save.
        await Expect(baseTarget.Locator(".mud-input-helper-text.mud-input-error")).ToHaveTextAsync("At least 1 seat must migrate.");
        await CheckAsync(page, "wizard-3-targets-invalid");
        await seats.FillAsync("240");
        await Expect(baseTarget.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await page.Locator(".member-target").Nth(1).GetByText("Start a new full term from the migration date").ClickAsync();
        await CheckAsync(page, "wizard-3-targets");

        // The connection drops in the middle of the step: the reconnect dialog, then the same step with what was entered.
        await connection.CutAsync();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        connection.Restore();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(".member-target").First.GetByLabel("Seats")).ToHaveValueAsync("240");
        await Expect(page.Locator(".member-target").Nth(1).GetByRole(AriaRole.Radio, new() { Name = "Start a new full term from the migration date" })).ToBeCheckedAsync();
        await page.Locator("#targets-continue").ClickAsync();

        await Expect(SelectedStep(page)).ToHaveTextAsync("When");
        await page.GetByText("Now", new() { Exact = true }).ClickAsync();
        await CheckAsync(page, "wizard-4-when");

        // A reload in the middle of the wizard (a lost circuit, a closed tab) finds every saved step as it was.
        await page.ReloadAsync();
        await BrowserPages.WaitForCircuitAsync(page);
        await Expect(SelectedStep(page)).ToHaveTextAsync("When");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Targets" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/targets$"));
        await Expect(page.Locator(".member-target").First.GetByLabel("Seats")).ToHaveValueAsync("240");
        await Expect(page.Locator(".member-target").Nth(1).GetByRole(AriaRole.Radio, new() { Name = "Start a new full term from the migration date" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "When" }).ClickAsync();
        await Expect(SelectedStep(page)).ToHaveTextAsync("When");
        await page.GetByText("Now", new() { Exact = true }).ClickAsync();
        await page.Locator("#when-continue").ClickAsync();

        await Expect(SelectedStep(page)).ToHaveTextAsync("Review");
        await Expect(page.Locator(".review-table")).ToHaveCountAsync(3);
        await Expect(page.Locator("#timeline .timeline-item")).ToHaveCountAsync(5); // start, window end, legacy end, two NCE term ends
        await Expect(page.Locator(".review-table").First).ToContainTextAsync("240");
        await CheckAsync(page, "wizard-5-review");
        await page.Locator("#submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/migrations/[0-9a-f-]{36}$"));
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migration of Office 365 E3", new() { Timeout = 20_000 });
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(3);

        // The back button lands on the submitted draft, which leads to the same migration.
        var status = page.Url;
        await page.GoBackAsync();
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(status);
    }

    private static ILocator SelectedStep(IPage page) => page.Locator("[role=tab][aria-selected=true] .mud-step-label-content-title");

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
