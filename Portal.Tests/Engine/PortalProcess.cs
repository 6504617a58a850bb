using System.Diagnostics;
using Portal.Tests.Web;

namespace Portal.Tests.Engine;

/// <summary>A real portal process (<c>dotnet Portal.dll</c>) on a given database, killed on dispose.</summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private PortalProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Where the started process listens (from its "Now listening on" line).</summary>
    public Uri Address =>
        System.Text.RegularExpressions.Regex.Match(Output, @"Now listening on: ""?(http://[^\s""]+)") is { Success: true } match
            ? new Uri(match.Groups[1].Value.TrimEnd('/') + "/")
            : throw new InvalidOperationException($"The portal process has not said where it listens:\n{Output}");

    public static PortalProcess Start(string name, IDictionary<string, string> settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var folder = Path.Combine(RepoPaths.Root, "Portal", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Portal.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Engine__Worker__InstanceName"] = name;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var portal = new PortalProcess(process);
        process.OutputDataReceived += (_, e) => portal.Add(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>Waits until the host reports it started (a loaded machine may take a while to start .NET).</summary>
    public async Task WaitForStartAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains("Application started", StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The portal process did not start within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, whatever it was doing is cut off.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
