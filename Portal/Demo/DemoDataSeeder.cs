using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Persistence;

namespace Portal.Demo;

/// <summary>
/// Seeds the demo partners, their customers, subscriptions, migrations and schedules, and one account per role per
/// partner, on first run. Registered after <see cref="DatabaseMigrator"/>, so the schema is there (hosted services
/// start in registration order). Idempotent: when the demo partners exist it does nothing, so a restart keeps
/// everything and seeds nothing twice. Then, when <c>Demo:Scale:Customers</c> is set, the scale data set.
/// </summary>
public sealed partial class DemoDataSeeder(
    IServiceScopeFactory scopes,
    TimeProvider time,
    DemoOptions options,
    ScaleDataGenerator scale,
    ILogger<DemoDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            await SeedAsync(cancellationToken);
        }

        if (options.Scale.Customers > 0)
        {
            await scale.GenerateAsync(options.Scale, replace: false, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Seeds the demo data set unless it is already there; true when it seeded.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                LogSchemaNotReady(logger);
                return false;
            }

            if (await DemoPartnersExistAsync(db, cancellationToken))
            {
                LogAlreadySeeded(logger);
                return false;
            }

            try
            {
                await SeedInOneTransactionAsync(scope.ServiceProvider, db, cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Several instances starting together on one PostgreSQL database: the first one's seed wins.
                if (!await OtherInstanceSeededAsync(cancellationToken))
                {
                    throw;
                }
            }
        }

        LogSeededByAnotherInstance(logger);
        return false;
    }

    private async Task SeedInOneTransactionAsync(IServiceProvider services, PortalDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var data = DemoDataSet.Build(now);

        // One transaction for data, roles and users (the Identity stores share this scope's DbContext).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var knownOffers = (await db.LegacyOffers.Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.Partners.AddRange(data.Partners);
        db.LegacyOffers.AddRange(data.Offers.Where(o => !knownOffers.Contains(o.Id)));
        db.Customers.AddRange(data.Customers);
        db.LegacySubscriptions.AddRange(data.LegacySubscriptions);
        db.NceSubscriptions.AddRange(data.NceSubscriptions);
        db.Migrations.AddRange(data.Migrations);
        db.Schedules.AddRange(data.Schedules);
        DemoPublishing.AddTo(db);
        await db.SaveChangesAsync(cancellationToken);

        await RoleBootstrapper.EnsureRolesAsync(services.GetRequiredService<RoleManager<PortalRole>>());
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        foreach (var account in DemoAccounts.All)
        {
            await CreateUserAsync(users, account);
        }

        await transaction.CommitAsync(cancellationToken);
        LogSeeded(logger, data.Partners.Count, data.Customers.Count, data.LegacySubscriptions.Count, data.NceSubscriptions.Count, data.Migrations.Count, data.Schedules.Count, DemoAccounts.All.Count, now);
    }

    private static async Task CreateUserAsync(UserManager<PortalUser> users, DemoAccount account)
    {
        var user = new PortalUser
        {
            Id = DemoIds.Stable("user:" + account.Email),
            PartnerTenantId = account.PartnerTenantId,
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            TimeZoneId = account.TimeZoneId,
        };
        Check(await users.CreateAsync(user, DemoAccounts.Password), $"create demo user {account.Email}");
        Check(await users.AddToRoleAsync(user, account.Role), $"give {account.Email} the role '{account.Role}'");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private async Task<bool> OtherInstanceSeededAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await DemoPartnersExistAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
    }

    private static Task<bool> DemoPartnersExistAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.Partners.AnyAsync(p => p.TenantId == DemoIds.ContosoTenantId || p.TenantId == DemoIds.NorthwindTenantId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: {Partners} partners, {Customers} customers, {Legacy} legacy and {Nce} New Commerce subscriptions, {Migrations} migrations, {Schedules} schedules, {Users} users, relative to {Now:O}")]
    private static partial void LogSeeded(ILogger logger, int partners, int customers, int legacy, int nce, int migrations, int schedules, int users, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already present; nothing seeded")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data was seeded by another instance at the same time; nothing seeded here")]
    private static partial void LogSeededByAnotherInstance(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not seeded: the database schema is not up to date (Database:MigrateOnStartup is off?)")]
    private static partial void LogSchemaNotReady(ILogger logger);
}
