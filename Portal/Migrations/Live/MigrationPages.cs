using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Migrations.Wizard;
using Portal.Persistence;

namespace Portal.Migrations.Live;

/// <summary>What a migration's status page shows: the migration with its events, names, and what may follow it.</summary>
public sealed record MigrationStatusView(Migration Migration, string CustomerName, IReadOnlyDictionary<Guid, string> Names, bool IsSandbox, Migration? Later)
{
    public string Name(Guid subscriptionId) => Names.GetValueOrDefault(subscriptionId, subscriptionId.ToString());
}

/// <summary>One migration of a bulk batch, with the names its row shows.</summary>
public sealed record BatchMigration(Guid Id, string CustomerName, string SubscriptionName, MigrationStatus Status, string? ErrorCode, DateTimeOffset RequestedAt);

/// <summary>What a batch page shows: its migrations, and the picked subscriptions that were not migrated.</summary>
public sealed record BatchView(IReadOnlyList<BatchMigration> Migrations, IReadOnlyList<BulkRow> NotMigrated)
{
    public int Completed => Migrations.Count(m => m.Status == MigrationStatus.Completed);

    public int Failed => Migrations.Count(m => m.Status == MigrationStatus.Failed);

    public int Processing => Migrations.Count(m => m.Status == MigrationStatus.Processing);

    public int Done => Completed + Failed;

    public int Percent => Migrations.Count == 0 ? 100 : Done * 100 / Migrations.Count;
}

/// <summary>The reads of the live migration pages, scoped to the partner (another partner's ids answer null, like missing ones).</summary>
public sealed class MigrationPages(PortalDbContext db, FailedMigrationDesk failed, DraftStore drafts)
{
    public async Task<MigrationStatusView?> StatusAsync(Guid partnerTenantId, Guid migrationId, CancellationToken ct)
    {
        var migration = await db.MigrationsWithEvents.AsNoTracking()
            .Where(m => m.Id == migrationId && db.Customers.Any(c => c.TenantId == m.CustomerId && c.PartnerTenantId == partnerTenantId))
            .SingleOrDefaultAsync(ct);
        if (migration is null)
        {
            return null;
        }

        var customerName = await db.Customers.Where(c => c.TenantId == migration.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var ids = migration.Members.Select(m => m.LegacySubscriptionId).Append(migration.CurrentSubscriptionId).Distinct().ToList();
        var names = await db.LegacySubscriptions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FriendlyName, ct);
        var latest = migration.Status == MigrationStatus.Failed ? await failed.LatestMigrationOfAsync(migration.CurrentSubscriptionId, ct) : null;
        var isSandbox = await db.Partners.AnyAsync(p => p.TenantId == partnerTenantId && p.Environment == PartnerEnvironment.Sandbox, ct);
        return new MigrationStatusView(migration, customerName, names, isSandbox, latest is not null && latest.Id != migration.Id ? latest : null);
    }

    public async Task<BatchView?> BatchAsync(Guid partnerTenantId, string batchId, CancellationToken ct)
    {
        var rows = await (
            from m in db.Migrations.AsNoTracking()
            join c in db.Customers.AsNoTracking() on m.CustomerId equals c.TenantId
            join s in db.LegacySubscriptions.AsNoTracking() on m.CurrentSubscriptionId equals s.Id
            where c.PartnerTenantId == partnerTenantId && m.ExternalReferenceId == batchId
            orderby c.Name, s.FriendlyName
            select new { m, c.Name, s.FriendlyName }).ToListAsync(ct);
        var draft = await drafts.FindByBatchAsync(partnerTenantId, batchId, ct);
        if (rows.Count == 0 && draft is null)
        {
            return null;
        }

        var notMigrated = draft is null ? [] : DraftJson.Read<BulkContent>(draft.Content).Rows.Where(r => r.MigrationId is null).ToList();
        return new BatchView(
            [.. rows.Select(r => new BatchMigration(r.m.Id, r.Name, r.FriendlyName, r.m.Status, r.m.ErrorCode, r.m.RequestedAt))],
            notMigrated);
    }
}
