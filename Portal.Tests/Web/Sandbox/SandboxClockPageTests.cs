using System.Net;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Sandbox;

/// <summary>
/// The sandbox clock page as prerendered for a GET: a Sandbox agent gets it, a Production partner gets 404 and a
/// helpdesk agent is refused. Moving the clock is the circuit's work: <c>Portal.Tests.Components.Sandbox.SandboxClockTests</c>
/// and the browser journey <c>SandboxClockBrowserTests</c>.
/// </summary>
public sealed class SandboxClockPageTests(PortalFactory factory)
{
    private const string Password = "Demo-Password-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sandbox_agent_gets_the_page_a_production_partner_gets_404_and_a_helpdesk_agent_may_not_use_it()
    {
        using var sandbox = factory.Browserless();
        await sandbox.SignInAsync("salesagent@northwind.example", Password);
        using var production = factory.Browserless();
        await production.SignInAsync("salesagent@contoso.example", Password);
        using var helpdesk = factory.Browserless();
        await helpdesk.SignInAsync("helpdesk@northwind.example", Password);

        var page = await sandbox.GetAsync(new Uri("/sandbox/clock", UriKind.Relative), Ct);
        var notFound = await production.GetAsync(new Uri("/sandbox/clock", UriKind.Relative), Ct);
        var denied = await helpdesk.GetAsync(new Uri("/sandbox/clock", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sandbox time", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("Page not found", await notFound.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain("Sandbox time", await denied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
