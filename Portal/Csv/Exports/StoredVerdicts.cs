using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Dashboard;
using Portal.Domain.Catalog;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>One customer of an export: the subscriptions the export shows and each one's verdicts.</summary>
public sealed record CustomerVerdicts(
    PartnerOrganization Partner,
    Guid CustomerId,
    string CustomerName,
    IReadOnlyList<LegacySubscription> Subscriptions,
    IReadOnlyDictionary<Guid, SubscriptionVerdict> Verdicts,
    IReadOnlyDictionary<Guid, LegacyOffer> Offers)
{
    /// <summary>The catalog item a legacy offer maps to, or empty.</summary>
    public string CatalogItemOf(Guid offerId) => Offers.GetValueOrDefault(offerId)?.Mapping?.CatalogItemId ?? "";
}

/// <summary>
/// The exports' reads (ADR-030): first the partner's figures due at its now are recounted (as a dashboard load does,
/// storing each subscription's verdicts), then each page of customers is a plain read of its subscriptions with their
/// stored verdicts. A customer whose verdicts are not valid at that now (changed since the recount, or judged at a
/// later instant than the one exported) is judged from its holdings instead, so a row never shows an outdated verdict.
/// </summary>
public sealed class StoredVerdicts(PortalDbContext db, PartnerHoldings holdings, EligibilityFigureStore figures)
{
    /// <summary>
    /// The partner's customers a page at a time (tenant order), each with its subscriptions that match
    /// <paramref name="shown"/> (all when null); customers with none are left out.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<CustomerVerdicts>> PagesAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        Expression<Func<LegacySubscription, bool>>? shown,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        await figures.RefreshAsync(partner, now, cancellationToken);
        var offers = await db.LegacyOffers.AsNoTracking().ToDictionaryAsync(o => o.Id, cancellationToken);
        var isShown = new Lazy<Func<LegacySubscription, bool>>(() => shown is null ? _ => true : shown.Compile()); // only customers judged here need it
        var subscriptions = shown is null ? db.LegacySubscriptions.AsNoTracking() : db.LegacySubscriptions.AsNoTracking().Where(shown);
        Guid? after = null;
        while (true)
        {
            // One query a page: the next customers (tenant order) holding a shown subscription, their shown
            // subscriptions with the stored verdicts, and whether each customer's figure is current now, at which stamp.
            var customers = db.Customers.Where(c => c.PartnerTenantId == partner.TenantId && subscriptions.Any(s => s.CustomerId == c.TenantId));
            if (after is { } last)
            {
                customers = customers.Where(c => c.TenantId.CompareTo(last) > 0);
            }

            var pageIds = customers.OrderBy(c => c.TenantId).Take(PartnerHoldings.PageSize).Select(c => c.TenantId);
            var rows = await (
                    from s in subscriptions.Where(s => pageIds.Contains(s.CustomerId))
                    join c in db.Customers on s.CustomerId equals c.TenantId
                    join v in db.SubscriptionVerdicts on s.Id equals v.SubscriptionId into verdicts
                    from v in verdicts.DefaultIfEmpty()
                    join f in db.EligibilityFigures on s.CustomerId equals f.CustomerId into figures
                    from f in figures.DefaultIfEmpty()
                    orderby s.CustomerId
                    select new
                    {
                        Subscription = s,
                        CustomerName = c.Name,
                        Verdict = v,
                        CurrentStamp = f != null && f.ComputedAt <= now && f.RecountDue > now ? f.Stamp : (long?)null,
                    })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }

            // Grouped in the database's order of the ids (the keyset continues from the last one it sorted).
            var page = rows.GroupBy(r => r.Subscription.CustomerId).ToList();
            after = page[^1].Key;

            // Valid: the figure is current at now and every row's verdict was judged at its stamp.
            var current = page.Where(g => g.First().CurrentStamp is not null).ToDictionary(g => g.Key, g => g.First().CurrentStamp!.Value);
            var invalid = page
                .Where(g => !current.TryGetValue(g.Key, out var stamp) || g.Any(r => r.Verdict is null || r.Verdict.Stamp != stamp))
                .Select(g => g.Key)
                .ToList();
            var judged = invalid.Count == 0
                ? []
                : (await holdings.OfCustomersAsync(partner, invalid, now, withSchedules: true, cancellationToken))
                    .Select(h => (Holding: h, Judgement: CustomerJudgement.Of(h, current.GetValueOrDefault(h.Customer.TenantId))))
                    .ToDictionary(j => j.Holding.Customer.TenantId);

            // A current figure without its verdicts (a database from before ADR-030, or a recount racing a change) gets
            // them now, with the stamp read before the facts: the next export reads them.
            var repaired = judged.Values.Where(j => current.ContainsKey(j.Holding.Customer.TenantId)).Select(j => j.Judgement).ToList();
            if (repaired.Count > 0)
            {
                await figures.StoreAsync(partner.TenantId, repaired, now, cancellationToken);
            }

            yield return page.Select(customer => judged.TryGetValue(customer.Key, out var fresh)
                    ? new CustomerVerdicts(
                        partner,
                        customer.Key,
                        customer.First().CustomerName,
                        fresh.Holding.Context.LegacySubscriptions.Where(isShown.Value).ToList(),
                        fresh.Judgement.Verdicts.ToDictionary(v => v.SubscriptionId),
                        offers)
                    : new CustomerVerdicts(
                        partner,
                        customer.Key,
                        customer.First().CustomerName,
                        customer.Select(r => r.Subscription).ToList(),
                        customer.ToDictionary(r => r.Subscription.Id, r => r.Verdict!),
                        offers))
                .Where(c => c.Subscriptions.Count > 0)
                .ToList();
        }
    }
}
