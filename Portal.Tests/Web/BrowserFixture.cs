using Microsoft.Playwright;

namespace Portal.Tests.Web;

/// <summary>
/// One headless Chromium for the whole test assembly (see <c>WebFixtures.cs</c>), launched on first use so tests that
/// need no browser never pay for it. Each test takes its own cheap <see cref="IBrowserContext"/>.
/// </summary>
/// <remarks>
/// Uses Debian's <c>/usr/bin/chromium</c> (installed by <c>./test.sh</c>) and the Playwright driver that ships inside
/// the NuGet package; <c>playwright install</c> is never needed. A missing Chromium fails the test, in CI and locally:
/// it is never a skip.
/// </remarks>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> _launch;

    public BrowserFixture()
    {
        _launch = new(LaunchAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The shared browser; launches it on the first call.</summary>
    public async Task<IBrowser> GetBrowserAsync() => (await _launch.Value).Browser;

    /// <summary>A fresh context (own cookies and storage) whose relative URLs resolve against <paramref name="baseAddress"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var browser = await GetBrowserAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
        });
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        // On CI's two cores the whole suite runs beside the browser: a circuit's page can take longer than
        // Playwright's 5 s default to render after a click. Assertions still fail, only later.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        if (!File.Exists(ChromiumPath))
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
                ? " (CI=true: browser tests must run in CI)"
                : string.Empty;
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}{ci}. Run ./test.sh from the repository root: " +
                "it installs Debian's chromium package and runs every test.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_launch.IsValueCreated && _launch.Value.IsCompletedSuccessfully)
        {
            var (playwright, browser) = _launch.Value.Result;
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
