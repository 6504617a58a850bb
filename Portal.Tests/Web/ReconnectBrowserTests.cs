using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web;

/// <summary>A lost circuit connection shows the portal's reconnect dialog, and the page carries on once it is back.</summary>
public class ReconnectBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    [Fact]
    public async Task A_dropped_connection_shows_the_reconnect_dialog_until_the_circuit_is_back()
    {
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        var connection = await CircuitConnection.RouteAsync(page);
        await BrowserPages.GotoInteractiveAsync(page, "/rules");
        var dialog = page.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeHiddenAsync();

        await connection.CutAsync();

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Connection lost" })).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Your drafts are saved on the server.");
        await BrowserPages.CheckAsync(page, "reconnecting");

        connection.Restore();
        await Expect(dialog).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migration rules");
        await Expect(page.Locator("#portal-interactive")).ToBeAttachedAsync();
    }
}
