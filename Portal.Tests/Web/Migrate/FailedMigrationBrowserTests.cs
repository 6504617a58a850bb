using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Domain.Migrations;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Migrate;

/// <summary>The failed-migration actions in headless Chromium, with screenshots and an axe check.</summary>
public class FailedMigrationBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_partner_retries_a_migration_that_failed_while_Active_from_its_status_page()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var failed = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacyActive);
        var page = await SignedInAsync(partner.Email(PortalRoles.SalesAgent));

        await page.GotoAsync(failed.StatusPage);
        await Expect(page.Locator("#advice")).ToContainTextAsync("You may retry the migration, or cancel the legacy subscription.");
        await CheckAsync(page, "migration-failed-active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry the migration" }).ClickAsync();

        await Expect(page.Locator("#status")).ToContainTextAsync("Processing");
        Assert.DoesNotContain(failed.MigrationId.ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_partner_sees_the_deadline_and_rehearses_Microsoft_correcting_the_migration()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        await factory.MakeSandboxAsync(partner.TenantId);
        var failed = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacySuspended);
        var page = await SignedInAsync(partner.Email(PortalRoles.AdminAgent));

        await page.GotoAsync(failed.StatusPage + "?refresh=off");
        await Expect(page.Locator("#advice time")).ToBeVisibleAsync();
        await CheckAsync(page, "migration-failed-suspended-sandbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Microsoft corrects it now" }).ClickAsync();

        await Expect(page.Locator("#action-message")).ToContainTextAsync("Microsoft corrected the migration: it is completed.");
        await Expect(page.Locator("#status")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#events [data-event=MigrationCompleted]")).ToHaveCountAsync(1);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestPartner.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, $"{name}.png"), FullPage = true });
        var results = await page.RunAxe();
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join(Environment.NewLine, bad));
    }
}
