using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.ApiKeys;
using Portal.Demo;
using Portal.Persistence;

namespace Portal.Api.Keys;

/// <summary>
/// In Development only, gives the Sandbox demo partner (Northwind) a documented API key (Portal/Demo/README.md), so
/// the curl walkthrough runs against a fresh portal. Registered after the demo seeder; does nothing when the
/// partner is missing or the key is already stored (revoking it in the portal keeps it revoked).
/// </summary>
public sealed class DemoApiKeySeeder(IServiceScopeFactory scopes, IHostEnvironment environment, TimeProvider time) : IHostedService
{
    /// <summary>Not a secret: it is printed in the README and only ever seeded in Development.</summary>
    public const string NorthwindDemoKey = "pmp_northwind-sandbox-demo-key-development-only";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var hash = ApiKeySecret.Hash(NorthwindDemoKey);
        if (!await db.Partners.AnyAsync(p => p.TenantId == DemoIds.NorthwindTenantId, cancellationToken)
            || await db.ApiKeys.AnyAsync(k => k.SecretHash == hash, cancellationToken))
        {
            return;
        }

        db.ApiKeys.Add(new ApiKey
        {
            Id = DemoIds.Stable("api-key:northwind-demo"),
            PartnerTenantId = DemoIds.NorthwindTenantId,
            Name = "Demo key (Development only)",
            Prefix = ApiKeySecret.PrefixOf(NorthwindDemoKey),
            SecretHash = hash,
            Role = PortalRoles.AdminAgent,
            CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance on the same database may have seeded it first; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.ApiKeys.AsNoTracking().AnyAsync(k => k.SecretHash == hash, cancellationToken))
            {
                throw;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
