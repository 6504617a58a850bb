using System.Text.RegularExpressions;
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
        IWebSocketRoute? circuit = null;
        var serverReachable = true;
        // Every circuit connection goes through the test, which can cut it and refuse new ones, as a lost network would.
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (!serverReachable)
            {
                _ = socket.CloseAsync();
                return;
            }

            circuit = socket;
            socket.ConnectToServer();
        });
        // SignalR falls back to HTTP transports (negotiate, long polling) when the socket fails: those are cut too.
        await page.RouteAsync(new Regex("/_blazor"), route => serverReachable ? route.ContinueAsync() : route.AbortAsync());
        await BrowserPages.GotoInteractiveAsync(page, "/rules");
        var dialog = page.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeHiddenAsync();

        serverReachable = false;
        await circuit!.CloseAsync();

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Connection lost" })).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Your drafts are saved on the server.");
        await BrowserPages.CheckAsync(page, "reconnecting");

        serverReachable = true;
        await Expect(dialog).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Migration rules");
        await Expect(page.Locator("#portal-interactive")).ToBeAttachedAsync();
    }
}
