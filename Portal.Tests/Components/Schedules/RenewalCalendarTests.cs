using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Schedules;
using Portal.Domain.Eligibility;
using Portal.Domain.Schedules;
using Portal.Schedules;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Components.Schedules;

/// <summary>Scheduling on renewal from the renewal calendar, in the circuit.</summary>
public class RenewalCalendarTests(PortalFactory factory) : PortalPageContext
{
    private IRenderedComponent<RenewalCalendar> Open(Guid partner, string? month = null, string role = PortalRoles.SalesAgent)
    {
        UseApp(factory.Services);
        SignInAs(partner, role);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"schedules/calendar?month={month ?? factory.TermEnd().ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        Render<MudPopoverProvider>();
        return Render<RenewalCalendar>();
    }

    private static void Pick(IRenderedComponent<RenewalCalendar> calendar, Guid subscription) =>
        calendar.Find($"li.renewal[data-subscription='{subscription}'] button").Click();

    [Fact]
    public async Task A_month_without_term_ends_lists_none()
    {
        var data = await WizardData.CreateAsync(factory);

        var calendar = Open(data.Partner.TenantId, factory.TermEnd().AddMonths(3).ToString("yyyy-MM", CultureInfo.InvariantCulture));

        calendar.WaitForAssertion(() => Assert.NotEmpty(calendar.FindAll("#renewal-calendar td[data-date]")));
        Assert.Empty(calendar.FindAll("li.renewal"));
    }

    [Fact]
    public async Task Each_term_end_is_on_its_last_day_with_a_button_to_schedule_it()
    {
        var data = await WizardData.CreateAsync(factory);

        var calendar = Open(data.Partner.TenantId);

        calendar.WaitForAssertion(() => Assert.Equal(2, calendar.FindAll("li.renewal").Count)); // the E3 and the trial; add-ons are part of their base
        var entry = calendar.Find($"li.renewal[data-subscription='{data.E3}']");
        Assert.Equal(factory.TermEnd().Iso(), entry.Closest("td")!.GetAttribute("data-date"));
        Assert.Contains("on renewal", entry.QuerySelector("button")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picking_a_term_end_schedules_it_on_renewal_and_opens_the_schedule_then_the_calendar_marks_it()
    {
        var data = await WizardData.CreateAsync(factory);
        var calendar = Open(data.Partner.TenantId);
        calendar.WaitForAssertion(() => calendar.Find($"li.renewal[data-subscription='{data.E3}']"));

        Pick(calendar, data.E3);

        var navigation = Services.GetRequiredService<NavigationManager>();
        calendar.WaitForAssertion(() => Assert.EndsWith("?created=1", navigation.Uri, StringComparison.Ordinal));
        var schedule = Assert.Single(await factory.SchedulesOfAsync(data.E3));
        Assert.True(schedule.Timing.MigrateOnRenewal);
        Assert.Equal(ScheduleStatus.Created, schedule.Status);
        Assert.EndsWith($"schedules/{schedule.Id}?created=1", navigation.Uri, StringComparison.Ordinal);

        navigation.NavigateTo($"schedules/calendar?month={factory.TermEnd().ToString("yyyy-MM", CultureInfo.InvariantCulture)}"); // back to the calendar
        calendar.WaitForAssertion(() => Assert.Equal("Scheduled", calendar.Find($"li.renewal[data-subscription='{data.E3}'] .mud-chip").TextContent.Trim()));
        Assert.Empty(calendar.FindAll($"li.renewal[data-subscription='{data.E3}'] button"));
    }

    [Fact]
    public async Task A_subscription_that_cannot_migrate_on_renewal_is_refused_with_the_reason_and_nothing_is_stored()
    {
        var data = await WizardData.CreateAsync(factory);
        var calendar = Open(data.Partner.TenantId);
        calendar.WaitForAssertion(() => calendar.Find($"li.renewal[data-subscription='{data.Trial}']"));

        Pick(calendar, data.Trial);

        calendar.WaitForAssertion(() => Assert.StartsWith("Not scheduled: ", calendar.Find("#calendar-message").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("trial", calendar.Find("#calendar-message").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await factory.SchedulesOfAsync(data.Trial));
    }

    [Fact]
    public async Task Another_partners_subscriptions_never_show_and_the_desk_the_calendar_calls_answers_not_found_for_them()
    {
        var theirs = await WizardData.CreateAsync(factory);
        var mine = await WizardData.CreateAsync(factory);

        var calendar = Open(mine.Partner.TenantId);
        calendar.WaitForAssertion(() => calendar.Find($"li.renewal[data-subscription='{mine.E3}']"));
        Assert.Empty(calendar.FindAll($"li.renewal[data-subscription='{theirs.E3}']"));

        await using var scope = factory.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ScheduleDesk>();
        var foreign = await desk.CreateAsync(mine.Partner.TenantId, theirs.CustomerId, new MigrationRequest(theirs.E3) { OnRenewal = true }, ScheduleTiming.OnRenewal, "test", null, Xunit.TestContext.Current.CancellationToken);
        var missing = await desk.CreateAsync(mine.Partner.TenantId, mine.CustomerId, new MigrationRequest(Guid.NewGuid()) { OnRenewal = true }, ScheduleTiming.OnRenewal, "test", null, Xunit.TestContext.Current.CancellationToken);
        Assert.True(foreign.IsNotFound && missing.IsNotFound);
        Assert.Empty(await factory.SchedulesOfAsync(theirs.E3));
    }
}
