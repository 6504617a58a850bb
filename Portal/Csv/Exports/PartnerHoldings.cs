using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>One customer with everything its eligibility is judged against, and its waiting schedules.</summary>
public sealed record CustomerHoldings(EligibilityContext Context, IReadOnlyList<MigrationSchedule> WaitingSchedules)
{
    public Customer Customer => Context.Customer;
}

/// <summary>
/// Reads a partner's customers a page at a time (keyset on the tenant id), each page with a handful of set-based
/// queries (its customers' legacy and New Commerce subscriptions, migrations in flight, waiting schedules), all
/// untracked. Memory holds one page, whatever the partner's size; there is no query per customer or per row.
/// </summary>
public sealed class PartnerHoldings(PortalDbContext db)
{
    /// <summary>Customers per page: a few thousand subscriptions at the usual 1-20 per customer.</summary>
    public const int PageSize = 250;

    /// <summary>The partner, or null when there is none with this id.</summary>
    public Task<PartnerOrganization?> PartnerAsync(Guid partnerTenantId, CancellationToken cancellationToken) =>
        db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == partnerTenantId, cancellationToken);

    /// <summary>The partner's customers a page at a time, in tenant order.</summary>
    public async IAsyncEnumerable<IReadOnlyList<CustomerHoldings>> PagesAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        bool withSchedules,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (offers, activePartnerIds) = await SharedFactsAsync(cancellationToken);
        Guid? after = null;
        while (true)
        {
            var page = await CustomerPage(partner.TenantId, after).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            after = page[^1].TenantId;
            yield return await HoldingsOfAsync(partner, page, offers, activePartnerIds, now, withSchedules, cancellationToken);
        }
    }

    /// <summary>A page of the partner's customer ids in tenant order, those after <paramref name="after"/>.</summary>
    public Task<List<Guid>> CustomerIdsAsync(Guid partnerTenantId, Guid? after, CancellationToken cancellationToken) =>
        CustomerPage(partnerTenantId, after).Select(c => c.TenantId).ToListAsync(cancellationToken);

    /// <summary>The partner's customers with these ids (at most a page of them), with or without their waiting schedules.</summary>
    public async Task<IReadOnlyList<CustomerHoldings>> OfCustomersAsync(PartnerOrganization partner, IReadOnlyCollection<Guid> customerIds, DateTimeOffset now, bool withSchedules, CancellationToken cancellationToken)
    {
        var (offers, activePartnerIds) = await SharedFactsAsync(cancellationToken);
        var page = await db.Customers.AsNoTracking()
            .Where(c => c.PartnerTenantId == partner.TenantId && customerIds.Contains(c.TenantId))
            .OrderBy(c => c.TenantId)
            .ToListAsync(cancellationToken);
        return await HoldingsOfAsync(partner, page, offers, activePartnerIds, now, withSchedules, cancellationToken);
    }

    /// <summary>What every customer's eligibility reads alike: the catalog and the active partners' MPN ids.</summary>
    private async Task<(List<LegacyOffer> Offers, HashSet<string> ActivePartnerIds)> SharedFactsAsync(CancellationToken cancellationToken)
    {
        var offers = await db.LegacyOffers.AsNoTracking().ToListAsync(cancellationToken);
        var activePartnerIds = (await db.Partners.AsNoTracking().Where(p => p.IsActive).Select(p => p.MpnId).ToListAsync(cancellationToken)).ToHashSet();
        return (offers, activePartnerIds);
    }

    private async Task<IReadOnlyList<CustomerHoldings>> HoldingsOfAsync(
        PartnerOrganization partner,
        List<Customer> page,
        List<LegacyOffer> offers,
        HashSet<string> activePartnerIds,
        DateTimeOffset now,
        bool withSchedules,
        CancellationToken cancellationToken)
    {
        var ids = page.Select(c => c.TenantId).ToList();
        var legacy = (await db.LegacySubscriptions.AsNoTracking().Where(s => ids.Contains(s.CustomerId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.CustomerId);
        var nce = (await db.NceSubscriptions.AsNoTracking().Where(s => ids.Contains(s.CustomerId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.CustomerId);
        // Through each customer's own migrations (indexed by customer): MigrationIdsInFlight would list every migration in
        // flight of every partner for each page.
        var inFlight = (await db.Migrations.AsNoTracking().Where(m => ids.Contains(m.CustomerId) && m.Members.Any(member => member.HoldsSubscription)).ToListAsync(cancellationToken))
            .ToLookup(m => m.CustomerId);
        var schedules = withSchedules
            ? (await db.Schedules.AsNoTracking().Where(s => ids.Contains(s.CustomerId) && s.Status == ScheduleStatus.Created).ToListAsync(cancellationToken)).ToLookup(s => s.CustomerId)
            : Enumerable.Empty<MigrationSchedule>().ToLookup(s => s.CustomerId);

        return page.Select(customer => new CustomerHoldings(
            new EligibilityContext
            {
                Partner = partner,
                Customer = customer,
                Offers = offers,
                LegacySubscriptions = legacy[customer.TenantId].ToList(),
                NceSubscriptions = nce[customer.TenantId].ToList(),
                InFlight = inFlight[customer.TenantId].SelectMany(InFlightSeatsOf).ToList(),
                ActivePartnerIds = activePartnerIds,
                Now = now,
            },
            schedules[customer.TenantId].ToList())).ToList();
    }

    private IQueryable<Customer> CustomerPage(Guid partnerTenantId, Guid? after)
    {
        var customers = db.Customers.AsNoTracking().Where(c => c.PartnerTenantId == partnerTenantId);
        if (after is { } last)
        {
            customers = customers.Where(c => c.TenantId.CompareTo(last) > 0);
        }

        return customers.OrderBy(c => c.TenantId).Take(PageSize);
    }

    private static IEnumerable<InFlightSeats> InFlightSeatsOf(Migration migration) =>
        migration.Members.Select(m => new InFlightSeats(m.LegacySubscriptionId, string.Join('/', m.CatalogItemId.Split(':').Take(2)), m.Target.Quantity));
}
