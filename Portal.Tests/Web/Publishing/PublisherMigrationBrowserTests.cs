using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Demo;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Publishing;

/// <summary>
/// The publisher's whole journey in a real browser, signed in with the demo accounts: learn, submit, book and
/// confirm a Tuesday slot, let time pass the slot, and see where every offer went and who may do what; and the
/// failure path of the Sandbox partner, whose offers in flight make the migration fail, revert and offer a new slot.
/// </summary>
public class PublisherMigrationBrowserTests(ClockedPortalFactory factory, BrowserFixture browser) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task A_publisher_submits_books_and_confirms_a_Tuesday_slot_and_after_it_finds_its_VM_offers_on_the_new_portal()
    {
        var page = await SignInAsync("globaladmin@contoso.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Publisher migration" }).ClickAsync();
        await Expect(page.Locator("#publishers tr[data-publisher='contoso-marketplace']")).ToContainTextAsync("Not submitted");
        await page.GetByRole(AriaRole.Link, new() { Name = "what happens when you migrate" }).ClickAsync();

        // Learn: the readiness questions and answers of the seed, then submit with publisher name and id.
        await Expect(page.Locator("#readiness dt")).ToHaveCountAsync(7);
        await Expect(page.Locator("#readiness")).ToContainTextAsync("What if my offer is in staging/publishing state?");
        await Screenshot(page, "publishing-learn.png");
        await page.GetByLabel("Publisher name").FillAsync(DemoPublishing.ContosoPublisherName);
        await page.GetByLabel("Publisher id").FillAsync(DemoPublishing.ContosoPublisherId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to migrate" }).ClickAsync();

        // Book the first Tuesday slot offered: Pacific time first, then UTC and the user's own time (Adele is in Los Angeles).
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Submitted");
        var first = page.Locator("#book-form input[name=slot]").First;
        var slot = DateTimeOffset.Parse(await first.GetAttributeAsync("value") ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var label = page.Locator("#book-form .form-check").First;
        await Expect(label).ToContainTextAsync(new Regex(@"^\s*Tue \d+ \w+ \d{4}, (10|11|12):00–(11|12|13):00 P[SD]T \(UTC−[78]\)"));
        await Expect(label).ToContainTextAsync($"{slot.UtcDateTime:HH:mm} UTC");
        await Expect(label).ToContainTextAsync("your time (America/Los_Angeles)");
        await Screenshot(page, "publishing-book-slot.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this slot" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("SlotBooked");
        await Expect(page.Locator("#confirm-form")).ToContainTextAsync("That is you.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this slot as the account owner" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Confirmed");
        await Expect(page.Locator("#confirmed-by")).ToContainTextAsync("globaladmin@contoso.example");
        await Screenshot(page, "publishing-confirmed.png");

        // Time passes the slot; the runner runs what is due.
        var runs = await factory.MoveClockAndRunDueAsync(slot.AddMinutes(5));
        Assert.Contains(runs, r => r.PublisherId == DemoPublishing.ContosoPublisherId && r.Succeeded);

        // Days later the 8-hour sign-in has expired: the publisher signs in again and lands back on the status page.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await FillSignInAsync(page, "globaladmin@contoso.example");
        await Expect(page).ToHaveURLAsync(new Regex($"/publishing/{DemoPublishing.ContosoPublisherId}"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Publisher migration" }).ClickAsync();
        await Expect(page.Locator("#publishers tr[data-publisher='contoso-marketplace']")).ToContainTextAsync("Completed");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoPublishing.ContosoPublisherName }).ClickAsync();

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator(".notification[data-kind=Completed]")).ToContainTextAsync("Contoso Marketplace has moved to the new Cloud Partner Portal");
        await Expect(page.Locator("#new-portal-offers tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#new-portal-offers tr[data-offer='contoso-sql-vm']")).ToContainTextAsync("Draft");
        await Expect(page.Locator("#new-portal-offers tr[data-offer='contoso-sql-vm']")).ToContainTextAsync("moved (was Staged)");
        await Expect(page.Locator("#new-portal-offers tr[data-offer='contoso-firewall-vm']")).ToContainTextAsync("Listed");
        await Expect(page.Locator("#new-portal-offers tr[data-offer='contoso-firewall-vm']")).ToContainTextAsync("0.35 USD");
        await Expect(page.Locator("#old-portal-offers tr[data-read-only='true']")).ToHaveCountAsync(3);
        await Expect(page.Locator("#old-portal-offers tr[data-offer='contoso-firewall-vm']")).ToContainTextAsync("Read-only: moved to the new portal");
        foreach (var stays in new[] { "contoso-ha-cluster", "contoso-firewall-testdrive", "contoso-managed-backup", "contoso-insights" })
        {
            await Expect(page.Locator($"#old-portal-offers tr[data-offer='{stays}']")).ToContainTextAsync("Stays here for now");
        }

        await Expect(page.Locator("#old-portal-creates-blocked")).ToBeVisibleAsync();
        await Expect(page.Locator("#publisher-roles tr[data-user='globaladmin@contoso.example'] .new-role")).ToHaveTextAsync("Owner");
        await Expect(page.Locator("#publisher-roles tr[data-user='globaladmin@contoso.example']")).ToContainTextAsync("(you)");
        await Expect(page.Locator("#publisher-roles tr[data-user='adminagent@contoso.example'] .new-role")).ToHaveTextAsync("Contributor");
        await Expect(page.Locator("#publisher-roles tr[data-user='salesagent@contoso.example'] .new-role")).ToHaveTextAsync("Contributor");
        await Screenshot(page, "publishing-completed.png");
    }

    [Fact]
    public async Task A_Sandbox_rehearsal_with_offers_in_flight_fails_reverts_and_offers_a_new_slot_and_succeeds_once_they_finish()
    {
        var page = await SignInAsync("globaladmin@northwind.example");
        await page.GotoAsync("/publishing/learn");
        await page.GetByLabel("Publisher name").FillAsync(DemoPublishing.NorthwindPublisherName);
        await page.GetByLabel("Publisher id").FillAsync(DemoPublishing.NorthwindPublisherId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to migrate" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this slot" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this slot as the account owner" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Confirmed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run the migration now (rehearsal)" }).ClickAsync();

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#publishing-message")).ToContainTextAsync("Book a new slot once they have finished");
        await Expect(page.Locator("#failure-reason")).ToContainTextAsync("'Northwind Point of Sale VM' (northwind-pos-vm, being published)");
        await Expect(page.Locator("#failure-reason")).ToContainTextAsync("'Northwind ERP Test Drive' (northwind-erp-testdrive, being staged)");
        await Expect(page.Locator("#failure-reason")).ToContainTextAsync("Everything was reverted");
        await Expect(page.Locator(".notification[data-kind=Failed]")).ToContainTextAsync("The migration of Northwind Apps failed and was reverted");
        await Expect(page.Locator("#new-portal-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#old-portal-offers tr[data-read-only='true']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#publisher-roles tr[data-user='adminagent@northwind.example'] .new-role")).ToHaveTextAsync("not migrated yet");
        await Expect(page.Locator("#book-form legend")).ToHaveTextAsync("Book a new slot");
        await Expect(page.Locator("#book-form input[name=slot]")).ToHaveCountAsync(9);
        await Screenshot(page, "publishing-failed-reverted.png");

        // The pipeline finishes; a new slot is booked, confirmed and rehearsed, and this time everything moves.
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish publishing" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish staging" }).ClickAsync();
        await Expect(page.Locator("#old-portal-offers .badge.text-bg-warning")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this slot" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this slot as the account owner" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the migration now (rehearsal)" }).ClickAsync();

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#attempts tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#new-portal-offers tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#old-portal-offers tr[data-offer='northwind-erp-testdrive']")).ToContainTextAsync("Staged");
        await Expect(page.Locator("#old-portal-offers tr[data-offer='northwind-erp-testdrive']")).ToContainTextAsync("Stays here for now");
        await Screenshot(page, "publishing-rehearsal-completed.png");
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await FillSignInAsync(page, email);
        return page;
    }

    private static async Task FillSignInAsync(IPage page, string email)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in-user")).ToBeVisibleAsync();
    }

    private static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotsDirectory, name), FullPage = true });
}
