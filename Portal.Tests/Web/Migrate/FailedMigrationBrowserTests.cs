using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Domain.Migrations;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Migrate;

/// <summary>The failed-migration actions in headless Chromium on the interactive status page: a dialog says what happens first; screenshots and axe.</summary>
public class FailedMigrationBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_partner_retries_a_migration_that_failed_while_Active_from_its_status_page()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var failed = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacyActive);
        var page = await SignedInAsync(partner.Email(PortalRoles.SalesAgent));

        await BrowserPages.GotoInteractiveAsync(page, failed.StatusPage);
        await Expect(page.Locator("#advice")).ToContainTextAsync("You may retry the migration, or cancel the legacy subscription.");
        await BrowserPages.CheckAsync(page, "migration-failed-active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry the migration" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("A new migration of Microsoft 365 Business Standard starts now");
        await BrowserPages.CheckAsync(page, "migration-retry-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Retry the migration" }).ClickAsync();

        await Expect(page.Locator("#status")).ToContainTextAsync("Processing");
        Assert.DoesNotContain(failed.MigrationId.ToString(), page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_sandbox_partner_sees_the_deadline_and_rehearses_Microsoft_correcting_the_migration()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        await factory.MakeSandboxAsync(partner.TenantId);
        var failed = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacySuspended);
        var page = await SignedInAsync(partner.Email(PortalRoles.AdminAgent));

        await BrowserPages.GotoInteractiveAsync(page, failed.StatusPage);
        await Expect(page.Locator("#advice time")).ToBeVisibleAsync();
        await BrowserPages.CheckAsync(page, "migration-failed-suspended-sandbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Microsoft corrects it now" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Correct it now" }).ClickAsync();

        await Expect(page.Locator("#action-message")).ToContainTextAsync("Microsoft corrected the migration: it is completed.");
        await Expect(page.Locator("#status")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#events [data-event=MigrationCompleted]")).ToHaveCountAsync(1);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, email, TestPartner.Password);
        return page;
    }
}
