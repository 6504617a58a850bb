using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Benchmarks;

/// <summary>
/// Issue 14's interactive-pages benchmark, run by <c>scripts/bench-circuits</c>: a real Chromium against the portal on
/// Kestrel in this process (a fresh demo database, <see cref="IsolatedPortal"/>). For the dashboard (<c>/</c>) and the
/// migration wizard's first step it takes the median of several loads of time to first byte, first contentful paint
/// of the prerendered page and time until the circuit is interactive (<c>#portal-interactive</c> attached); then the
/// server's memory per open circuit: managed heap and working set before and after opening signed-in circuits (half on
/// each page, each in its own browser context, all kept open), and after closing them. Prints a Markdown table to the
/// test output and to <c>artifacts/bench/circuits.md</c>.
/// </summary>
/// <remarks>
/// A benchmark, not a test: it asserts nothing about times, and is explicit, so <c>dotnet test</c> and
/// <c>./test.sh</c> never run it (<c>-- xUnit.Explicit=only</c> does). Settings (environment variables):
/// <c>PORTAL_BENCH_CIRCUITS</c> (default 50), <c>PORTAL_BENCH_LOADS</c> (default 7).
/// </remarks>
public sealed class CircuitBenchmark(IsolatedPortal portal, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<IsolatedPortal>
{
    private const string SignedInAs = "adminagent@contoso.example";

    /// <summary>Records, on every document, the moment (ms since navigation start) the layout attaches <c>#portal-interactive</c>.</summary>
    private const string InteractiveProbe = """
        (() => {
          const mark = () => {
            if (window.__portalInteractive === undefined && document.getElementById('portal-interactive')) {
              window.__portalInteractive = performance.now();
            }
          };
          new MutationObserver(mark).observe(document, { childList: true, subtree: true });
        })();
        """;

    /// <summary>Navigation timing of the current document: first byte, first contentful paint, interactive (ms, -1 when missing).</summary>
    private const string ReadTimings = """
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return [nav ? nav.responseStart : -1, fcp ? fcp.startTime : -1, window.__portalInteractive ?? -1];
        }
        """;

    private static readonly string[] Timings = ["time to first byte", "first contentful paint (prerendered page)", "interactive (circuit up, #portal-interactive)"];

    private PortalFactory Factory => portal.Factory;

    [Fact(Explicit = true)]
    public async Task Interactive_pages_time_to_first_render_and_server_memory_per_circuit()
    {
        var circuits = Setting("PORTAL_BENCH_CIRCUITS", 50);
        var loads = Setting("PORTAL_BENCH_LOADS", 7);
        var ct = TestContext.Current.CancellationToken;
        var started = DateTimeOffset.UtcNow;
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", ct)).Trim() : "n/a";
        var baseAddress = Factory.ServerAddress;
        using var counter = new CircuitCounter(Factory.Services.GetRequiredService<IMeterFactory>());

        // One sign-in; every context starts with its cookies, so each context is a signed-in user of its own circuit.
        string signedIn;
        await using (var context = await browser.NewContextAsync(baseAddress))
        {
            var page = await context.NewPageAsync();
            await BrowserPages.SignInAsync(page, SignedInAs, DemoAccounts.Password);
            signedIn = await context.StorageStateAsync();
        }

        var wizard = await WizardStepPathAsync(baseAddress, signedIn);
        var rows = new List<(string Operation, string Value, string Note)>();
        await using (var context = await NewSignedInContextAsync(baseAddress, signedIn))
        {
            await context.AddInitScriptAsync(InteractiveProbe);
            foreach (var (name, path) in new[] { ("dashboard `/`", "/"), ("wizard, first step (`/customers/{id}/migrate/{draft}/bundle`)", wizard) })
            {
                var samples = await LoadTimesAsync(context, path, loads);
                for (var i = 0; i < Timings.Length; i++)
                {
                    var values = samples.Select(s => s[i]).Where(v => v >= 0).ToList();
                    rows.Add(($"{name}: {Timings[i]}", values.Count == 0 ? "n/a" : Ms(Median(values)),
                        values.Count == 0 ? "not reported by Chromium" : $"median of {values.Count} loads (min {Ms(values.Min())}, max {Ms(values.Max())}), from navigation start"));
                }
            }
        }

        await counter.WaitForActiveAsync(0, ct);
        rows.AddRange(await MemoryPerCircuitAsync(baseAddress, signedIn, wizard, circuits, counter, ct));

        var report = Report(started, load, circuits, loads, rows);
        output.WriteLine(report);
        var directory = Path.Combine(RepoPaths.Root, "artifacts", "bench");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "circuits.md"), report, ct);
    }

    /// <summary>Opens <paramref name="circuits"/> signed-in circuits (half dashboard, half wizard) and keeps them open; memory before, with, and after.</summary>
    private async Task<List<(string, string, string)>> MemoryPerCircuitAsync(Uri baseAddress, string signedIn, string wizard, int circuits, CircuitCounter counter, CancellationToken ct)
    {
        var rows = new List<(string, string, string)>();
        // Control: the same pages in as many contexts with JavaScript off: prerendered and loaded like the real ones (the
        // same requests, the same Playwright objects in this process), but no circuit.
        var blank = await Memory.TakeAsync();
        var control = await OpenAsync(baseAddress, signedIn, wizard, circuits, javaScript: false);
        var withControl = await Memory.TakeAsync();
        await CloseAllAsync(control);

        await counter.WaitForActiveAsync(0, ct);
        var baseline = counter.Active;
        var before = await Memory.TakeAsync();
        var clock = Stopwatch.StartNew();
        var open = await OpenAsync(baseAddress, signedIn, wizard, circuits, javaScript: true);
        try
        {
            var opening = clock.Elapsed;
            await counter.WaitForActiveAsync(baseline + circuits, ct);
            var with = await Memory.TakeAsync();
            var circuitNote = $"server's circuit meter: {counter.Active} active, {counter.Connected} connected ({baseline} active before)";
            rows.Add(("managed heap before (GC.GetTotalMemory, full collection)", Mb(before.Heap), "after the page timings, no circuit open; whole test process"));
            rows.Add(("working set before", Mb(before.WorkingSet), "whole test process (portal, test host, Playwright client)"));
            rows.Add(($"managed heap with {circuits} circuits open", Mb(with.Heap), $"{(circuits + 1) / 2} on the dashboard, {circuits / 2} on the wizard, each its own context, signed in; {circuitNote}; opened one after another in {opening.TotalSeconds:F1} s"));
            rows.Add(($"working set with {circuits} circuits open", Mb(with.WorkingSet), string.Empty));
            var perCircuit = (with.Heap - before.Heap) / (double)circuits;
            var perControl = (withControl.Heap - blank.Heap) / (double)circuits;
            rows.Add(("managed heap per circuit, as measured", Kb(perCircuit), $"(with - before) / {circuits}; includes Playwright's client objects of each context and page in this process"));
            rows.Add(("control: managed heap per context without a circuit", Kb(perControl), $"the same {circuits} pages in as many contexts with JavaScript off: prerendered and loaded alike, no circuit"));
            rows.Add(("**managed heap per circuit**", Kb(perCircuit - Math.Max(perControl, 0)), "as measured, less the control (a negative control, noise, counts as 0): the server's own cost of one open circuit"));
            rows.Add(("**working set per circuit**", Kb((with.WorkingSet - before.WorkingSet) / (double)circuits), $"(with - before) / {circuits}, whole process; includes the control's share and heap the runtime grew to"));
        }
        finally
        {
            await CloseAllAsync(open);
        }

        var closed = await counter.WaitForActiveAsync(baseline, ct);
        var after = await Memory.TakeAsync();
        var closedNote = closed
            ? $"all {circuits} contexts closed, the server's circuits gone ({counter.Active} active)"
            : $"all {circuits} contexts closed; {counter.Active} circuits still active after 30 s ({baseline} before opening; a closed tab's circuit is kept as disconnected until its retention ends)";
        rows.Add(("managed heap after closing them", Mb(after.Heap), closedNote));
        rows.Add(("working set after closing them", Mb(after.WorkingSet), string.Empty));
        return rows;
    }

    /// <summary>Opens <paramref name="count"/> signed-in contexts, the first half on the dashboard and the rest on the wizard, one after another, and keeps them open.</summary>
    private async Task<List<IBrowserContext>> OpenAsync(Uri baseAddress, string signedIn, string wizard, int count, bool javaScript)
    {
        var open = new List<IBrowserContext>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var context = await NewSignedInContextAsync(baseAddress, signedIn, javaScript);
                open.Add(context);
                var page = await context.NewPageAsync();
                var path = i < (count + 1) / 2 ? "/" : wizard;
                if (javaScript)
                {
                    await BrowserPages.GotoInteractiveAsync(page, path);
                }
                else
                {
                    await page.GotoAsync(path);
                }
            }

            return open;
        }
        catch
        {
            await CloseAllAsync(open);
            throw;
        }
    }

    private static async Task CloseAllAsync(List<IBrowserContext> contexts)
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Loads <paramref name="path"/> once to warm up, then <paramref name="loads"/> times, each in a fresh page (a new circuit) of the same context.</summary>
    private static async Task<List<double[]>> LoadTimesAsync(IBrowserContext context, string path, int loads)
    {
        var samples = new List<double[]>();
        for (var i = 0; i <= loads; i++)
        {
            var page = await context.NewPageAsync();
            await BrowserPages.GotoInteractiveAsync(page, path);
            var timings = await page.EvaluateAsync<double[]>(ReadTimings);
            if (i > 0)
            {
                samples.Add(timings);
            }

            await page.CloseAsync();
        }

        return samples;
    }

    /// <summary>Opens the wizard on Fabrikam's Office 365 E3 (which continues the user's open draft) and returns its first step's path.</summary>
    private async Task<string> WizardStepPathAsync(Uri baseAddress, string signedIn)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var customerId = await db.Customers.Where(c => c.Name == "Fabrikam, Inc.").Select(c => c.TenantId).SingleAsync(TestContext.Current.CancellationToken);
        var e3 = await db.LegacySubscriptions.SingleAsync(s => s.CustomerId == customerId && s.FriendlyName == "Office 365 E3" && s.ParentSubscriptionId == null && s.Status == LegacySubscriptionStatus.Active, TestContext.Current.CancellationToken);

        await using var context = await NewSignedInContextAsync(baseAddress, signedIn);
        var page = await context.NewPageAsync();
        await BrowserPages.GotoInteractiveAsync(page, $"/customers/{customerId}/migrate?subscription={e3.Id}");
        await page.WaitForURLAsync(url => url.EndsWith("/bundle", StringComparison.Ordinal));
        return new Uri(page.Url).PathAndQuery;
    }

    private async Task<IBrowserContext> NewSignedInContextAsync(Uri baseAddress, string storageState, bool javaScript = true) =>
        await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
            StorageState = storageState,
        });

    private static string Report(DateTimeOffset started, string load, int circuits, int loads, List<(string Operation, string Value, string Note)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Interactive pages, {started:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, load average at start {load}; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Configuration} build, portal in-process on Kestrel (SQLite, demo data), headless Chromium; {circuits} circuits, {loads} loads per page after a warm-up; signed in as {SignedInAs}.");
        text.AppendLine();
        text.AppendLine("| operation | value | note |");
        text.AppendLine("|---|---:|---|");
        foreach (var (operation, value, note) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {value} | {note} |");
        }

        return text.ToString();
    }

    private static string Configuration =>
        typeof(Program).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "unknown";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1024d / 1024d).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(double bytes) => (bytes / 1024d).ToString("F0", CultureInfo.InvariantCulture) + " KB";

    /// <summary>The test process's managed heap after a full collection, and its working set.</summary>
    private sealed record Memory(long Heap, long WorkingSet)
    {
        public static async Task<Memory> TakeAsync()
        {
            // Let the server finish what the last page set off (renders, disposals) before collecting.
            await Task.Delay(TimeSpan.FromSeconds(2));
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new Memory(heap, process.WorkingSet64);
        }
    }

    /// <summary>Follows the portal's own circuit meter (ASP.NET Core's <c>aspnetcore.components.circuit.*</c>) of this factory's host only.</summary>
    private sealed class CircuitCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _active;
        private long _connected;

        public CircuitCounter(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Components.Server.Circuits" && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "aspnetcore.components.circuit.active")
                {
                    Interlocked.Add(ref _active, value);
                }
                else if (instrument.Name == "aspnetcore.components.circuit.connected")
                {
                    Interlocked.Add(ref _connected, value);
                }
            });
            _listener.Start();
        }

        public long Active => Interlocked.Read(ref _active);

        public long Connected => Interlocked.Read(ref _connected);

        /// <summary>Waits up to 30 s for <paramref name="count"/> active circuits; false when they are not there by then.</summary>
        public async Task<bool> WaitForActiveAsync(long count, CancellationToken ct)
        {
            for (var waited = 0; waited < 300; waited++)
            {
                if (Active == count)
                {
                    return true;
                }

                await Task.Delay(100, ct);
            }

            return false;
        }

        public void Dispose() => _listener.Dispose();
    }
}
