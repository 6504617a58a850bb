using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Accounts;
using Portal.Components.Pages.Sandbox;
using Portal.Domain.Partners;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Time;

namespace Portal.Tests.Components.Sandbox;

/// <summary>
/// The sandbox clock page in its circuit, on a Sandbox partner of its own (moving a shared partner's clock would change
/// what other tests see): moves forward and set-to are stored and audited, large moves are confirmed first, the fields'
/// bounds, the clock's own rules (only forward, the horizon) and a Production partner's missing page.
/// </summary>
public class SandboxClockTests(PortalFactory factory) : PortalPageContext
{
    private const string Actor = "Lee Gu";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IRenderedComponent<MudDialogProvider> dialogs = default!;

    private async Task<(TestPartner Partner, IRenderedComponent<SandboxClock> Page)> OpenAsync(PartnerEnvironment environment = PartnerEnvironment.Sandbox)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Partners.Where(p => p.TenantId == partner.TenantId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Environment, environment), Ct);
        }

        UseApp(factory.Services);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent, Actor);
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        var page = Render<SandboxClock>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")));
        return (partner, page);
    }

    private static async Task AdvanceAsync(IRenderedComponent<SandboxClock> page, int? days, int? hours)
    {
        var fields = page.FindComponents<MudNumericField<int?>>();
        await page.InvokeAsync(() => fields[0].Instance.ValueChanged.InvokeAsync(days));
        await page.InvokeAsync(() => fields[1].Instance.ValueChanged.InvokeAsync(hours));
        page.Find("#advance-clock").Click();
    }

    private static async Task SetAsync(IRenderedComponent<SandboxClock> page, DateTime? date, TimeSpan? time = null)
    {
        await page.InvokeAsync(() => page.FindComponent<MudDatePicker>().Instance.DateChanged.InvokeAsync(date));
        await page.InvokeAsync(() => page.FindComponent<MudTimePicker>().Instance.TimeChanged.InvokeAsync(time));
        page.Find("#set-clock").Click();
    }

    private static string Message(IRenderedComponent<SandboxClock> page) => page.Find("#clock-message").TextContent.Trim();

    private void Answer(string button) =>
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click());

    private async Task<List<Portal.Audit.AuditEntry>> MovesAsync(Guid partner)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditLog.AsNoTracking()
            .Where(a => a.PartnerTenantId == partner && a.Action == "Sandbox clock moved").ToListAsync(Ct);
    }

    private async Task<TimeSpan> OffsetAsync(Guid partner)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<PartnerClock>();
        return await clock.NowAsync(partner, Ct) - scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
    }

    [Fact]
    public async Task A_sandbox_partner_sees_its_clock_on_real_time_and_both_forms()
    {
        var (partner, page) = await OpenAsync();

        Assert.Equal("Sandbox clock", page.Find("h1").TextContent);
        Assert.Contains($"{partner.Name} is a Sandbox partner", page.Markup, StringComparison.Ordinal);
        Assert.Equal("nothing: it runs on real time", page.Find("#clock-offset").TextContent);
        Assert.EndsWith(" UTC", page.Find("#sandbox-now").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Move forward by", "Set to (UTC)"], page.FindAll("h2").Select(h => h.TextContent));
        Assert.Empty(page.FindAll("#clock-message"));
    }

    [Fact]
    public async Task A_small_move_forward_is_stored_audited_and_shown_without_a_question()
    {
        var (partner, page) = await OpenAsync();

        await AdvanceAsync(page, 2, 3);

        page.WaitForAssertion(() => Assert.StartsWith("The sandbox clock now reads", Message(page), StringComparison.Ordinal));
        Assert.Equal("status", page.Find("#clock-message").GetAttribute("role"));
        Assert.StartsWith("2 days 3 hours", page.Find("#clock-offset").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-dialog", dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal(Actor, Assert.Single(await MovesAsync(partner.TenantId)).Actor);
        Assert.InRange(await OffsetAsync(partner.TenantId), TimeSpan.FromHours(51) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(51) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_large_move_says_what_will_happen_and_moves_only_when_confirmed()
    {
        var (partner, page) = await OpenAsync();

        await AdvanceAsync(page, 40, 0);
        dialogs.WaitForAssertion(() => Assert.Contains("will move forward by 40 days 0 hours 0 minutes", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("Schedules due by then run on the engine", dialogs.Markup, StringComparison.Ordinal);
        Answer("Keep it");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("will move forward", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(await MovesAsync(partner.TenantId));
        Assert.Empty(page.FindAll("#clock-message"));

        page.Find("#advance-clock").Click();
        Answer("Move the clock");

        page.WaitForAssertion(() => Assert.StartsWith("The sandbox clock now reads", Message(page), StringComparison.Ordinal));
        Assert.StartsWith("40 days 0 hours", page.Find("#clock-offset").TextContent, StringComparison.Ordinal);
        Assert.Single(await MovesAsync(partner.TenantId));
    }

    [Fact]
    public async Task Setting_the_clock_to_a_moment_ahead_is_stored()
    {
        var (partner, page) = await OpenAsync();
        var target = DateTime.UtcNow.Date.AddDays(3);

        await SetAsync(page, target, new TimeSpan(9, 30, 0));

        page.WaitForAssertion(() => Assert.Equal($"The sandbox clock now reads {target:yyyy-MM-dd} 09:30:00 UTC.", Message(page)));
        Assert.Single(await MovesAsync(partner.TenantId));
    }

    [Theory]
    [InlineData(0, 0, "Days and Hours: move the clock forward by at least one hour.")]
    [InlineData(null, null, "Days and Hours: move the clock forward by at least one hour.")]
    [InlineData(0, 24, "Hours: enter a whole number between 0 and 23.")]
    [InlineData(-1, 5, "Days: enter a whole number between 0 and 3650.")]
    public async Task Moving_by_nothing_or_out_of_bounds_is_refused_naming_the_field_and_changes_nothing(int? days, int? hours, string expected)
    {
        var (partner, page) = await OpenAsync();

        await AdvanceAsync(page, days, hours);

        page.WaitForAssertion(() => Assert.Equal(expected, Message(page)));
        Assert.Equal("alert", page.Find("#clock-message").GetAttribute("role"));
        Assert.Empty(await MovesAsync(partner.TenantId));
        Assert.Equal("nothing: it runs on real time", page.Find("#clock-offset").TextContent);
    }

    [Fact]
    public async Task Setting_the_clock_backwards_or_to_no_date_is_refused_and_changes_nothing()
    {
        var (partner, page) = await OpenAsync();

        await SetAsync(page, new DateTime(2001, 1, 1));
        page.WaitForAssertion(() => Assert.Contains("only moves forward", Message(page), StringComparison.Ordinal));
        await SetAsync(page, null);
        page.WaitForAssertion(() => Assert.Equal("Date and time: enter the moment to set the clock to.", Message(page)));

        Assert.Equal("Date and time: enter the moment to set the clock to.", page.FindComponent<MudDatePicker>().Instance.GetState(x => x.ErrorText));
        Assert.Empty(await MovesAsync(partner.TenantId));
    }

    [Fact]
    public async Task The_clock_goes_at_most_the_horizon_ahead_of_real_time_with_a_message_saying_so()
    {
        var (partner, page) = await OpenAsync();

        await AdvanceAsync(page, 3650, 0);
        Answer("Move the clock");
        page.WaitForAssertion(() => Assert.StartsWith($"The sandbox clock goes at most {PartnerClock.HorizonYears} years ahead of real time: it is ", Message(page), StringComparison.Ordinal));
        Assert.Contains("so it can move forward by at most", Message(page), StringComparison.Ordinal);

        await SetAsync(page, DateTime.UtcNow.Date.AddYears(PartnerClock.HorizonYears).AddDays(2));
        Answer("Move the clock");
        page.WaitForAssertion(() => Assert.Contains("the latest it can be set to is", Message(page), StringComparison.Ordinal));

        Assert.Equal("alert", page.Find("#clock-message").GetAttribute("role"));
        Assert.Empty(await MovesAsync(partner.TenantId));
    }

    [Fact]
    public async Task A_production_partner_has_no_sandbox_clock()
    {
        var (partner, page) = await OpenAsync(PartnerEnvironment.Production);

        Assert.Equal("Page not found", page.Find("h1").TextContent);
        Assert.DoesNotContain("Sandbox time", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#advance-clock, #set-clock"));
        Assert.Empty(await MovesAsync(partner.TenantId));
    }
}
