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
        services.AddDbContext<PortalDbContext>(builder => Configure(builder, options.Provider, options.ConnectionString));

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
                identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__SchemaHistory"));
                break;
            case DatabaseProvider.PostgreSQL:
                builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__SchemaHistory"));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'. Use Sqlite or PostgreSQL.");
        }
    }
}
