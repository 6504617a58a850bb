namespace Portal.Persistence;

/// <summary>The database engines the portal runs on, chosen with <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the app's data folder; the default, so <c>dotnet run</c> needs nothing else.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several app instances.</summary>
    PostgreSQL,
}

/// <summary>The <c>Database</c> section of the configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite it defaults to <c>App_Data/portal.db</c> under the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply schema migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
