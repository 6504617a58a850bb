using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Dashboard;
using Portal.Domain.Catalog;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>What the exports show of a legacy subscription: read as these columns only, not as the whole entity.</summary>
public sealed record ExportedSubscription(
    Guid Id,
    Guid? ParentSubscriptionId,
    string FriendlyName,
    Guid OfferId,
    string PartnerOfRecordId,
    int Quantity,
    TermDuration Term,
    BillingCycle Billing,
    DateTimeOffset TermEnd,
    bool AutoRenewEnabled)
{
    public bool IsAddOn => ParentSubscriptionId is not null;

    public static ExportedSubscription Of(LegacySubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new(subscription.Id, subscription.ParentSubscriptionId, subscription.FriendlyName, subscription.OfferId, subscription.PartnerOfRecordId,
            subscription.Quantity, subscription.Term, subscription.Billing, subscription.TermEnd, subscription.AutoRenewEnabled);
    }
}

/// <summary>One customer of an export: the subscriptions the export shows and each one's verdicts.</summary>
public sealed record CustomerVerdicts(
    PartnerOrganization Partner,
    Guid CustomerId,
    string CustomerName,
    IReadOnlyList<ExportedSubscription> Subscriptions,
    IReadOnlyDictionary<Guid, SubscriptionVerdict> Verdicts,
    IReadOnlyDictionary<Guid, LegacyOffer> Offers)
{
    /// <summary>The catalog item a legacy offer maps to, or empty.</summary>
    public string CatalogItemOf(Guid offerId) => Offers.GetValueOrDefault(offerId)?.Mapping?.CatalogItemId ?? "";
}

/// <summary>
/// The exports' reads (ADR-030): first the partner's figures due at its now are recounted (as a dashboard load does,
/// storing each subscription's verdicts), then the file's subscriptions are read with their stored verdicts in one
/// streamed query, customer after customer. A customer whose verdicts are not valid at that now (changed since the
/// recount, or judged at a later instant than the one exported) is judged from its holdings instead, so a row never
/// shows an outdated verdict.
/// </summary>
public sealed class StoredVerdicts(PortalDbContext db, PartnerHoldings holdings, EligibilityFigureStore figures, IServiceScopeFactory scopes)
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

        // One query for the whole file, streamed in customer order from a context of its own, like a plain dump of the
        // rows: the partner's shown subscriptions with their stored verdicts and whether their customer's figure is
        // current now, at which stamp. The customers it finds not valid are judged through this scope's context
        // meanwhile. (Pages of customers, one query each, re-read the verdicts and figures for every page.)
        await using var scope = scopes.CreateAsyncScope();
        var stream = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var subscriptions = shown is null ? stream.LegacySubscriptions.AsNoTracking() : stream.LegacySubscriptions.AsNoTracking().Where(shown);
        var rows =
            from s in subscriptions
            join c in stream.Customers on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == partner.TenantId
            join v in stream.SubscriptionVerdicts on s.Id equals v.SubscriptionId into verdicts
            from v in verdicts.DefaultIfEmpty()
            join f in stream.EligibilityFigures on s.CustomerId equals f.CustomerId into stored
            from f in stored.DefaultIfEmpty()
            orderby s.CustomerId
            select new StoredRow(
                s.CustomerId,
                c.Name,
                new ExportedSubscription(s.Id, s.ParentSubscriptionId, s.FriendlyName, s.OfferId, s.PartnerOfRecordId, s.Quantity, s.Term, s.Billing, s.TermEnd, s.AutoRenewEnabled),
                v,
                f != null && f.ComputedAt <= now && f.RecountDue > now ? f.Stamp : null);

        var page = new List<List<StoredRow>>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (page.Count == 0 || page[^1][0].CustomerId != row.CustomerId)
            {
                if (page.Count == PartnerHoldings.PageSize)
                {
                    yield return await PageAsync(partner, now, page, offers, isShown, cancellationToken);
                    page = [];
                }

                page.Add([]);
            }

            page[^1].Add(row);
        }

        if (page.Count > 0)
        {
            yield return await PageAsync(partner, now, page, offers, isShown, cancellationToken);
        }
    }

    /// <summary>A page of customers' rows as read; those whose verdicts are not valid now are judged from their holdings.</summary>
    private async Task<IReadOnlyList<CustomerVerdicts>> PageAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        List<List<StoredRow>> page,
        Dictionary<Guid, LegacyOffer> offers,
        Lazy<Func<LegacySubscription, bool>> isShown,
        CancellationToken cancellationToken)
    {
        // Valid: the figure is current at now and every row's verdict was judged at its stamp.
        var current = page.Where(g => g[0].CurrentStamp is not null).ToDictionary(g => g[0].CustomerId, g => g[0].CurrentStamp!.Value);
        var invalid = page
            .Where(g => !current.TryGetValue(g[0].CustomerId, out var stamp) || g.Any(r => r.Verdict is null || r.Verdict.Stamp != stamp))
            .Select(g => g[0].CustomerId)
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

        return page.Select(customer => judged.TryGetValue(customer[0].CustomerId, out var fresh)
                ? new CustomerVerdicts(
                    partner,
                    customer[0].CustomerId,
                    customer[0].CustomerName,
                    [.. fresh.Holding.Context.LegacySubscriptions.Where(isShown.Value).Select(ExportedSubscription.Of)],
                    fresh.Judgement.Verdicts.ToDictionary(v => v.SubscriptionId),
                    offers)
                : new CustomerVerdicts(
                    partner,
                    customer[0].CustomerId,
                    customer[0].CustomerName,
                    [.. customer.Select(r => r.Subscription)],
                    customer.ToDictionary(r => r.Subscription.Id, r => r.Verdict!),
                    offers))
            .Where(c => c.Subscriptions.Count > 0)
            .ToList();
    }

    private sealed record StoredRow(Guid CustomerId, string CustomerName, ExportedSubscription Subscription, SubscriptionVerdict? Verdict, long? CurrentStamp);
}
