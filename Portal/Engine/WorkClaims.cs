using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Engine;

/// <summary>
/// Leases on engine work, shared by every instance through the database (ADR-007). A claim is one statement,
/// atomic on both providers: insert the lease, or take it over when it has expired (or is already ours).
/// </summary>
public sealed class WorkClaims(IServiceScopeFactory scopes, TimeProvider time, EngineOptions options)
{
    public string Holder { get; } = options.Worker.InstanceName is { Length: > 0 } name
        ? name
        : $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True when this instance now holds <paramref name="key"/> until the lease expires.</summary>
    public async Task<bool> TryClaimAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = (now + options.Worker.LeaseDuration).ToUnixTimeMilliseconds();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "WorkClaims" ("Key", "Holder", "ExpiresAt") VALUES ({key}, {Holder}, {expires})
            ON CONFLICT ("Key") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "WorkClaims"."ExpiresAt" < {nowMs} OR "WorkClaims"."Holder" = excluded."Holder"
            """,
            ct);
        return claimed == 1;
    }

    /// <summary>Gives the lease back (only ours), so other instances need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "WorkClaims" WHERE "Key" = {key} AND "Holder" = {Holder}""", ct);
    }
}
