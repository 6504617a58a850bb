using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Persistence;

namespace Portal.Migrations;

/// <summary>
/// Serialises the changes to one customer's migrations and schedules, so that two requests cannot both read
/// "290 seats held" and both add 200 (ADR-007). PostgreSQL: a transaction holding an advisory lock keyed by the
/// customer, released at commit or rollback. SQLite: Microsoft.Data.Sqlite begins transactions IMMEDIATE, which
/// takes the database's single write lock up front (other writers wait up to the command timeout).
/// </summary>
public static class CustomerSerialisation
{
    public static async Task<IDbContextTransaction> BeginAsync(PortalDbContext db, Guid customerId, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!db.IsSqlite)
        {
            var key = LockKey(customerId);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }

        return transaction;
    }

    /// <summary>A 64-bit advisory lock key from the customer's id (collisions only make two customers wait for each other).</summary>
    public static long LockKey(Guid customerId)
    {
        Span<byte> bytes = stackalloc byte[16];
        customerId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
