using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Customers;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Persistence.Configurations;

namespace Portal.Publishing;

/// <summary>How a portal's list of offers is sorted; the address keeps the name (old-sort=StateDescending).</summary>
public enum OfferSort
{
    Name,
    NameDescending,

    /// <summary>By the state shown on the portal, in publishing order: Draft, Staged, Listed.</summary>
    State,
    StateDescending,

    /// <summary>By the type's name: Managed Application, SaaS, Solution Template, Test Drive, Virtual Machine.</summary>
    Type,
    TypeDescending,
}

/// <summary>
/// One page of the offers a publisher shows on a portal, filtered, sorted, counted and paged by the database (issue 12):
/// two commands, the count and the page, whatever the page size; the publisher's other offers are never read.
/// </summary>
public static class OfferQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 200;

    /// <summary>
    /// The offers of <paramref name="partnerTenantId"/>'s publisher <paramref name="publisherId"/> shown on
    /// <paramref name="portal"/> (<see cref="Offer.ShownOn"/>) whose name or offer id contains <paramref name="search"/>;
    /// another partner's publisher has none.
    /// </summary>
    public static async Task<ListPage<Offer>> OffersPageAsync(
        this PortalDbContext db, Guid partnerTenantId, string publisherId, PublishingPortal portal, OfferSort sort, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var id = publisherId?.Trim() ?? "";
        var offers = db.Publishers.AsNoTracking()
            .Where(p => EF.Property<Guid>(p, PublisherConfiguration.PartnerTenantIdProperty) == partnerTenantId && p.PublisherId == id)
            .SelectMany(p => p.Offers)
            .Where(Offer.ShownOn(portal));
        var term = search?.Trim() ?? "";
        if (term.Length > 0)
        {
            var lower = term[..Math.Min(term.Length, MaxSearchLength)].ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(...) LIKE, the same on SQLite and PostgreSQL; never run in memory
            offers = offers.Where(o => o.Name.ToLower().Contains(lower) || o.OfferId.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await offers.CountAsync(ct);
        var items = await Sorted(offers, portal, sort).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new ListPage<Offer>(items, total, page, pageSize);
    }

    private static IOrderedQueryable<Offer> Sorted(IQueryable<Offer> offers, PublishingPortal portal, OfferSort sort)
    {
        var state = StateRankOn(portal);
        var sorted = sort switch
        {
            OfferSort.NameDescending => offers.OrderByDescending(o => o.Name),
            OfferSort.State => offers.OrderBy(state).ThenBy(o => o.Name),
            OfferSort.StateDescending => offers.OrderByDescending(state).ThenBy(o => o.Name),

            // The type is stored by its enum name, whose order is the order of the names the pages show.
            OfferSort.Type => offers.OrderBy(o => o.Type).ThenBy(o => o.Name),
            OfferSort.TypeDescending => offers.OrderByDescending(o => o.Type).ThenBy(o => o.Name),
            _ => offers.OrderBy(o => o.Name),
        };
        return sorted.ThenBy(o => o.OfferId);
    }

    /// <summary>
    /// The rank of the state <see cref="Offer.StateShownOn"/> <paramref name="portal"/> in publishing order (the states
    /// are stored by name, which sorts Listed before Staged): a migrated offer keeps its old state on the old portal.
    /// </summary>
    private static Expression<Func<Offer, int>> StateRankOn(PublishingPortal portal) => portal == PublishingPortal.Old
        ? o => (o.StateOnOldPortal ?? o.State) == OfferState.Draft ? 0 : (o.StateOnOldPortal ?? o.State) == OfferState.Staged ? 1 : 2
        : o => o.State == OfferState.Draft ? 0 : o.State == OfferState.Staged ? 1 : 2;
}
