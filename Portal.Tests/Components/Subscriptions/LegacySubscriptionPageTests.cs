using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Accounts;
using Portal.Components.Pages.Subscriptions;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Migrations;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Components.Subscriptions;

/// <summary>
/// The legacy subscription page: its properties and verdict, scheduling on renewal or on a date within the term, and
/// cancelling after a migration failed before the suspension (asked first in a dialog).
/// </summary>
public class LegacySubscriptionPageTests(PortalFactory factory) : PortalPageContext
{
    private IRenderedComponent<MudDialogProvider> dialogs = default!;

    private IRenderedComponent<LegacySubscriptionPage> Open(Guid partnerTenantId, Guid customerId, Guid subscriptionId, string role = PortalRoles.AdminAgent)
    {
        UseApp(factory.Services);
        SignInAs(partnerTenantId, role);
        dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var page = Render<LegacySubscriptionPage>(p => p.Add(x => x.CustomerId, customerId).Add(x => x.SubscriptionId, subscriptionId));
        page.WaitForElement("h1", TimeSpan.FromSeconds(10));
        return page;
    }

    private IRenderedComponent<LegacySubscriptionPage> OpenE3(WizardCustomer data, string role = PortalRoles.AdminAgent) =>
        Open(data.Partner.TenantId, data.CustomerId, data.E3, role);

    private async Task<(IRenderedComponent<LegacySubscriptionPage> Page, FailedMigration Failed)> OpenFailedAsync(string role = PortalRoles.AdminAgent)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var failed = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacyActive);
        return (Open(partner.TenantId, failed.CustomerId, failed.SubscriptionId, role), failed);
    }

    private static async Task PickAsync(IRenderedComponent<LegacySubscriptionPage> page, DateOnly? date)
    {
        var picker = page.FindComponent<MudDatePicker>();
        await page.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(date?.ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public async Task An_active_eligible_subscription_shows_its_properties_verdict_and_the_ways_to_migrate()
    {
        var data = await WizardData.CreateAsync(factory);

        var page = OpenE3(data);

        Assert.Equal("Office 365 E3", page.Find("h1").TextContent);
        Assert.Equal("Active", page.Find("#legacy-status").TextContent);
        Assert.Equal(2, page.FindAll("#properties th").Count(th => th.TextContent == "Add-on"));
        Assert.Contains("Eligible", page.Find(".eligibility-verdict").TextContent, StringComparison.Ordinal);
        Assert.Equal($"customers/{data.CustomerId}/migrate?subscription={data.E3}", page.Find("#migrate-link").GetAttribute("href"));
        Assert.StartsWith("Schedule on renewal", page.Find("#schedule-renewal").Text(), StringComparison.Ordinal);
        Assert.Equal("None yet.", page.Find("#no-migrations").TextContent);
        Assert.Empty(page.FindAll("#after-failure"));
        // The page's own parts carry no Bootstrap (the shared eligibility panel is not this page's).
        Assert.DoesNotContain(page.FindAll(".btn, .card, .row, .alert, .breadcrumb"), e => e.Closest(".eligibility") is null);
    }

    [Fact]
    public async Task The_date_picker_carries_the_bounds_the_server_applies()
    {
        var data = await WizardData.CreateAsync(factory);

        var picker = OpenE3(data).FindComponent<MudDatePicker>().Instance;

        // From today (UTC, the partner's clock) to the day before the term's last day: the schedule keeps the end date.
        Assert.Equal(factory.Today().ToDateTime(TimeOnly.MinValue), picker.GetState(x => x.MinDate));
        Assert.Equal(factory.TermEnd().AddDays(-1).ToDateTime(TimeOnly.MinValue), picker.GetState(x => x.MaxDate));
        Assert.Equal("Target date (UTC)", picker.Label);
        Assert.True(picker.Required);
    }

    [Fact]
    public async Task A_valid_date_is_stored_and_the_page_goes_to_the_new_schedule()
    {
        var data = await WizardData.CreateAsync(factory);
        var page = OpenE3(data);
        var date = factory.Today().AddDays(10);

        await PickAsync(page, date);
        page.Find("#schedule-date").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("schedules/", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var schedule = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.Equal(date, schedule.Timing.TargetDate);
        Assert.Equal(3, schedule.Lines.Count); // the base with its two add-ons
        Assert.EndsWith($"schedules/{schedule.Id}?created=1", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_renewal_is_stored_without_a_date_and_the_page_then_says_it_is_scheduled()
    {
        var data = await WizardData.CreateAsync(factory);
        var page = OpenE3(data, PortalRoles.SalesAgent);

        page.Find("#schedule-renewal").Click();

        page.WaitForAssertion(() => Assert.Single(factory.SchedulesOfAsync(data.E3).GetAwaiter().GetResult()), TimeSpan.FromSeconds(10));
        Assert.True((await factory.SchedulesOfAsync(data.E3))[0].Timing.MigrateOnRenewal);
        var again = Render<LegacySubscriptionPage>(p => p.Add(x => x.CustomerId, data.CustomerId).Add(x => x.SubscriptionId, data.E3));
        Assert.StartsWith("Already scheduled", again.WaitForElement("#scheduled", TimeSpan.FromSeconds(10)).Text(), StringComparison.Ordinal);
        Assert.Empty(again.FindAll("#schedule-date")); // one open schedule per subscription: no second one is offered
    }

    [Theory]
    [InlineData(101, "Target date: The target date must be between today")]
    [InlineData(-1, "Target date: The target date must be between today")]
    [InlineData(100, "less than 24 hours after the migration")] // the term's last day: the schedule keeps the end date
    [InlineData(null, "Target date: Enter the date the migration should run.")]
    public async Task A_date_outside_the_term_or_none_is_refused_naming_the_field_and_nothing_is_stored(int? daysFromToday, string expected)
    {
        var data = await WizardData.CreateAsync(factory);
        var page = OpenE3(data);

        await PickAsync(page, daysFromToday is { } days ? factory.Today().AddDays(days) : null);
        page.Find("#schedule-date").Click();

        var errors = page.WaitForElement("#form-errors", TimeSpan.FromSeconds(10));
        Assert.StartsWith("The schedule was not created.", errors.Text(), StringComparison.Ordinal);
        Assert.Contains(expected, errors.Text(), StringComparison.Ordinal);
        Assert.Empty(await factory.SchedulesOfAsync(data.E3));
    }

    [Fact]
    public async Task After_a_failure_cancel_is_offered_asked_in_a_dialog_and_then_the_subscription_is_cancelled()
    {
        var (page, failed) = await OpenFailedAsync();
        Assert.Contains("still Active and billed as before", page.Find("#after-failure").Text(), StringComparison.Ordinal);
        Assert.Equal($"migrations/{failed.MigrationId}", page.Find("#after-failure a").GetAttribute("href"));

        page.Find("#cancel-legacy").Click();
        Assert.Contains("will be cancelled in Partner Center", dialogs.Question(), StringComparison.Ordinal);
        dialogs.Press("Cancel the subscription");

        Assert.Equal("Microsoft 365 Business Standard is cancelled.", page.WaitForElement("#cancel-message", TimeSpan.FromSeconds(10)).Text());
        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("#legacy-status").TextContent));
        Assert.Empty(page.FindAll("#after-failure"));
        Assert.StartsWith("Only an active subscription can be migrated or scheduled; this one is Cancelled.", page.Find("#not-active").Text(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#schedule-renewal"));
        Assert.Equal(LegacySubscriptionStatus.Cancelled, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Keeping_the_subscription_in_the_dialog_changes_nothing()
    {
        var (page, failed) = await OpenFailedAsync();

        page.Find("#cancel-legacy").Click();
        dialogs.Press("Keep it");

        page.WaitForAssertion(() => Assert.True(dialogs.Closed()));
        Assert.Empty(page.FindAll("#cancel-message"));
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Once_a_retry_is_in_flight_a_cancel_is_refused_with_the_reason()
    {
        var (page, failed) = await OpenFailedAsync();
        await RetryAsync(failed);
        page.Find("#cancel-legacy").Click();
        dialogs.Press("Cancel the subscription");

        var errors = page.WaitForElement("#form-errors", TimeSpan.FromSeconds(10)).Text();
        Assert.StartsWith("The subscription was not cancelled.", errors, StringComparison.Ordinal);
        Assert.Contains("it cannot be cancelled while the migration is in flight", errors, StringComparison.Ordinal);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_the_subscription_but_is_offered_no_schedule_or_cancel()
    {
        var (page, _) = await OpenFailedAsync(PortalRoles.HelpdeskAgent);

        Assert.Equal("Active", page.Find("#legacy-status").TextContent);
        Assert.Empty(page.FindAll("#after-failure"));
        Assert.Empty(page.FindAll("#actions"));
        Assert.Empty(page.FindAll("#cancel-legacy"));
        Assert.NotNull(page.Find("#subscription-migrations"));
    }

    [Fact]
    public async Task Another_partners_subscription_and_a_missing_one_both_show_the_not_found_page()
    {
        var theirs = await WizardData.CreateAsync(factory);
        var mine = await factory.CreatePartnerAsync(customers: 1);

        var foreign = Open(mine.TenantId, theirs.CustomerId, theirs.E3);
        var missing = Render<LegacySubscriptionPage>(p => p.Add(x => x.CustomerId, theirs.CustomerId).Add(x => x.SubscriptionId, Guid.NewGuid()));

        Assert.Equal("Page not found", foreign.Find("h1").TextContent);
        Assert.Equal("Page not found", missing.WaitForElement("h1", TimeSpan.FromSeconds(10)).TextContent);
        Assert.Empty(foreign.FindAll("#properties"));
        Assert.Empty(await factory.SchedulesOfAsync(theirs.E3));
    }

    private async Task RetryAsync(FailedMigration failed)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portal.Persistence.PortalDbContext>();
        var partnerTenantId = db.Customers.Where(c => c.TenantId == failed.CustomerId).Select(c => c.PartnerTenantId).Single();
        var answer = await scope.ServiceProvider.GetRequiredService<FailedMigrationDesk>().RetryAsync(partnerTenantId, failed.MigrationId, "test", Xunit.TestContext.Current.CancellationToken);
        Assert.True(answer.IsDone, string.Join(" ", answer.Errors.Select(e => e.Description)));
    }
}
