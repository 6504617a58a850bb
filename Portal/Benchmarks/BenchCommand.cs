using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Csv;
using Portal.Dashboard;
using Portal.Demo;
using Portal.Engine;
using Portal.Hosting;
using Portal.Persistence;
using Portal.Subscriptions;
using Portal.Webhooks;

namespace Portal.Benchmarks;

/// <summary>
/// <c>dotnet run --project Portal -c Release --no-launch-profile -- bench [--postgres CONN] [--customers N]
/// [--subscriptions-per-customer N] [--migrations-per-customer N] [--engine-migrations N] [--runs N] [--keep FILE]</c>:
/// seeds the scale data set (with migrations, schedules, notifications, New Commerce subscriptions and two large
/// customers of 200 and 1,000 subscriptions) into a temporary SQLite file, or a temporary database on the PostgreSQL
/// server of CONN, then measures in the same run each read the pages and exports make against the plain database read
/// of the same rows (<see cref="RawReads"/>), and the engine's throughput (<see cref="EngineThroughput"/>); prints a
/// Markdown table of times (median of the runs after a warm-up), ratios, targets and memory.
/// </summary>
public static partial class BenchCommand
{
    public const string Name = "bench";

    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        var settings = BenchSettings.Parse(args.AsSpan(1));
        var database = await TemporaryDatabase.CreateAsync(settings);
        try
        {
            await RunAsync(settings, database, output);
        }
        finally
        {
            await database.DisposeAsync();
        }

        return true;
    }

    private static async Task RunAsync(BenchSettings settings, TemporaryDatabase database, TextWriter output)
    {
        var builder = CommandHost.CreateBuilder(["--Database:Provider", database.Provider.ToString(), "--Database:ConnectionString", database.ConnectionString,
            "--Engine:Simulation:BeginAfter", "00:00:00", "--Engine:Simulation:CreateAfter", "00:00:00",
            "--Engine:Simulation:ProvisionAfter", "00:00:00", "--Engine:Simulation:CompleteAfter", "00:00:00", "--Engine:Worker:Enabled", "false"]);
        builder.Services.AddPortalDemo(builder.Configuration);
        builder.Services.AddPortalEngine(builder.Configuration);
        builder.Services.AddPortalDashboard(builder.Configuration);
        builder.Services.AddPortalSubscriptionPages();
        builder.Services.AddPortalCsv();
        builder.Services.AddPortalWebhooks(builder.Configuration);
        builder.Services.AddScoped<RawReads>();
        await using var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        }

        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformationText()}";
        output.WriteLine(Invariant($"Seeding {settings.Customers:N0} customers x {settings.SubscriptionsPerCustomer} subscriptions, {settings.MigrationsPerCustomer} migrations per customer, and customers of 200 and 1,000 subscriptions into {database.Description} ..."));
        var options = new ScaleOptions { Customers = settings.Customers, SubscriptionsPerCustomer = settings.SubscriptionsPerCustomer, MigrationsPerCustomer = settings.MigrationsPerCustomer };
        options.LargeCustomers.Add(200);
        options.LargeCustomers.Add(1000);
        var seeded = await app.Services.GetRequiredService<ScaleDataGenerator>().GenerateAsync(options, replace: false, CancellationToken.None);
        output.WriteLine(Invariant($"{(seeded.Skipped ? "Found (kept database, not seeded again)" : "Seeded")} {seeded.Customers:N0} customers, {seeded.LegacySubscriptions:N0} legacy subscriptions, {seeded.Migrations:N0} migrations ({seeded.MigrationEvents:N0} events), {seeded.Schedules:N0} schedules, {seeded.NceSubscriptions:N0} New Commerce subscriptions in {seeded.Elapsed.TotalSeconds:F0} s."));

        var bench = new Bench(app.Services, settings.Runs);
        var rows = new List<BenchRow>();
        if (settings.Measures("pages"))
        {
            rows.AddRange(await PageReads.MeasureAsync(bench, output));
        }

        if (settings.Measures("exports"))
        {
            rows.AddRange(await ExportReads.MeasureAsync(bench, output));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"Date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {machine}; store: {database.Provider}; data set: {seeded.Customers:N0} customers, {seeded.LegacySubscriptions:N0} legacy subscriptions, {seeded.Migrations:N0} migrations, {seeded.MigrationEvents:N0} events, {seeded.Schedules:N0} schedules, {seeded.NceSubscriptions:N0} New Commerce subscriptions; median of {settings.Runs} runs after a warm-up."));
        output.WriteLine();
        output.WriteLine("| operation | rows | portal | raw read | ratio | target | allocated |");
        output.WriteLine("|---|---:|---:|---:|---:|---|---:|");
        foreach (var row in rows)
        {
            output.WriteLine(row.ToMarkdown());
        }

        if (settings.EngineMigrations > 0 && settings.Measures("engine"))
        {
            output.WriteLine();
            await EngineThroughput.CatchUpAsync(app.Services, output);
            var engine = await EngineThroughput.MeasureAsync(app.Services, settings.EngineMigrations, instances: 1, output);
            output.WriteLine("| engine run | migrations | submitted through the desk | until all completed | migrations/s | target |");
            output.WriteLine("|---|---:|---:|---:|---:|---|");
            output.WriteLine(engine.ToMarkdown());
            if (database.Provider == DatabaseProvider.PostgreSQL)
            {
                var two = await EngineThroughput.MeasureAsync(app.Services, settings.EngineMigrations, instances: 2, output);
                output.WriteLine(two.ToMarkdown());
            }
            else
            {
                output.WriteLine("| 2 worker instances | n/a on SQLite (one writer at a time); run with --postgres | | | | |");
            }
        }

        output.WriteLine();
        output.WriteLine("Interactive pages (server memory per circuit for 50 signed-in circuits, time to first render): not measured here; they need a browser: run scripts/bench-circuits (docs/bench-circuits.md).");
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The command's options.</summary>
internal sealed record BenchSettings(string? Postgres, int Customers, int SubscriptionsPerCustomer, int MigrationsPerCustomer, int EngineMigrations, int Runs, string? Keep)
{
    private static readonly string[] Parts = ["pages", "exports", "engine"];

    /// <summary>The parts measured (--only): pages, exports, engine; all by default.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(Parts, StringComparer.Ordinal);

    public bool Measures(string part) => Only.Contains(part);

    public static BenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new BenchSettings(null, 10_000, 10, 10, 10_000, 5, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            settings = args[i] switch
            {
                "--postgres" when value is not null => settings with { Postgres = value },
                "--keep" when value is not null => settings with { Keep = value },
                "--only" when value is not null => settings with { Only = OnlyParts(value) },
                "--customers" => settings with { Customers = Number(args[i], value, 1) },
                "--subscriptions-per-customer" => settings with { SubscriptionsPerCustomer = Number(args[i], value, 1) },
                "--migrations-per-customer" => settings with { MigrationsPerCustomer = Number(args[i], value, 0) },
                "--engine-migrations" => settings with { EngineMigrations = Number(args[i], value, 0) },
                "--runs" => settings with { Runs = Number(args[i], value, 1) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use --postgres CONN, --customers N, --subscriptions-per-customer N, --migrations-per-customer N, --engine-migrations N, --runs N, --keep FILE (or DATABASE with --postgres), --only pages,exports,engine."),
            };
            i++;
        }

        return settings;
    }

    private static HashSet<string> OnlyParts(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = parts.Where(p => !Parts.Contains(p)).ToList();
        return parts.Count > 0 && unknown.Count == 0
            ? parts
            : throw new ArgumentException($"--only takes {string.Join(", ", Parts)} (comma-separated); not '{string.Join(", ", unknown)}'.");
    }

    private static int Number(string name, string? value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} needs a whole number of at least {min}.");
}

/// <summary>
/// The run's database: a temporary SQLite file, or a new database on the --postgres server, dropped afterwards; with
/// --keep, that file or database, created when missing and kept.
/// </summary>
internal sealed partial class TemporaryDatabase : IAsyncDisposable
{
    private static readonly string[] SqliteFiles = ["", "-wal", "-shm", "-journal"];

    private readonly Func<ValueTask> _drop;

    private TemporaryDatabase(DatabaseProvider provider, string connectionString, string description, Func<ValueTask> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
        _drop = drop;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string Description { get; }

    public static async Task<TemporaryDatabase> CreateAsync(BenchSettings settings)
    {
        if (settings.Postgres is { } server)
        {
            // --keep NAME: that database, created when missing and kept afterwards (a seeded one is measured as it is).
            var name = settings.Keep ?? $"portal_bench_{Guid.NewGuid():N}";
            if (!DatabaseName().IsMatch(name))
            {
                throw new ArgumentException($"--keep with --postgres takes a database name of lower-case letters, digits and '_', not '{name}'.");
            }

            if (settings.Keep is null || !await ExistsAsync(server, name))
            {
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
            }

            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            return new TemporaryDatabase(DatabaseProvider.PostgreSQL, connectionString, $"PostgreSQL database {name}", async () =>
            {
                NpgsqlConnection.ClearAllPools();
                if (settings.Keep is null)
                {
                    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                }
            });
        }

        var file = settings.Keep is { } keep ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        return new TemporaryDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", $"SQLite file {file}", () =>
        {
            if (settings.Keep is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in SqliteFiles)
                {
                    File.Delete(file + suffix);
                }
            }

            return ValueTask.CompletedTask;
        });
    }

    public ValueTask DisposeAsync() => _drop();

    private static async Task<bool> ExistsAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex DatabaseName();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // a generated database name, no input
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Times an operation and its raw read, each in a fresh scope: one warm-up, then the median of the runs.</summary>
internal sealed class Bench(IServiceProvider services, int runs)
{
    public IServiceProvider Services { get; } = services;

    public async Task<BenchRow> CompareAsync(string name, string target, double limit, Func<IServiceProvider, Task<long>> portal, Func<RawReads, Task<long>> raw)
    {
        var (portalTime, rows, allocated) = await TimeAsync(portal);
        var (rawTime, _, _) = await TimeAsync(provider => raw(provider.GetRequiredService<RawReads>()));
        return new BenchRow(name, rows, portalTime, rawTime, target, limit, allocated);
    }

    public async Task<(TimeSpan Median, long Rows, long Allocated)> TimeAsync(Func<IServiceProvider, Task<long>> work)
    {
        var times = new List<TimeSpan>();
        long rows = 0;
        long allocated = 0;
        for (var run = 0; run <= runs; run++)
        {
            await using var scope = Services.CreateAsyncScope();
            var before = GC.GetTotalAllocatedBytes();
            var watch = Stopwatch.StartNew();
            rows = await work(scope.ServiceProvider);
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes() - before;
            if (run > 0)
            {
                times.Add(watch.Elapsed);
            }
        }

        times.Sort();
        return (times[times.Count / 2], rows, allocated);
    }
}

/// <summary>One line of the table.</summary>
internal sealed record BenchRow(string Operation, long Rows, TimeSpan Portal, TimeSpan Raw, string Target, double Limit, long Allocated, string? Memory = null)
{
    public double Ratio => Portal.TotalMilliseconds / Math.Max(0.001, Raw.TotalMilliseconds);

    public string ToMarkdown()
    {
        var verdict = double.IsNaN(Limit) ? Target : Ratio <= Limit ? $"{Target}: met" : $"{Target}: MISSED";
        return BenchCommand.Invariant($"| {Operation} | {Rows:N0} | {Portal.TotalMilliseconds:F1} ms | {Raw.TotalMilliseconds:F1} ms | {Ratio:F2}x | {verdict} | {Allocated / 1024.0 / 1024.0:F1} MB{(Memory is null ? "" : "; " + Memory)} |");
    }
}
