using Portal.Persistence;

namespace Portal.Audit;

/// <summary>Appends to the audit log. Entries are only ever added, never changed or removed.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time)
{
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
}
