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

/// <summary>How a customer's legacy subscriptions are sorted: by their base, each with its add-ons under it.</summary>
public enum SubscriptionSort
{
    Name,
    NameDescending,
    TermEnd,
    TermEndDescending,
    Seats,
    SeatsDescending,
}

/// <summary>A customer of the partner with the number of subscriptions of each kind it holds.</summary>
public sealed record CustomerSummary(Customer Customer, int Legacy, int Nce);

/// <summary>A base subscription with its add-ons (never split across pages) and what is scheduled for any of them.</summary>
public sealed record SubscriptionBundle(
    LegacySubscription Base,
    IReadOnlyList<LegacySubscription> AddOns,
    IReadOnlyDictionary<Guid, MigrationSchedule> OpenSchedulesBySubscription);

/// <summary>A New Commerce subscription with the name of the legacy subscription it was migrated from (null when bought directly).</summary>
public sealed record NceRow(NceSubscription Subscription, string? MigratedFromName);

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

    /// <summary>One customer of the partner with its subscription counts (one command); null for a missing or foreign id.</summary>
    public async Task<CustomerSummary?> SummaryAsync(Guid partnerTenantId, Guid customerId, CancellationToken cancellationToken = default)
    {
        var found = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId)
            .Select(c => new
            {
                Customer = c,
                Legacy = db.LegacySubscriptions.Count(s => s.CustomerId == c.TenantId),
                Nce = db.NceSubscriptions.Count(s => s.CustomerId == c.TenantId),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new CustomerSummary(found.Customer, found.Legacy, found.Nce);
    }

    /// <summary>
    /// One page of a customer's legacy subscriptions, counted and paged by their base so that an add-on always shows
    /// under its base (an add-on whose base the customer does not hold counts as a base). <paramref name="status"/> keeps
    /// the bundles with a member in that status. Four commands whatever the page size: count, bases, their add-ons, their
    /// open schedules. The caller has already checked the customer belongs to the partner (<see cref="SummaryAsync"/>).
    /// </summary>
    public async Task<ListPage<SubscriptionBundle>> BundlesAsync(Guid customerId, LegacySubscriptionStatus? status, SubscriptionSort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var held = db.LegacySubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId);
        var bases = held.Where(s => s.ParentSubscriptionId == null || !held.Any(b => b.Id == s.ParentSubscriptionId));
        if (status is { } wanted)
        {
            bases = bases.Where(b => b.Status == wanted || held.Any(a => a.ParentSubscriptionId == b.Id && a.Status == wanted));
        }

        var total = await bases.CountAsync(cancellationToken);
        var sorted = sort switch
        {
            SubscriptionSort.NameDescending => bases.OrderByDescending(s => s.FriendlyName).ThenBy(s => s.Id),
            SubscriptionSort.TermEnd => bases.OrderBy(s => s.TermEnd).ThenBy(s => s.FriendlyName).ThenBy(s => s.Id),
            SubscriptionSort.TermEndDescending => bases.OrderByDescending(s => s.TermEnd).ThenBy(s => s.FriendlyName).ThenBy(s => s.Id),
            SubscriptionSort.Seats => bases.OrderBy(s => s.Quantity).ThenBy(s => s.FriendlyName).ThenBy(s => s.Id),
            SubscriptionSort.SeatsDescending => bases.OrderByDescending(s => s.Quantity).ThenBy(s => s.FriendlyName).ThenBy(s => s.Id),
            _ => bases.OrderBy(s => s.FriendlyName).ThenBy(s => s.Id),
        };
        var shown = await sorted.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        if (shown.Count == 0)
        {
            return new ListPage<SubscriptionBundle>([], total, page, pageSize);
        }

        List<Guid?> baseIds = [.. shown.Select(s => (Guid?)s.Id)];
        var addOns = await held.Where(a => baseIds.Contains(a.ParentSubscriptionId))
            .OrderBy(a => a.FriendlyName).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        List<Guid> memberIds = [.. shown.Select(s => s.Id), .. addOns.Select(a => a.Id)];
        var schedules = await db.Schedules.AsNoTracking()
            .Where(s => s.CustomerId == customerId && s.Status == ScheduleStatus.Created && memberIds.Contains(s.SubscriptionId))
            .ToListAsync(cancellationToken);
        var scheduleOf = schedules.GroupBy(s => s.SubscriptionId).ToDictionary(g => g.Key, g => g.First());
        var bundles = shown.Select(b =>
        {
            var own = addOns.Where(a => a.ParentSubscriptionId == b.Id).ToList();
            var open = own.Prepend(b).Where(m => scheduleOf.ContainsKey(m.Id)).ToDictionary(m => m.Id, m => scheduleOf[m.Id]);
            return new SubscriptionBundle(b, own, open);
        }).ToList();
        return new ListPage<SubscriptionBundle>(bundles, total, page, pageSize);
    }

    /// <summary>One page of a customer's New Commerce subscriptions by name (two commands: count and page).</summary>
    public async Task<ListPage<NceRow>> NceAsync(Guid customerId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var held = db.NceSubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId);
        var total = await held.CountAsync(cancellationToken);
        var rows = await held.OrderBy(s => s.FriendlyName).ThenBy(s => s.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new NceRow(s, db.LegacySubscriptions.Where(l => l.Id == s.MigratedFromSubscriptionId).Select(l => l.FriendlyName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new ListPage<NceRow>(rows, total, page, pageSize);
    }

    /// <summary>The names of some of a customer's legacy subscriptions (one command).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> LegacyNamesAsync(Guid customerId, IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        List<Guid> wanted = [.. ids.Distinct()];
        return wanted.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.LegacySubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId && wanted.Contains(s.Id))
                .ToDictionaryAsync(s => s.Id, s => s.FriendlyName, cancellationToken);
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
