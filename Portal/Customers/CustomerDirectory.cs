using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Customers;

public enum CustomerSort
{
    Name,
    NameDescending,
    Domain,
    DomainDescending,
    Segment,
    MostLegacy,
    SegmentDescending,
    FewestLegacy,
}

/// <summary>One row of the customers list, with its subscription counts computed by the database in the same query.</summary>
public sealed record CustomerRow(Guid TenantId, string Name, string Domain, CustomerSegment Segment, bool RelationshipActive, int ActiveLegacy, int Nce);

public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>A customer with its subscriptions, add-ons under their base, and what is scheduled or in flight for them.</summary>
public sealed record CustomerView(
    Customer Customer,
    IReadOnlyList<LegacySubscription> Legacy,
    IReadOnlyList<NceSubscription> Nce,
    IReadOnlyDictionary<Guid, MigrationSchedule> OpenSchedulesBySubscription)
{
    public IEnumerable<LegacySubscription> Bases => Legacy.Where(s => s.ParentSubscriptionId is null || Legacy.All(b => b.Id != s.ParentSubscriptionId));

    public IEnumerable<LegacySubscription> AddOnsOf(Guid baseId) => Legacy.Where(s => s.ParentSubscriptionId == baseId);
}

/// <summary>
/// The customers pages' reads. Every query is scoped to the partner, filters, sorts and pages in the database, and
/// costs a fixed number of SQL commands whatever the page size (no query per row).
/// </summary>
public sealed class CustomerDirectory(PortalDbContext db)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 200;

    /// <summary>Customers matching <paramref name="search"/> (part of a name or domain, or a whole tenant id): two commands, count and page.</summary>
    public async Task<ListPage<CustomerRow>> SearchAsync(Guid partnerTenantId, string? search, CustomerSort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Customers.AsNoTracking().Where(c => c.PartnerTenantId == partnerTenantId);
        var term = search?.Trim() ?? "";
        if (term.Length > MaxSearchLength)
        {
            term = term[..MaxSearchLength];
        }

        if (term.Length > 0)
        {
            var lower = term.ToLowerInvariant();
            query = Guid.TryParse(term, out var tenantId)
                ? query.Where(c => c.TenantId == tenantId)
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(...) LIKE, the same on SQLite and PostgreSQL; never run in memory
                : query.Where(c => c.Name.ToLower().Contains(lower) || c.Domain.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var sorted = sort switch
        {
            CustomerSort.NameDescending => query.OrderByDescending(c => c.Name).ThenBy(c => c.TenantId),
            CustomerSort.Domain => query.OrderBy(c => c.Domain).ThenBy(c => c.TenantId),
            CustomerSort.DomainDescending => query.OrderByDescending(c => c.Domain).ThenBy(c => c.TenantId),
            CustomerSort.Segment => query.OrderBy(c => c.Segment).ThenBy(c => c.Name).ThenBy(c => c.TenantId),
            CustomerSort.SegmentDescending => query.OrderByDescending(c => c.Segment).ThenBy(c => c.Name).ThenBy(c => c.TenantId),
            CustomerSort.MostLegacy => query
                .OrderByDescending(c => db.LegacySubscriptions.Count(s => s.CustomerId == c.TenantId && s.Status == LegacySubscriptionStatus.Active))
                .ThenBy(c => c.Name).ThenBy(c => c.TenantId),
            CustomerSort.FewestLegacy => query
                .OrderBy(c => db.LegacySubscriptions.Count(s => s.CustomerId == c.TenantId && s.Status == LegacySubscriptionStatus.Active))
                .ThenBy(c => c.Name).ThenBy(c => c.TenantId),
            _ => query.OrderBy(c => c.Name).ThenBy(c => c.TenantId),
        };
        var rows = sorted.Skip((page - 1) * pageSize).Take(pageSize).Select(c => new CustomerRow(
            c.TenantId,
            c.Name,
            c.Domain,
            c.Segment,
            c.RelationshipActive,
            db.LegacySubscriptions.Count(s => s.CustomerId == c.TenantId && s.Status == LegacySubscriptionStatus.Active),
            db.NceSubscriptions.Count(s => s.CustomerId == c.TenantId)));
        var items = await rows.ToListAsync(cancellationToken);
        return new ListPage<CustomerRow>(items, total, page, pageSize);
    }

    /// <summary>One customer of the partner with its subscriptions and open schedules (four commands); null for a missing or foreign id.</summary>
    public async Task<CustomerView?> LoadAsync(Guid partnerTenantId, Guid customerId, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var legacy = await db.LegacySubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId)
            .OrderBy(s => s.FriendlyName).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var nce = await db.NceSubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId)
            .OrderBy(s => s.FriendlyName).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var schedules = await db.Schedules.AsNoTracking()
            .Where(s => s.CustomerId == customerId && s.Status == ScheduleStatus.Created)
            .ToListAsync(cancellationToken);
        return new CustomerView(customer, legacy, nce, schedules.GroupBy(s => s.SubscriptionId).ToDictionary(g => g.Key, g => g.First()));
    }

    /// <summary>The migrations that touched a legacy subscription, newest first, with their events.</summary>
    public async Task<IReadOnlyList<Migration>> MigrationsOfAsync(Guid customerId, Guid legacySubscriptionId, CancellationToken cancellationToken = default) =>
        await db.MigrationsWithEvents.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.Members.Any(x => x.LegacySubscriptionId == legacySubscriptionId))
            .OrderByDescending(m => m.RequestedAt)
            .ToListAsync(cancellationToken);

    /// <summary>The migration that created a New Commerce subscription, with its events; null for one bought directly.</summary>
    public Task<Migration?> MigrationThatCreatedAsync(Guid customerId, Guid nceSubscriptionId, CancellationToken cancellationToken = default) =>
        db.MigrationsWithEvents.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.Members.Any(x => x.NceSubscriptionId == nceSubscriptionId))
            .OrderByDescending(m => m.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<LegacySubscription?> LegacyAsync(Guid customerId, Guid subscriptionId, CancellationToken cancellationToken = default) =>
        db.LegacySubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken);
}
