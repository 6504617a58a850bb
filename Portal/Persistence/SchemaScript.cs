using Microsoft.EntityFrameworkCore;

namespace Portal.Persistence;

/// <summary>
/// Prints the SQL that creates the current model's schema on one provider:
/// <c>dotnet run --project Portal -- schema-script Sqlite|PostgreSQL</c>; needs no database. Migrations are
/// generated with <c>scripts/add-migration.sh</c> (ADR-020); this shows the whole schema they build.
/// </summary>
public static class SchemaScript
{
    public static bool TryRun(string[] args, TextWriter output)
    {
        if (args.Length != 2 || args[0] != "schema-script")
        {
            return false;
        }

        if (!Enum.TryParse<DatabaseProvider>(args[1], ignoreCase: true, out var provider))
        {
            throw new ArgumentException($"Unknown provider '{args[1]}': use Sqlite or PostgreSQL.");
        }

        output.Write(Generate(provider));
        return true;
    }

    public static string Generate(DatabaseProvider provider)
    {
        // The model depends on the app's services, not only on the provider: Identity's table layout follows
        // IdentityOptions.Stores.SchemaVersion (STACK.md gotcha 3). So the context comes from the app's own
        // registration; a bare `new PortalDbContext(options)` would describe Identity's version 1 tables.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost",
                ["Database:MigrateOnStartup"] = "false",
            })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddPortalPersistence(configuration, Path.GetTempPath())
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GenerateCreateScript();
    }
}
