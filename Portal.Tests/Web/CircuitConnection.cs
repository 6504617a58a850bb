using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Tests.Web;

/// <summary>
/// Routes a page's circuit connection through the test, which can cut it and refuse new ones, as a lost network
/// would: the WebSocket, and SignalR's fallbacks over HTTP (negotiate, long polling).
/// </summary>
public sealed class CircuitConnection
{
    private IWebSocketRoute? _socket;
    private bool _reachable = true;

    private CircuitConnection()
    {
    }

    /// <summary>Starts routing <paramref name="page"/>'s circuit connections; call before the page opens its circuit.</summary>
    public static async Task<CircuitConnection> RouteAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var connection = new CircuitConnection();
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (!connection._reachable)
            {
                _ = socket.CloseAsync();
                return;
            }

            connection._socket = socket;
            socket.ConnectToServer();
        });
        await page.RouteAsync(new Regex("/_blazor"), route => connection._reachable ? route.ContinueAsync() : route.AbortAsync());
        return connection;
    }

    /// <summary>Closes the open circuit connection and refuses new ones until <see cref="Restore"/>.</summary>
    public async Task CutAsync()
    {
        _reachable = false;
        if (_socket is { } socket)
        {
            await socket.CloseAsync();
        }
    }

    /// <summary>Lets the page reconnect.</summary>
    public void Restore() => _reachable = true;
}
