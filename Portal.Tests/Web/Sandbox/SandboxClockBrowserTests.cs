using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Demo;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using Portal.Engine;
using Portal.Domain.Eligibility;
using Portal.Persistence;
using Portal.Schedules;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Sandbox;

/// <summary>
/// "The sandbox clock runs a schedule": Northwind (the demo's Sandbox partner) schedules a migration on a date, moves
/// its clock past that date on the clock page in the browser, the engine passes, and the schedule's page shows it ran.
/// On a portal of its own: moving Northwind's clock and running the engine on the shared portal would change what
/// other tests see.
/// </summary>
public sealed class SandboxClockBrowserTests(SandboxClockBrowserTests.OwnPortal own, BrowserFixture browser) : IClassFixture<SandboxClockBrowserTests.OwnPortal>
{
    private readonly PortalFactory _portal = own.Portal;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A portal for this class alone.</summary>
    public sealed class OwnPortal : IAsyncLifetime
    {
        public PortalFactory Portal { get; } = new();

        public ValueTask InitializeAsync() => Portal.InitializeAsync();

        public async ValueTask DisposeAsync() => await Portal.DisposeAsync();
    }

    [Fact]
    public async Task The_sandbox_clock_runs_a_schedule()
    {
        var schedule = await ScheduleWoodgroveInTenDaysAsync();
        var context = await browser.NewContextAsync(_portal.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, "salesagent@northwind.example", DemoAccounts.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/sandbox/clock");
        await Expect(page.Locator("#clock-offset")).ToHaveTextAsync("nothing: it runs on real time");
        await BrowserPages.CheckAsync(page, "sandbox-clock");
        await page.Locator("#advance-days").FillAsync("40");
        await page.Locator("#advance-hours").FillAsync("0");
        await page.Locator("#advance-clock").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("will move forward by 40 days 0 hours 0 minutes");
        await BrowserPages.CheckAsync(page, "sandbox-clock-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move the clock" }).ClickAsync();

        await Expect(page.Locator("#clock-message")).ToContainTextAsync("The sandbox clock now reads");
        await Expect(page.Locator("#clock-offset")).ToContainTextAsync("40 days 0 hours");
        await BrowserPages.CheckAsync(page, "sandbox-clock-moved");

        // The test portal's engine worker is off: the test runs the pass the worker would run next.
        var report = await _portal.Services.GetRequiredService<EnginePass>().RunOnceAsync(Ct);
        Assert.True(report.SchedulesRun >= 1, $"the pass ran {report.SchedulesRun} schedules");

        await BrowserPages.GotoInteractiveAsync(page, $"/schedules/{schedule.Id}");
        await Expect(page.Locator("#schedule-status")).ToHaveTextAsync(nameof(ScheduleStatus.Completed));
        await Expect(page.Locator("#schedule-properties a:text('Events')")).ToBeVisibleAsync();
        await BrowserPages.CheckAsync(page, "sandbox-schedule-ran");
        await context.CloseAsync();
    }

    /// <summary>Northwind's Woodgrove Credit Union base subscription, scheduled through the desk to run in ten days (real time).</summary>
    private async Task<MigrationSchedule> ScheduleWoodgroveInTenDaysAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var subscription = await (
            from s in db.LegacySubscriptions.AsNoTracking()
            join c in db.Customers on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == DemoIds.NorthwindTenantId && c.Name == "Woodgrove Credit Union" && s.ParentSubscriptionId == null
            select s).SingleAsync(Ct);
        var today = TermDates.UtcDate(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        var answer = await scope.ServiceProvider.GetRequiredService<ScheduleDesk>().CreateAsync(
            DemoIds.NorthwindTenantId, subscription.CustomerId, new MigrationRequest(subscription.Id), ScheduleTiming.OnDate(today.AddDays(10)), "Lee Gu", null, Ct);
        Assert.True(answer.IsDone, string.Join(" ", answer.Errors.Select(e => e.Description)));
        return answer.Value!;
    }
}
