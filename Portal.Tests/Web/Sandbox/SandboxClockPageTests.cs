using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Sandbox;

/// <summary>
/// The sandbox clock page, on a portal of its own (moving the shared portal's sandbox clock would change what other
/// tests see).
/// </summary>
public sealed class SandboxClockPageTests(SandboxClockPageTests.OwnPortal own) : IClassFixture<SandboxClockPageTests.OwnPortal>
{
    private const string Password = "Demo-Password-2026";
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
    public async Task A_sandbox_agent_moves_the_clock_forward_and_the_move_is_audited()
    {
        using var client = _portal.Browserless();
        await client.SignInAsync("salesagent@northwind.example", Password);

        var page = await client.GetStringAsync(new Uri("/sandbox/clock", UriKind.Relative), Ct);
        Assert.Contains("Sandbox time", page, StringComparison.Ordinal);
        var moved = await client.SubmitFormAsync("/sandbox/clock", "#advance-form", new Dictionary<string, string> { ["Advance.Days"] = "30", ["Advance.Hours"] = "2" });

        var html = await moved.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("The sandbox clock now reads", html, StringComparison.Ordinal);
        Assert.Contains("30 days 2 hours", html, StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var audit = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Action == "Sandbox clock moved", Ct);
        Assert.Equal((DemoIds.NorthwindTenantId, "Lee Gu"), (audit.PartnerTenantId, audit.Actor));
    }

    [Fact]
    public async Task Moving_by_nothing_or_backwards_is_refused_with_a_message_naming_the_field_and_changes_nothing()
    {
        using var client = _portal.Browserless();
        await client.SignInAsync("adminagent@northwind.example", Password);

        var nothing = await client.SubmitFormAsync("/sandbox/clock", "#advance-form", new Dictionary<string, string> { ["Advance.Days"] = "0", ["Advance.Hours"] = "0" });
        var backwards = await client.SubmitFormAsync("/sandbox/clock", "#set-form", new Dictionary<string, string> { ["SetTo.At"] = "2001-01-01T00:00" });
        var tooManyHours = await client.SubmitFormAsync("/sandbox/clock", "#advance-form", new Dictionary<string, string> { ["Advance.Hours"] = "24" });

        Assert.Contains("Days and Hours: move the clock forward", await nothing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("only moves forward", await backwards.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Hours: enter a whole number between 0 and 23.", await tooManyHours.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "Sandbox clock moved" && a.Actor == "Johanna Lorenz", Ct));
    }

    [Fact]
    public async Task A_production_partner_gets_404_and_a_helpdesk_agent_may_not_use_it()
    {
        using var production = _portal.Browserless();
        await production.SignInAsync("salesagent@contoso.example", Password);
        using var helpdesk = _portal.Browserless();
        await helpdesk.SignInAsync("helpdesk@northwind.example", Password);

        var notFound = await production.GetAsync(new Uri("/sandbox/clock", UriKind.Relative), Ct);
        var denied = await helpdesk.GetAsync(new Uri("/sandbox/clock", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain("Sandbox time", await denied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
