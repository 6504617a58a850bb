using Microsoft.EntityFrameworkCore;
using Portal.Customers;
using Portal.Persistence;

namespace Portal.Audit;

/// <summary>Appends to the audit log and reads it back a page at a time. Entries are only ever added, never changed or removed.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task RecordAsync(Guid partnerTenantId, string actor, string action, string target, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.AuditLog.Add(new AuditEntry
        {
            PartnerTenantId = partnerTenantId,
            Actor = actor,
            Action = action,
            Target = target,
            Detail = detail,
            At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The partner's entries, newest first, paged in the database: two commands, count and page.</summary>
    public async Task<ListPage<AuditEntry>> PageAsync(Guid partnerTenantId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.AuditLog.AsNoTracking().Where(a => a.PartnerTenantId == partnerTenantId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<AuditEntry>(items, total, page, pageSize);
    }
}
