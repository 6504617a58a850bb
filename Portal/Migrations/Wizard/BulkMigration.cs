using Microsoft.EntityFrameworkCore;
using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Migrations.Wizard;

/// <summary>A legacy subscription that can be picked for a bulk migration.</summary>
public sealed record BulkCandidate(Guid CustomerId, string CustomerName, Guid SubscriptionId, string Name, int Quantity, DateTimeOffset TermEnd, bool IsAddOn);

/// <summary>
/// Bulk migration: pick subscriptions (of one customer, or across customers), validate all, migrate the eligible,
/// one result row each. The batch is Partner Center's externalReferenceId, the same on every migration it creates.
/// </summary>
public sealed class BulkMigration(PortalDbContext db, MigrationDesk desk, DraftStore drafts, TimeProvider time)
{
    public const int MaxCandidates = 200;

    /// <summary>Active subscriptions that can be requested: bases (with their add-ons) and add-ons whose base is not active.</summary>
    public async Task<IReadOnlyList<BulkCandidate>> CandidatesAsync(Guid partnerTenantId, Guid? customerId, string? customerSearch, CancellationToken ct)
    {
        var query =
            from s in db.LegacySubscriptions.AsNoTracking()
            join c in db.Customers.AsNoTracking() on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == partnerTenantId && s.Status == LegacySubscriptionStatus.Active
                && (s.ParentSubscriptionId == null || !db.LegacySubscriptions.Any(p => p.Id == s.ParentSubscriptionId && p.Status == LegacySubscriptionStatus.Active))
            select new { s, c };
        if (customerId is { } id)
        {
            query = query.Where(x => x.c.TenantId == id);
        }

        if (!string.IsNullOrWhiteSpace(customerSearch))
        {
            var pattern = $"%{customerSearch.Trim()}%";
            query = query.Where(x => EF.Functions.Like(x.c.Name, pattern) || EF.Functions.Like(x.c.Domain, pattern));
        }

        return await query.OrderBy(x => x.c.Name).ThenBy(x => x.s.FriendlyName).Take(MaxCandidates)
            .Select(x => new BulkCandidate(x.c.TenantId, x.c.Name, x.s.Id, x.s.FriendlyName, x.s.Quantity, x.s.TermEnd, x.s.ParentSubscriptionId != null))
            .ToListAsync(ct);
    }

    /// <summary>Validates every picked subscription (carrying its properties over, now) and keeps the rows in a bulk draft.</summary>
    public async Task<MigrationDraft?> ValidateAsync(Guid partnerTenantId, Guid userId, Guid? customerId, IReadOnlyCollection<Guid> subscriptionIds, CancellationToken ct)
    {
        var picked = await (
            from s in db.LegacySubscriptions.AsNoTracking()
            join c in db.Customers.AsNoTracking() on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == partnerTenantId && subscriptionIds.Contains(s.Id)
            select new { s.Id, s.CustomerId, s.FriendlyName, c.Name }).ToListAsync(ct);
        if (picked.Count != subscriptionIds.Count || (customerId is { } only && picked.Any(p => p.CustomerId != only)))
        {
            return null; // another partner's (or customer's) subscription answers like a missing one
        }

        var rows = new List<BulkRow>();
        foreach (var p in picked.OrderBy(p => p.Name).ThenBy(p => p.FriendlyName))
        {
            var answer = await desk.ValidateAsync(partnerTenantId, p.CustomerId, new MigrationRequest(p.Id), ct);
            var reasons = answer.Value is { } verdict
                ? verdict.Members.SelectMany(m => m.Reasons.Select(r => $"{m.FriendlyName}: {r} What you can do: {r.Guidance}")).ToList()
                : answer.Errors.Select(e => e.Description).ToList();
            rows.Add(new BulkRow(p.CustomerId, p.Id, p.Name, p.FriendlyName, answer.Value?.IsEligible == true, reasons));
        }

        return await drafts.CreateBulkAsync(partnerTenantId, userId, customerId, new BulkContent { SubscriptionIds = [.. subscriptionIds], Rows = rows }, ct);
    }

    /// <summary>
    /// Migrates the eligible rows of a validated bulk draft, once: each create carries the batch id and an idempotency
    /// key of its own, so a second submit leads to the same batch. Returns the batch id, or null when not found.
    /// </summary>
    public async Task<(ClaimStatus Status, string? BatchId)> MigrateAsync(Guid partnerTenantId, Guid userId, Guid draftId, string actor, CancellationToken ct)
    {
        var (status, draft) = await drafts.ClaimAsync(partnerTenantId, userId, draftId, null, ct);
        if (status != ClaimStatus.Claimed || draft is null || draft.Kind != DraftKind.Bulk)
        {
            return (draft?.Kind == DraftKind.Bulk ? status : ClaimStatus.NotFound, draft?.BatchId);
        }

        var now = time.GetUtcNow();
        var batchId = $"portal-{now:yyyyMMdd-HHmmss}-{draftId.ToString("N")[..8]}";
        var content = DraftJson.Read<BulkContent>(draft.Content);
        var rows = new List<BulkRow>();
        foreach (var row in content.Rows)
        {
            if (!row.Eligible)
            {
                rows.Add(row);
                continue;
            }

            var created = await desk.CreateAsync(partnerTenantId, row.CustomerId, new MigrationRequest(row.SubscriptionId),
                new MigrationOrigin(actor, batchId, $"bulk:{draftId:N}:{row.SubscriptionId:N}"), ct);
            rows.Add(created.IsDone
                ? row with { MigrationId = created.Value!.Id }
                : row with { Eligible = false, Error = string.Join(" ", created.Errors.Select(e => e.Description)) });
        }

        await drafts.MarkSubmittedAsync(draft, null, null, batchId, DraftJson.Write(content with { Rows = rows }), ct);
        return (ClaimStatus.AlreadySubmitted, batchId);
    }
}
