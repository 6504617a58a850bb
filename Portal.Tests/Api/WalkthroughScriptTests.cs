using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

/// <summary>
/// The portal with its engine worker running (the shared <see cref="PortalFactory"/> keeps it off so seeded data
/// stays still), on a real Kestrel port and a database of its own, for the curl walkthrough.
/// </summary>
public sealed class WorkingPortalFactory : WebApplicationFactory<Program>
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"portal-walkthrough-{Guid.NewGuid():N}.db");

    public WorkingPortalFactory() => UseKestrel(0);

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databaseFile};Pooling=False");
        builder.UseSetting("Engine:Worker:Enabled", "true");
        builder.UseSetting("Engine:Worker:PollInterval", "00:00:00.500");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}

public class WalkthroughScriptTests
{
    [Fact]
    public async Task The_curl_walkthrough_goes_from_a_sandbox_customer_to_a_schedule_run_on_renewal()
    {
        using var portal = new WorkingPortalFactory();
        var script = Path.Combine(RepoPaths.Root, "scripts", "api-walkthrough.sh");
        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PORTAL_URL"] = portal.ServerAddress.ToString(), ["WAIT_SECONDS"] = "120" }, // the documented demo key by default
        };

        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        var text = await output;

        Assert.True(bash.ExitCode == 0, $"exit {bash.ExitCode}\n{text}\n{await errors}");
        Assert.Contains("monthly term billed annually: isEligible=false, code 6 TermDurationBillingCycleCombinationNotSupported", text, StringComparison.Ordinal);
        Assert.Contains("add-on bought today: isEligible=false, AddOnPurchasedWithinLast30Days", text, StringComparison.Ordinal);
        Assert.Contains("carry over with 25 seats: isEligible=true, catalogItemId CFQ7TTC0LF8R:0001:0001", text, StringComparison.Ordinal);
        Assert.Matches("events: .*MigrationStarted.*NewCommerceSubscriptionCreated.*NewCommerceSubscriptionProvisioned.*MigrationCompleted", text);
        Assert.Contains("migration status: Completed", text, StringComparison.Ordinal);
        Assert.Matches(@"new commerce subscription: [0-9a-f-]{36} \(CFQ7TTC0LF8R:0001:0001, 25 seats", text);
        Assert.Matches("schedule: [0-9a-f-]{36}, status Created", text);
        Assert.Matches("schedule status: Completed, migration [0-9a-f-]{36}", text);
        Assert.Contains("scheduled migration status: Completed", text, StringComparison.Ordinal);
        Assert.EndsWith("== Done\n", text, StringComparison.Ordinal);
    }
}
