using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Persistence;

/// <summary>The store on SQLite; its generated migrations are in <c>Migrations/Sqlite</c> (ADR-020).</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

/// <summary>The store on PostgreSQL; its generated migrations are in <c>Migrations/PostgreSQL</c> (ADR-020).</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);

/// <summary>
/// What <c>dotnet ef</c> builds to scaffold SQLite migrations (<c>scripts/add-migration.sh</c>): the context as the
/// app configures it. Scaffolding reads only the model, so no database is opened.
/// </summary>
public sealed class SqlitePortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        (SqlitePortalDbContext)PersistenceRegistration.NewContext(DatabaseProvider.Sqlite, DesignTimeConnection.For(DatabaseProvider.Sqlite, args));
}

/// <summary>What <c>dotnet ef</c> builds to scaffold PostgreSQL migrations; see <see cref="SqlitePortalDbContextDesignTimeFactory"/>.</summary>
public sealed class PostgresPortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args) =>
        (PostgresPortalDbContext)PersistenceRegistration.NewContext(DatabaseProvider.PostgreSQL, DesignTimeConnection.For(DatabaseProvider.PostgreSQL, args));
}

/// <summary>
/// The connection a design-time context gets: <c>--connection "..."</c> after <c>--</c> on the <c>dotnet ef</c>
/// command line (for <c>dotnet ef database update</c> or <c>migrations list</c>), or one that is never opened.
/// </summary>
internal static class DesignTimeConnection
{
    public static string For(DatabaseProvider provider, string[] args)
    {
        var at = Array.IndexOf(args, "--connection");
        if (at >= 0 && at + 1 < args.Length)
        {
            return args[at + 1];
        }

        return provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost";
    }
}
