using Microsoft.EntityFrameworkCore;

namespace Portal.Persistence;

/// <summary>
/// Prints the SQL that creates the current model's schema on one provider:
/// <c>dotnet run --project Portal -- schema-script Sqlite|PostgreSQL</c>. Used to write the SQL of a new
/// migration (see docs/decisions/ADR-005-schema-migrations.md); needs no database.
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
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PersistenceRegistration.Configure(builder, provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost");
        using var db = new PortalDbContext(builder.Options);
        return db.Database.GenerateCreateScript();
    }
}
