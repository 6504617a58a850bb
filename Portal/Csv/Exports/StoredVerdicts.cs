using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Dashboard;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>One customer of an export: the subscriptions the export shows and each one's verdicts.</summary>
public sealed record CustomerVerdicts(
    PartnerOrganization Partner,
    Customer Customer,
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
            var customers = db.Customers.AsNoTracking().Where(c => c.PartnerTenantId == partner.TenantId);
            if (shown is not null)
            {
                customers = customers.Where(c => subscriptions.Any(s => s.CustomerId == c.TenantId));
            }

            if (after is { } last)
            {
                customers = customers.Where(c => c.TenantId.CompareTo(last) > 0);
            }

            var page = await customers.OrderBy(c => c.TenantId).Take(PartnerHoldings.PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            after = page[^1].TenantId;
            var ids = page.Select(c => c.TenantId).ToList();
            var current = await db.EligibilityFigures.AsNoTracking()
                .Where(f => ids.Contains(f.CustomerId) && f.ComputedAt <= now && f.RecountDue > now)
                .ToDictionaryAsync(f => f.CustomerId, f => f.Stamp, cancellationToken);
            var rows = (await (
                    from s in subscriptions.Where(s => ids.Contains(s.CustomerId))
                    join v in db.SubscriptionVerdicts on s.Id equals v.SubscriptionId into verdicts
                    from v in verdicts.DefaultIfEmpty()
                    select new { Subscription = s, Verdict = v })
                .ToListAsync(cancellationToken))
                .ToLookup(r => r.Subscription.CustomerId);

            // Valid: the figure is current at now and every row's verdict was judged at its stamp.
            var invalid = page
                .Where(c => !current.TryGetValue(c.TenantId, out var stamp) || rows[c.TenantId].Any(r => r.Verdict is null || r.Verdict.Stamp != stamp))
                .Select(c => c.TenantId)
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

            yield return page.Select(customer => judged.TryGetValue(customer.TenantId, out var fresh)
                    ? new CustomerVerdicts(
                        partner,
                        customer,
                        fresh.Holding.Context.LegacySubscriptions.Where(isShown.Value).ToList(),
                        fresh.Judgement.Verdicts.ToDictionary(v => v.SubscriptionId),
                        offers)
                    : new CustomerVerdicts(
                        partner,
                        customer,
                        rows[customer.TenantId].Select(r => r.Subscription).ToList(),
                        rows[customer.TenantId].ToDictionary(r => r.Subscription.Id, r => r.Verdict!),
                        offers))
                .Where(c => c.Subscriptions.Count > 0)
                .ToList();
        }
    }
}
