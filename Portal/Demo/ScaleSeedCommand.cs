using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Hosting;
using Portal.Persistence;

namespace Portal.Demo;

/// <summary>
/// Generates the scale data set without serving:
/// <c>dotnet run --project Portal --no-launch-profile -- seed-scale --customers 10000 --subscriptions-per-customer 10 --migrations-per-customer 10</c>.
/// Options: <c>--migrations-per-customer N</c> (default 0: migrations with their events, a schedule and the New
/// Commerce subscriptions of the completed ones), <c>--seed N</c> (default 20260101), <c>--replace</c> (drop the Scale Test Partner's customers first).
/// Any other argument is configuration, as for the app (e.g. <c>--Database:Provider PostgreSQL</c>).
/// </summary>
public static class ScaleSeedCommand
{
    public const string Name = "seed-scale";

    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        var options = new ScaleOptions { Customers = 10_000, SubscriptionsPerCustomer = 10 };
        var replace = false;
        var configurationArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--customers":
                    options.Customers = ReadNumber(args, ++i);
                    break;
                case "--subscriptions-per-customer":
                    options.SubscriptionsPerCustomer = ReadNumber(args, ++i);
                    break;
                case "--migrations-per-customer":
                    options.MigrationsPerCustomer = ReadNumber(args, ++i);
                    break;
                case "--seed":
                    options.Seed = ReadNumber(args, ++i);
                    break;
                case "--replace":
                    replace = true;
                    break;
                default:
                    configurationArgs.Add(args[i]);
                    break;
            }
        }

        // The app's own configuration (appsettings, environment, command line) and store registration, nothing else.
        var builder = CommandHost.CreateBuilder(configurationArgs.ToArray());
        builder.Services.AddPortalDemo(builder.Configuration);
        await using var app = builder.Build();

        var total = Stopwatch.StartNew();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        var result = await app.Services.GetRequiredService<ScaleDataGenerator>().GenerateAsync(options, replace, CancellationToken.None);
        if (result.Skipped)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Scale Test Partner already has {result.Customers:N0} customers and {result.LegacySubscriptions:N0} legacy subscriptions; nothing generated. Pass --replace to generate them again."));
            Environment.ExitCode = 2;
            return true;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Scale Test Partner: {result.Customers:N0} customers and {result.LegacySubscriptions:N0} legacy subscriptions generated, with {result.Migrations:N0} migrations ({result.MigrationEvents:N0} events), {result.Schedules:N0} schedules and {result.NceSubscriptions:N0} New Commerce subscriptions, stored in {result.Elapsed.TotalSeconds:F1} s ({total.Elapsed.TotalSeconds:F1} s with the schema check; seed {options.Seed})."));
        return true;
    }

    private static int ReadNumber(string[] args, int index)
    {
        if (index >= args.Length || !int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new ArgumentException($"{args[index - 1]} needs a whole number (0 or more).");
        }

        return value;
    }
}
