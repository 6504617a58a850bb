using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Demo;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Time;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Pages;

/// <summary>The partner journeys in headless Chromium on the demo data, with screenshots and an axe check of each key page.</summary>
public class PartnerJourneyBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_sales_agent_schedules_a_renewal_date_migration_from_the_calendar()
    {
        var (customer, subscription) = await EligibleUnscheduledBaseAsync();
        var month = PartnerTime.LocalDate(subscription.TermEnd, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var page = await SignedInAsync("salesagent@contoso.example", DemoAccounts.Password);

        await BrowserPages.GotoInteractiveAsync(page, $"/schedules/calendar?month={month:yyyy-MM}");
        await CheckAsync(page, "renewal-calendar");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Schedule {subscription.FriendlyName} of {customer} on renewal" }).ClickAsync();

        await Expect(page.Locator("#schedule-message")).ToHaveTextAsync("The migration is scheduled.");
        await Expect(page.Locator("#schedule-timing")).ToContainTextAsync("On renewal");
        await Expect(page.Locator("#schedule-status")).ToHaveTextAsync(nameof(ScheduleStatus.Created));
        await CheckAsync(page, "schedule");
        await BrowserPages.GotoInteractiveAsync(page, "/schedules?status=Created&microsoftLed=false");
        await Expect(page.Locator($"#schedules tr:has-text('{subscription.FriendlyName}')").First).ToBeVisibleAsync();
        await CheckAsync(page, "schedules");
    }

    [Fact]
    public async Task An_admin_reads_the_history_and_a_migrations_events()
    {
        var page = await SignedInAsync("adminagent@contoso.example", DemoAccounts.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Migration history" }).ClickAsync();
        await Expect(page.Locator("#history tbody tr").First).ToBeVisibleAsync();
        await CheckAsync(page, "history");
        await BrowserPages.WaitForCircuitAsync(page);
        await page.Locator("#history-filter .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^{nameof(MigrationStatus.Completed)}$") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#history tbody tr td:nth-child(4)").First).ToHaveTextAsync(nameof(MigrationStatus.Completed));
        await page.Locator("#history tbody tr a:text('Events')").First.ClickAsync();

        await Expect(page.Locator("#migration-status")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#migration-activity tr[data-event=MigrationStarted]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#migration-activity tr[data-event=MigrationCompleted]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#migration-activity .time-utc").First).ToContainTextAsync("UTC");
        await CheckAsync(page, "history-detail");
    }

    [Fact]
    public async Task A_failed_migration_and_its_revert_are_visible()
    {
        var page = await SignedInAsync("globaladmin@contoso.example", DemoAccounts.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/history?status=Failed");
        var reverted = page.Locator($"#history tr:has(td:text-is('{nameof(MigrationPhase.Reverted)}'))").First;
        await Expect(reverted).ToBeVisibleAsync();
        await Expect(page.Locator($"#history td:text-is('{nameof(MigrationPhase.FailedLegacyActive)}')").First).ToBeVisibleAsync();
        await reverted.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Events") }).ClickAsync();

        await Expect(page.Locator("#migration-status")).ToHaveTextAsync("Failed (Reverted)");
        await Expect(page.Locator("#reverted-note")).ToContainTextAsync("Active again");
        await Expect(page.Locator("#migration-activity tr[data-event=MigrationFailed]")).ToHaveCountAsync(1);
        await CheckAsync(page, "reverted-migration");
    }

    [Fact]
    public async Task Seats_are_reduced_inside_the_cancellation_window_and_refused_outside_it()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var inside = await factory.AddNceAsync(partner.Customers[0].TenantId, TimeSpan.FromDays(3), seats: 12);
        var outside = await factory.AddNceAsync(partner.Customers[0].TenantId, TimeSpan.FromDays(8), seats: 12);
        var page = await SignedInAsync(partner.Email(PortalRoles.AdminAgent), TestPartner.Password);

        await BrowserPages.GotoInteractiveAsync(page, $"/customers/{inside.CustomerId}/nce/{inside.Id}");
        await CheckAsync(page, "nce-subscription");
        await page.GetByLabel("New seat count").FillAsync("8");
        await page.Locator("#reduce-seats").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("goes from 12 to 8 seat(s)");
        await CheckAsync(page, "nce-subscription-reduce-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reduce seats" }).ClickAsync();
        await Expect(page.Locator("#change-message")).ToHaveTextAsync("The subscription now has 8 seat(s).");
        await Expect(page.Locator("#nce-seats")).ToHaveTextAsync("8");

        await BrowserPages.GotoInteractiveAsync(page, $"/customers/{outside.CustomerId}/nce/{outside.Id}");
        await Expect(page.Locator("#window-end")).ToContainTextAsync("(closed)");
        await page.GetByLabel("New seat count").FillAsync("8");
        await page.Locator("#reduce-seats").ClickAsync();
        await Expect(page.Locator("#change-message")).ToContainTextAsync("Seats can only be removed within 7 days (168 hours)");
        await Expect(page.Locator("#nce-seats")).ToHaveTextAsync("12");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("nce-subscription-refused"), FullPage = true });
    }

    [Fact]
    public async Task The_key_pages_have_no_serious_accessibility_violations()
    {
        var (customer, subscription) = await EligibleUnscheduledBaseAsync();
        var page = await SignedInAsync("adminagent@contoso.example", DemoAccounts.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/");
        await Expect(page.Locator("#dashboard svg").First).ToBeVisibleAsync();
        await CheckAsync(page, "dashboard");
        await page.GotoAsync("/customers?sort=MostLegacy");
        await CheckAsync(page, "customers-sorted");
        await page.GotoAsync($"/customers/{subscription.CustomerId}");
        await Expect(page.Locator("#legacy-subscriptions")).ToBeVisibleAsync();
        await CheckAsync(page, "customer");
        await BrowserPages.GotoInteractiveAsync(page, $"/customers/{subscription.CustomerId}/subscriptions/{subscription.Id}");
        await Expect(page.Locator(".eligibility-verdict")).ToContainTextAsync("Eligible");
        await Expect(page.Locator("#migrate-link")).ToHaveAttributeAsync("href", $"customers/{subscription.CustomerId}/migrate?subscription={subscription.Id}");
        await CheckAsync(page, "legacy-subscription");
        Assert.False(string.IsNullOrEmpty(customer));
    }

    private async Task<IPage> SignedInAsync(string email, string password)
    {
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in-user")).ToBeVisibleAsync();
        await BrowserPages.WaitForCircuitAsync(page); // the home page it lands on is interactive: a click before its circuit is up can be lost
        return page;
    }

    /// <summary>Saves a screenshot and fails on any serious or critical axe violation.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot(name), FullPage = true });
        var results = await page.RunAxe();
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join(Environment.NewLine, bad));
    }

    private static string Shot(string name) => Path.Combine(RepoPaths.ScreenshotsDirectory, $"{name}.png");

    /// <summary>A Contoso base subscription nobody scheduled yet that may migrate on renewal, found through the engine's desk.</summary>
    private async Task<(string Customer, LegacySubscription Subscription)> EligibleUnscheduledBaseAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var desk = scope.ServiceProvider.GetRequiredService<MigrationDesk>();
        var candidates = await (
            from s in db.LegacySubscriptions.AsNoTracking()
            join c in db.Customers on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == DemoIds.ContosoTenantId && s.Status == LegacySubscriptionStatus.Active && s.ParentSubscriptionId == null && s.InFlightMigrationId == null
            where !db.Schedules.Any(x => x.SubscriptionId == s.Id && x.Status == ScheduleStatus.Created)
            orderby c.Name, s.FriendlyName
            select new { Subscription = s, c.Name }).ToListAsync();
        foreach (var candidate in candidates)
        {
            var now = await desk.ValidateAsync(DemoIds.ContosoTenantId, candidate.Subscription.CustomerId, new MigrationRequest(candidate.Subscription.Id), CancellationToken.None);
            var atRenewal = await desk.ValidateAsync(DemoIds.ContosoTenantId, candidate.Subscription.CustomerId, new MigrationRequest(candidate.Subscription.Id) { OnRenewal = true }, CancellationToken.None);
            if (now.Value?.IsEligible == true && atRenewal.Value?.IsEligible == true
                && candidates.Count(c => c.Name == candidate.Name && c.Subscription.FriendlyName == candidate.Subscription.FriendlyName) == 1)
            {
                return (candidate.Name, candidate.Subscription);
            }
        }

        throw new InvalidOperationException("The demo data has no eligible, unscheduled Contoso base subscription left.");
    }
}
