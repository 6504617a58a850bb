using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Demo;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Publishing;

/// <summary>
/// The publisher's whole journey in a real browser on the interactive pages (each waits for its circuit before
/// acting), signed in with the demo accounts: learn, submit, create a draft offer, book and confirm a Tuesday slot,
/// let time pass the slot, and see where every offer went and who may do what; and the failure path of the Sandbox
/// partner, whose offers in flight make the migration fail, revert and offer a new slot. Key pages are screenshot
/// and checked with axe.
/// </summary>
public class PublisherMigrationBrowserTests(ClockedPortalFactory factory, BrowserFixture browser) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task A_publisher_submits_books_and_confirms_a_Tuesday_slot_and_after_it_finds_its_VM_offers_on_the_new_portal()
    {
        var page = await SignInAsync("globaladmin@contoso.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Publisher migration" }).ClickAsync();
        await BrowserPages.WaitForCircuitAsync(page);
        await Expect(Publisher(page, "contoso-marketplace")).ToContainTextAsync("Not submitted");
        await BrowserPages.CheckAsync(page, "publishing-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "what happens when you migrate" }).ClickAsync();
        await BrowserPages.WaitForCircuitAsync(page);

        // Learn: the readiness questions and answers of the seed, then submit with publisher name and id.
        await Expect(page.Locator("#readiness dt")).ToHaveCountAsync(7);
        await Expect(page.Locator("#readiness")).ToContainTextAsync("What if my offer is in staging/publishing state?");
        await BrowserPages.CheckAsync(page, "publishing-learn");
        await page.GetByLabel("Publisher name").FillAsync(DemoPublishing.ContosoPublisherName);
        await page.GetByLabel("Publisher id").FillAsync(DemoPublishing.ContosoPublisherId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to migrate" }).ClickAsync();

        // A draft Virtual Machine offer (the type the form starts with) on the old portal, before the migration: it will move too.
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Submitted", new() { Timeout = 20000 });
        await BrowserPages.WaitForCircuitAsync(page);
        await page.Locator("#offer-id").FillAsync("contoso-draft-vm");
        await page.Locator("#offer-name").FillAsync("Contoso Draft VM");
        await page.Locator("#offer-price").FillAsync("0.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Expect(page.Locator("#publishing-message")).ToContainTextAsync("Draft offer 'contoso-draft-vm' created on the old portal");
        await Expect(page.Locator("#old-portal-offers tr:has(td[data-offer='contoso-draft-vm'])")).ToContainTextAsync("Editable here until migration");

        // Book the first Tuesday slot offered: Pacific time first, then UTC and the user's own time (Adele is in Los Angeles).
        var first = page.Locator("#book-form [data-slot]").First;
        var slot = DateTimeOffset.Parse(await first.GetAttributeAsync("data-slot") ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var label = first;
        await Expect(label).ToContainTextAsync(new Regex(@"^\s*Tue \d+ \w+ \d{4}, (10|11|12):00–(11|12|13):00 P[SD]T \(UTC−[78]\)"));
        await Expect(label).ToContainTextAsync($"{slot.UtcDateTime:HH:mm} UTC");
        await Expect(label).ToContainTextAsync("your time (America/Los_Angeles)");
        await BrowserPages.CheckAsync(page, "publishing-book-slot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this slot" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("SlotBooked");
        await Expect(page.Locator("#confirm-form")).ToContainTextAsync("That is you.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this slot as the account owner" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Confirmed");
        await Expect(page.Locator("#confirmed-by")).ToContainTextAsync("globaladmin@contoso.example");
        await BrowserPages.CheckAsync(page, "publishing-confirmed");

        // Time passes the slot; the runner runs what is due.
        var runs = await factory.MoveClockAndRunDueAsync(slot.AddMinutes(5));
        Assert.Contains(runs, r => r.PublisherId == DemoPublishing.ContosoPublisherId && r.Succeeded);

        // Days later the 8-hour sign-in has expired: the publisher signs in again and lands back on the status page.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await FillSignInAsync(page, "globaladmin@contoso.example");
        await Expect(page).ToHaveURLAsync(new Regex($"/publishing/{DemoPublishing.ContosoPublisherId}"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Publisher migration" }).ClickAsync();
        await BrowserPages.WaitForCircuitAsync(page);
        await Expect(Publisher(page, "contoso-marketplace")).ToContainTextAsync("Completed");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoPublishing.ContosoPublisherName }).ClickAsync();
        await BrowserPages.WaitForCircuitAsync(page);

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator(".notification[data-kind=Completed]")).ToContainTextAsync("Contoso Marketplace has moved to the new Cloud Partner Portal");
        await Expect(page.Locator("#new-portal-offers tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#new-portal-offers tr:has(td[data-offer='contoso-draft-vm'])")).ToContainTextAsync("moved (was Draft)");
        await Expect(page.Locator("#new-portal-offers tr:has(td[data-offer='contoso-sql-vm'])")).ToContainTextAsync("Draft");
        await Expect(page.Locator("#new-portal-offers tr:has(td[data-offer='contoso-sql-vm'])")).ToContainTextAsync("moved (was Staged)");
        await Expect(page.Locator("#new-portal-offers tr:has(td[data-offer='contoso-firewall-vm'])")).ToContainTextAsync("Listed");
        await Expect(page.Locator("#new-portal-offers tr:has(td[data-offer='contoso-firewall-vm'])")).ToContainTextAsync("0.35 USD");
        await Expect(page.Locator("#old-portal-offers td[data-read-only='true']")).ToHaveCountAsync(4);
        await Expect(page.Locator("#old-portal-offers tr:has(td[data-offer='contoso-firewall-vm'])")).ToContainTextAsync("Read-only: moved to the new portal");
        foreach (var stays in new[] { "contoso-ha-cluster", "contoso-firewall-testdrive", "contoso-managed-backup", "contoso-insights" })
        {
            await Expect(page.Locator($"#old-portal-offers tr:has(td[data-offer='{stays}'])")).ToContainTextAsync("Stays here for now");
        }

        await Expect(page.Locator("#old-portal-creates-blocked")).ToBeVisibleAsync();
        await Expect(page.Locator("#publisher-roles tr[data-user='globaladmin@contoso.example'] .new-role")).ToHaveTextAsync("Owner");
        await Expect(page.Locator("#publisher-roles tr[data-user='globaladmin@contoso.example']")).ToContainTextAsync("(you)");
        await Expect(page.Locator("#publisher-roles tr[data-user='adminagent@contoso.example'] .new-role")).ToHaveTextAsync("Contributor");
        await Expect(page.Locator("#publisher-roles tr[data-user='salesagent@contoso.example'] .new-role")).ToHaveTextAsync("Contributor");
        await BrowserPages.CheckAsync(page, "publishing-completed");

        // The portal's notification list has it too (issue 12).
        await page.GotoAsync("/notifications");
        await Expect(page.Locator("[data-kind='PublisherMigrationCompleted']")).ToContainTextAsync("Contoso Marketplace has moved to the new Cloud Partner Portal");
    }

    [Fact]
    public async Task A_Sandbox_rehearsal_with_offers_in_flight_fails_reverts_and_offers_a_new_slot_and_succeeds_once_they_finish()
    {
        var page = await SignInAsync("globaladmin@northwind.example");
        await BrowserPages.GotoInteractiveAsync(page, "/publishing/learn");
        await page.GetByLabel("Publisher name").FillAsync(DemoPublishing.NorthwindPublisherName);
        await page.GetByLabel("Publisher id").FillAsync(DemoPublishing.NorthwindPublisherId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to migrate" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Submitted", new() { Timeout = 20000 });
        await BrowserPages.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this slot" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("SlotBooked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this slot as the account owner" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Confirmed");

        await RehearseAsync(page);

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#publishing-message")).ToContainTextAsync("Book a new slot once they have finished");
        await Expect(page.Locator("#failure-reason")).ToContainTextAsync("'Northwind Point of Sale VM' (northwind-pos-vm, being published)");
        await Expect(page.Locator("#failure-reason")).ToContainTextAsync("'Northwind ERP Test Drive' (northwind-erp-testdrive, being staged)");
        await Expect(page.Locator("#failure-reason")).ToContainTextAsync("Everything was reverted");
        await Expect(page.Locator(".notification[data-kind=Failed]")).ToContainTextAsync("The migration of Northwind Apps failed and was reverted");
        await Expect(page.Locator("#new-portal-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#old-portal-offers td[data-read-only='true']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#publisher-roles tr[data-user='adminagent@northwind.example'] .new-role")).ToHaveTextAsync("not migrated yet");
        await Expect(page.Locator("#book-form legend")).ToHaveTextAsync("Book a new slot");
        await Expect(page.Locator("#book-form [data-slot]")).ToHaveCountAsync(9);
        await BrowserPages.CheckAsync(page, "publishing-failed-reverted");

        // The pipeline finishes; a new slot is booked, confirmed and rehearsed, and this time everything moves.
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish publishing" }).ClickAsync();
        await Expect(page.Locator("#old-portal-offers .in-flight")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish staging" }).ClickAsync();
        await Expect(page.Locator("#old-portal-offers .in-flight")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this slot" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("SlotBooked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this slot as the account owner" }).ClickAsync();
        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Confirmed");
        await RehearseAsync(page);

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#attempts tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#new-portal-offers tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#old-portal-offers tr:has(td[data-offer='northwind-erp-testdrive'])")).ToContainTextAsync("Staged");
        await Expect(page.Locator("#old-portal-offers tr:has(td[data-offer='northwind-erp-testdrive'])")).ToContainTextAsync("Stays here for now");
        await BrowserPages.CheckAsync(page, "publishing-rehearsal-completed");
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
        await BrowserPages.WaitForPageAsync(page); // a link clicked while the circuit starts can be lost
    }

    /// <summary>The publisher's row in the list of publishers.</summary>
    private static ILocator Publisher(IPage page, string publisherId) => page.Locator($"#publishers tr:has(td[data-publisher='{publisherId}'])");

    /// <summary>Asks for the rehearsal and says yes in the dialog that explains it.</summary>
    private static async Task RehearseAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the migration now (rehearsal)" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Your Sandbox clock moves forward");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Run it now" }).ClickAsync();
    }
}
