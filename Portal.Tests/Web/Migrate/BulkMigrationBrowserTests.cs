using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Migrations.Wizard;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Publishing;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// Bulk migration in headless Chromium, on a portal whose engine worker runs and whose clock the test moves
/// (<see cref="ClockedPortalFactory"/>): while the clock stands still the batch's migrations stay in progress; once it
/// moves past the simulated steps the worker completes them, and the open batch page shows it live, from the engine's
/// updates (ADR-026), without reloading. Each page is screenshotted and checked with axe.
/// </summary>
public class BulkMigrationBrowserTests(ClockedPortalFactory portal, BrowserFixture browser) : IClassFixture<ClockedPortalFactory>
{
    /// <summary>A few worker passes (2 s each).</summary>
    private static readonly LocatorAssertionsToHaveCountOptions AfterPasses = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_admin_agent_migrates_a_customers_eligible_picks_in_one_batch_and_sees_it_complete()
    {
        var data = await WizardData.CreateAsync(portal.Services);
        var basic = WizardData.Legacy(data.CustomerId, DemoCatalog.BusinessBasic, 25);
        var intune = WizardData.Legacy(data.CustomerId, DemoCatalog.Intune, 25);
        await AddAsync(basic, intune);
        var page = await SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        // From the customer's page. Pick: every active subscription that can be requested (the E3's add-ons go with it, so they are no row of their own).
        await BrowserPages.GotoInteractiveAsync(page, $"/customers/{data.CustomerId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Migrate several of these subscriptions in bulk" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk migration");
        await BrowserPages.WaitForCircuitAsync(page);
        await Expect(page.Locator("#bulk-customer")).ToHaveTextAsync($"Customer {data.Partner.Customers[0].Name}");
        await Expect(page.Locator("#candidates tbody tr")).ToHaveCountAsync(4);
        foreach (var name in new[] { "Office 365 E3", "Office 365 E5", "Microsoft 365 Business Basic", "Intune" })
        {
            await page.GetByLabel(name, new() { Exact = true }).CheckAsync();
        }

        await BrowserPages.CheckAsync(page, "bulk-1-pick");
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate the picked subscriptions" }).ClickAsync();

        // Validate: one row each; the ineligible say why.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk migration: validated");
        await Expect(page.Locator("#bulk-summary")).ToHaveTextAsync("2 of 4 subscriptions can migrate now.");
        await Expect(page.Locator("#bulk-rows tbody tr")).ToHaveCountAsync(4);
        await Expect(Row(page, data.E3)).ToContainTextAsync("Eligible");
        await Expect(Row(page, basic.Id)).ToContainTextAsync("Eligible");
        await Expect(Row(page, data.Trial)).ToContainTextAsync("Not migrated");
        await Expect(Row(page, data.Trial)).ToContainTextAsync("Trial subscriptions cannot migrate.");
        await Expect(Row(page, intune.Id)).ToContainTextAsync("Not migrated");
        await Expect(Row(page, intune.Id)).ToContainTextAsync("NewCommerceProductUnavailable");
        await BrowserPages.CheckAsync(page, "bulk-2-validated");
        await page.GetByRole(AriaRole.Button, new() { Name = "Migrate the 2 eligible" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("2 migrations start now, in one batch");
        await BrowserPages.CheckAsync(page, "bulk-2b-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Migrate the 2 eligible" }).ClickAsync();

        // The batch: one row per migration (the E3 bundle is one), in progress while the clock stands still.
        await Expect(page).ToHaveURLAsync(new Regex("/batches/portal-[0-9]{8}-[0-9]{6}-[0-9a-f]{8}$"));
        var migrations = page.Locator("#batch-migrations tbody tr");
        await Expect(migrations).ToHaveCountAsync(2);
        await Expect(page.Locator($"#batch-migrations tbody tr[data-status={MigrationStatus.Processing}]")).ToHaveCountAsync(2);
        await Expect(migrations.Filter(new() { HasText = "Office 365 E3" })).ToHaveCountAsync(1);
        await Expect(migrations.Filter(new() { HasText = "Microsoft 365 Business Basic" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#progress [role=status]")).ToContainTextAsync("0 of 2 migrations finished: 0 completed, 0 failed, 2 in progress; 2 not migrated.");
        await Expect(page.Locator("#progress [role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "0");
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0); // live, not refreshed
        await Expect(Row(page, data.Trial)).ToContainTextAsync("Trial subscriptions cannot migrate.");
        await Expect(Row(page, intune.Id)).ToContainTextAsync("Not migrated");
        await BrowserPages.WaitForCircuitAsync(page);
        await BrowserPages.CheckAsync(page, "bulk-3-batch-in-progress");

        // The clock moves past every simulated step; the engine's updates reach the open page (the test does not
        // reload it, and the page does not reload itself: the marker set now survives).
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        portal.Clock.MoveTo(portal.Clock.GetUtcNow().AddMinutes(2));
        await Expect(page.Locator($"#batch-migrations tbody tr[data-status={MigrationStatus.Completed}]")).ToHaveCountAsync(2, AfterPasses);
        await Expect(page.Locator("#progress [role=status]")).ToContainTextAsync("2 of 2 migrations finished: 2 completed, 0 failed, 0 in progress; 2 not migrated.");
        await Expect(page.Locator("#progress [role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator(".mud-snackbar").First).ToContainTextAsync("is migrated.");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the batch page reloaded");
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
        await BrowserPages.CheckAsync(page, "bulk-4-batch-completed");

        // Each row leads to its migration.
        await migrations.Filter(new() { HasText = "Office 365 E3" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/migrations/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#status")).ToContainTextAsync("Completed");
        await BrowserPages.CheckAsync(page, "migration-completed");
    }

    [Fact]
    public async Task An_admin_agent_migrates_across_customers_in_one_batch()
    {
        var data = await WizardData.CreateAsync(portal.Services, customers: 2);
        var other = data.Partner.Customers[1];
        var basic = WizardData.Legacy(other.TenantId, DemoCatalog.BusinessBasic, 25);
        await AddAsync(basic);
        var page = await SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk migration" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk migration");
        await BrowserPages.WaitForCircuitAsync(page);
        var candidates = page.Locator("#candidates tbody tr");
        await Expect(candidates).ToHaveCountAsync(3); // both customers' subscriptions, this partner's only

        // The filter narrows the list to one customer, in the database.
        await page.GetByLabel("Customer name or domain").FillAsync(other.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter customers" }).ClickAsync();
        await Expect(candidates).ToHaveCountAsync(1);
        await Expect(candidates).ToContainTextAsync(other.Name);
        await page.GetByLabel("Customer name or domain").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter customers" }).ClickAsync();
        await Expect(candidates).ToHaveCountAsync(3);

        await page.GetByLabel("Office 365 E3", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Microsoft 365 Business Basic", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Office 365 E5", new() { Exact = true }).CheckAsync();
        await BrowserPages.CheckAsync(page, "bulk-across-1-pick");
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate the picked subscriptions" }).ClickAsync();

        await Expect(page.Locator("#bulk-summary")).ToHaveTextAsync("2 of 3 subscriptions can migrate now.");
        await Expect(Row(page, data.Trial)).ToContainTextAsync("Trial subscriptions cannot migrate.");
        await BrowserPages.CheckAsync(page, "bulk-across-2-validated");
        await page.GetByRole(AriaRole.Button, new() { Name = "Migrate the 2 eligible" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Migrate the 2 eligible" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/batches/portal-"));
        var migrations = page.Locator("#batch-migrations tbody tr");
        await Expect(migrations).ToHaveCountAsync(2);
        await Expect(migrations.Filter(new() { HasText = data.Partner.Customers[0].Name })).ToHaveCountAsync(1);
        await Expect(migrations.Filter(new() { HasText = other.Name })).ToHaveCountAsync(1);
        await BrowserPages.CheckAsync(page, "bulk-across-3-batch");
    }

    [Fact]
    public async Task A_validated_bulk_draft_opened_after_the_clean_up_says_so_and_starts_again()
    {
        var data = await WizardData.CreateAsync(portal.Services);
        var page = await SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        await BrowserPages.GotoInteractiveAsync(page, $"/migrate/bulk?customer={data.CustomerId}");
        await page.GetByLabel("Office 365 E3", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate the picked subscriptions" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk migration: validated");

        // The clean-up as it runs 15 days on (the portal's own clock stays, or the sign-in would expire too).
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var later = new FakeTimeProvider(portal.Clock.GetUtcNow().AddDays(15));
            var retention = new DraftRetention(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), later, Options.Create(new DraftRetentionOptions()));
            Assert.True((await retention.PurgeAsync(TestContext.Current.CancellationToken)).Open >= 1);
        }

        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("This draft is no longer available");
        await BrowserPages.CheckAsync(page, "bulk-draft-gone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a new bulk migration" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk migration");
    }

    private static ILocator Row(IPage page, Guid subscriptionId) => page.Locator($"#bulk-rows tbody tr[data-subscription='{subscriptionId}']");

    private async Task<IPage> SignedInAsync(string email)
    {
        var context = await browser.NewContextAsync(portal.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, email, TestPartner.Password);
        return page;
    }

    private async Task AddAsync(params LegacySubscription[] subscriptions)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
