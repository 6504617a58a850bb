using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;

namespace Portal.Persistence;

/// <summary>
/// The one place the store and the Identity stores are registered. The app and the tests both call it, so the
/// Identity schema version and every other setting match (STACK.md gotcha 3).
/// </summary>
public static class PersistenceRegistration
{
    /// <summary>The Identity table layout: the stores are registered with it and the model is built with it.</summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    public static IServiceCollection AddPortalPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Portal");
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var dataFolder = Path.Combine(contentRoot, "App_Data");
            Directory.CreateDirectory(dataFolder);
            options.ConnectionString = $"Data Source={Path.Combine(dataFolder, "portal.db")}";
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                $"Database:Provider is {options.Provider} but no connection string is set: set Database:ConnectionString or ConnectionStrings:Portal.");
        }

        services.AddSingleton(options);
        // One context type per provider, each with its own generated migrations (ADR-020); code asks for PortalDbContext.
        var connectionString = options.ConnectionString;
        _ = options.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(builder => Configure(builder, DatabaseProvider.Sqlite, connectionString)),
            DatabaseProvider.PostgreSQL => services.AddDbContext<PortalDbContext, PostgresPortalDbContext>(builder => Configure(builder, DatabaseProvider.PostgreSQL, connectionString)),
            var other => throw UnknownProvider(other),
        };

        services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = true;
                identity.Password.RequireLowercase = true;
                identity.Password.RequireUppercase = true;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.User.RequireUniqueEmail = true;
                identity.SignIn.RequireConfirmedAccount = false;
                identity.Stores.SchemaVersion = IdentitySchemaVersion;
            })
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseMigrator>());
        return services;
    }

    /// <summary>The table EF Core records applied migrations in (the hand-written ones of ADR-005 too).</summary>
    public const string HistoryTable = "__SchemaHistory";

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(HistoryTable)).AddInterceptors(SqliteConnectionPragmas.Instance);
                break;
            case DatabaseProvider.PostgreSQL:
                builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable));
                break;
            default:
                throw UnknownProvider(provider);
        }
    }

    /// <summary>
    /// A context of <paramref name="provider"/>'s type on <paramref name="connectionString"/>, outside any container
    /// (tools, tests); <paramref name="configure"/> may add to its options (interceptors, say). The caller disposes it.
    /// Its model is the app's: Identity reads its table layout from the services a context is given, and without
    /// them it would fall back to version 1 (STACK.md gotcha 3), a model the migrations do not describe.
    /// </summary>
    public static PortalDbContext NewContext(DatabaseProvider provider, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                return new SqlitePortalDbContext(Options(new DbContextOptionsBuilder<SqlitePortalDbContext>()).Options);
            case DatabaseProvider.PostgreSQL:
                return new PostgresPortalDbContext(Options(new DbContextOptionsBuilder<PostgresPortalDbContext>()).Options);
            default:
                throw UnknownProvider(provider);
        }

        T Options<T>(T builder)
            where T : DbContextOptionsBuilder
        {
            Configure(builder, provider, connectionString);
            builder.UseApplicationServiceProvider(IdentityStoreSettings.Value);
            configure?.Invoke(builder);
            return builder;
        }
    }

    /// <summary>The Identity options a context outside the app's container needs for its model.</summary>
    private static readonly Lazy<ServiceProvider> IdentityStoreSettings = new(() => new ServiceCollection()
        .Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = IdentitySchemaVersion)
        .BuildServiceProvider());

    private static InvalidOperationException UnknownProvider(DatabaseProvider provider) =>
        new($"Unknown database provider '{provider}'. Use Sqlite or PostgreSQL.");
}
