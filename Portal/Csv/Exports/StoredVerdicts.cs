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

        var page = new List<StoredCustomer>(PartnerHoldings.PageSize);
        var customers = shown is null ? MergedAsync(partner, now, cancellationToken) : JoinedAsync(partner, now, shown, cancellationToken);
        await foreach (var customer in customers.WithCancellation(cancellationToken))
        {
            if (page.Count == PartnerHoldings.PageSize)
            {
                yield return await PageAsync(partner, now, page, offers, isShown, cancellationToken);
                page = new List<StoredCustomer>(PartnerHoldings.PageSize);
            }

            page.Add(customer);
        }

        if (page.Count > 0)
        {
            yield return await PageAsync(partner, now, page, offers, isShown, cancellationToken);
        }
    }

    /// <summary>
    /// Every subscription of the partner's customers with its stored verdicts, customer by customer, from two queries
    /// streamed in customer order from contexts of their own, like a plain dump: the subscriptions (the database walks
    /// the customers' index and the subscriptions' index together, without sorting), and the verdicts with whether their
    /// customer's figure is current now, at which stamp (the same walk over the verdicts' customer index); merged here.
    /// (One query joining the four tables made PostgreSQL hash whole tables and sort every row before sending the first;
    /// a query per page of customers re-read whole tables for every page.)
    /// </summary>
    private async IAsyncEnumerable<StoredCustomer> MergedAsync(PartnerOrganization partner, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscriptionScope = scopes.CreateAsyncScope();
        await using var verdictScope = scopes.CreateAsyncScope();
        var subscriptionDb = subscriptionScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var verdictDb = verdictScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows =
            from s in subscriptionDb.LegacySubscriptions.AsNoTracking()
            join c in subscriptionDb.Customers on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == partner.TenantId
            orderby s.CustomerId
            select new { s.CustomerId, c.Name, Subscription = new ExportedSubscription(s.Id, s.ParentSubscriptionId, s.FriendlyName, s.OfferId, s.PartnerOfRecordId, s.Quantity, s.Term, s.Billing, s.TermEnd, s.AutoRenewEnabled) };
        var verdictRows =
            from v in verdictDb.SubscriptionVerdicts.AsNoTracking()
            join c in verdictDb.Customers on v.CustomerId equals c.TenantId
            where c.PartnerTenantId == partner.TenantId
            join f in verdictDb.EligibilityFigures on v.CustomerId equals f.CustomerId into stored
            from f in stored.DefaultIfEmpty()
            orderby v.CustomerId
            select new { Verdict = v, CurrentStamp = f != null && f.ComputedAt <= now && f.RecountDue > now ? f.Stamp : (long?)null };

        await using var verdicts = verdictRows.AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        var next = await verdicts.MoveNextAsync() ? verdicts.Current : null;
        StoredCustomer? customer = null;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (customer?.CustomerId != row.CustomerId)
            {
                if (customer is not null)
                {
                    yield return customer;
                }

                // This customer's verdicts; those of customers before it (whose subscriptions are gone) are passed over.
                // A customer whose verdicts the merge misses is judged live (PageAsync), never shown without them.
                customer = new StoredCustomer(row.CustomerId, row.Name);
                while (next is not null && InDatabaseOrder.Compare(next.Verdict.CustomerId, row.CustomerId) <= 0)
                {
                    if (next.Verdict.CustomerId == row.CustomerId)
                    {
                        customer.Verdicts[next.Verdict.SubscriptionId] = next.Verdict;
                        customer.CurrentStamp = next.CurrentStamp;
                    }

                    next = await verdicts.MoveNextAsync() ? verdicts.Current : null;
                }
            }

            customer.Subscriptions.Add(row.Subscription);
        }

        if (customer is not null)
        {
            yield return customer;
        }
    }

    /// <summary>
    /// The partner's subscriptions that match <paramref name="shown"/> with their stored verdicts, customer by customer,
    /// from one query streamed in customer order from a context of its own: for a file of a few of the subscriptions
    /// (the Microsoft-led window), joining the verdicts of those few costs less than reading every verdict.
    /// </summary>
    private async IAsyncEnumerable<StoredCustomer> JoinedAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        Expression<Func<LegacySubscription, bool>> shown,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stream = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows =
            from s in stream.LegacySubscriptions.AsNoTracking().Where(shown)
            join c in stream.Customers on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == partner.TenantId
            join v in stream.SubscriptionVerdicts on s.Id equals v.SubscriptionId into verdicts
            from v in verdicts.DefaultIfEmpty()
            join f in stream.EligibilityFigures on s.CustomerId equals f.CustomerId into stored
            from f in stored.DefaultIfEmpty()
            orderby s.CustomerId
            select new { s.CustomerId, c.Name, Subscription = new ExportedSubscription(s.Id, s.ParentSubscriptionId, s.FriendlyName, s.OfferId, s.PartnerOfRecordId, s.Quantity, s.Term, s.Billing, s.TermEnd, s.AutoRenewEnabled), Verdict = v, CurrentStamp = f != null && f.ComputedAt <= now && f.RecountDue > now ? f.Stamp : (long?)null };

        StoredCustomer? customer = null;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (customer?.CustomerId != row.CustomerId)
            {
                if (customer is not null)
                {
                    yield return customer;
                }

                customer = new StoredCustomer(row.CustomerId, row.Name) { CurrentStamp = row.CurrentStamp };
            }

            customer.Subscriptions.Add(row.Subscription);
            if (row.Verdict is not null)
            {
                customer.Verdicts[row.Subscription.Id] = row.Verdict;
            }
        }

        if (customer is not null)
        {
            yield return customer;
        }
    }

    /// <summary>A page of customers' rows as read; those whose verdicts are not valid now are judged from their holdings.</summary>
    private async Task<IReadOnlyList<CustomerVerdicts>> PageAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        List<StoredCustomer> page,
        Dictionary<Guid, LegacyOffer> offers,
        Lazy<Func<LegacySubscription, bool>> isShown,
        CancellationToken cancellationToken)
    {
        // Valid: the figure is current at now and every row's verdict was judged at its stamp.
        var current = page.Where(c => c.CurrentStamp is not null).ToDictionary(c => c.CustomerId, c => c.CurrentStamp!.Value);
        var invalid = page
            .Where(c => c.CurrentStamp is not { } stamp || c.Subscriptions.Any(s => !c.Verdicts.TryGetValue(s.Id, out var v) || v.Stamp != stamp))
            .Select(c => c.CustomerId)
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

        return page.Select(customer => judged.TryGetValue(customer.CustomerId, out var fresh)
                ? new CustomerVerdicts(
                    partner,
                    customer.CustomerId,
                    customer.CustomerName,
                    [.. fresh.Holding.Context.LegacySubscriptions.Where(isShown.Value).Select(ExportedSubscription.Of)],
                    fresh.Judgement.Verdicts.ToDictionary(v => v.SubscriptionId),
                    offers)
                : new CustomerVerdicts(partner, customer.CustomerId, customer.CustomerName, customer.Subscriptions, customer.Verdicts, offers))
            .Where(c => c.Subscriptions.Count > 0)
            .ToList();
    }

    /// <summary>One customer of a page as read: its shown subscriptions, the stored verdicts found for it, its figure's stamp if current.</summary>
    private sealed class StoredCustomer(Guid customerId, string customerName)
    {
        public Guid CustomerId { get; } = customerId;

        public string CustomerName { get; } = customerName;

        public List<ExportedSubscription> Subscriptions { get; } = [];

        public Dictionary<Guid, SubscriptionVerdict> Verdicts { get; } = [];

        public long? CurrentStamp { get; set; }
    }
}
