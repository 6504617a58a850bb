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
/// storing each subscription's verdicts), then the file's subscriptions and their stored verdicts are read as two
/// streams in customer order, merged customer after customer. A customer whose verdicts are not valid at that now (changed since the
/// recount, or judged at a later instant than the one exported) is judged from its holdings instead, so a row never
/// shows an outdated verdict.
/// </summary>
public sealed class StoredVerdicts(PortalDbContext db, PartnerHoldings holdings, EligibilityFigureStore figures, IServiceScopeFactory scopes)
{
    /// <summary>Which of the stored verdicts a file shows: only those are read (the others come back empty).</summary>
    public enum VerdictColumns
    {
        /// <summary><see cref="SubscriptionVerdict.Eligible"/> and its reasons.</summary>
        MigratingNow,

        /// <summary>The Microsoft-led columns.</summary>
        MicrosoftLed,
    }

    /// <summary>
    /// The partner's customers a page at a time (tenant order), each with its subscriptions that match
    /// <paramref name="shown"/> (all when null); customers with none are left out. <paramref name="shownVerdicts"/> is
    /// the same selection made on the stored verdicts (a valid verdict matches it exactly when its subscription matches
    /// <paramref name="shown"/>), so that only those verdicts are read; null with <paramref name="shown"/> only.
    /// <paramref name="columns"/> says which verdicts the file shows.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<CustomerVerdicts>> PagesAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        Expression<Func<LegacySubscription, bool>>? shown,
        Expression<Func<SubscriptionVerdict, bool>>? shownVerdicts,
        VerdictColumns columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if ((shown is null) != (shownVerdicts is null))
        {
            throw new ArgumentException("A selection of subscriptions needs the same selection of their verdicts, and only it.", nameof(shownVerdicts));
        }

        await figures.RefreshAsync(partner, now, cancellationToken);
        var offers = await db.LegacyOffers.AsNoTracking().ToDictionaryAsync(o => o.Id, cancellationToken);
        var isShown = new Lazy<Func<LegacySubscription, bool>>(() => shown is null ? _ => true : shown.Compile()); // only customers judged here need it

        var page = new List<StoredCustomer>(PartnerHoldings.PageSize);
        var customers = MergedAsync(partner, now, shown, shownVerdicts, columns, cancellationToken);
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
    /// The shown subscriptions of the partner's customers with their stored verdicts, customer by customer, from two
    /// queries streamed in customer order from contexts of their own, like a plain dump, and merged here: the
    /// subscriptions, each with whether its customer's figure is current now and at which stamp (for the whole file the
    /// database walks the customers' index, the subscriptions' index and the figures' key together, without sorting);
    /// and the shown verdicts. (One query joining the four tables made PostgreSQL hash whole tables and sort every row
    /// before sending the first; a query per page of customers re-read whole tables for every page; the Microsoft-led
    /// window's verdicts joined to its subscriptions hashed every verdict.)
    /// </summary>
    private async IAsyncEnumerable<StoredCustomer> MergedAsync(
        PartnerOrganization partner,
        DateTimeOffset now,
        Expression<Func<LegacySubscription, bool>>? shown,
        Expression<Func<SubscriptionVerdict, bool>>? shownVerdicts,
        VerdictColumns columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscriptionScope = scopes.CreateAsyncScope();
        await using var verdictScope = scopes.CreateAsyncScope();
        var subscriptionDb = subscriptionScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var verdictDb = verdictScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows =
            from s in shown is null ? subscriptionDb.LegacySubscriptions.AsNoTracking() : subscriptionDb.LegacySubscriptions.AsNoTracking().Where(shown)
            join c in subscriptionDb.Customers on s.CustomerId equals c.TenantId
            where c.PartnerTenantId == partner.TenantId
            join f in subscriptionDb.EligibilityFigures on s.CustomerId equals f.CustomerId into stored
            from f in stored.DefaultIfEmpty()
            orderby s.CustomerId
            select new
            {
                s.CustomerId,
                c.Name,
                CurrentStamp = f != null && f.ComputedAt <= now && f.RecountDue > now ? f.Stamp : (long?)null,
                Subscription = new ExportedSubscription(s.Id, s.ParentSubscriptionId, s.FriendlyName, s.OfferId, s.PartnerOfRecordId, s.Quantity, s.Term, s.Billing, s.TermEnd, s.AutoRenewEnabled),
            };
        var migratingNow = columns == VerdictColumns.MigratingNow; // only the texts the file shows cross the wire
        var verdictRows =
            from v in shownVerdicts is null ? verdictDb.SubscriptionVerdicts.AsNoTracking() : verdictDb.SubscriptionVerdicts.AsNoTracking().Where(shownVerdicts)
            join c in verdictDb.Customers on v.CustomerId equals c.TenantId
            where c.PartnerTenantId == partner.TenantId
            orderby v.CustomerId
            select new SubscriptionVerdict
            {
                SubscriptionId = v.SubscriptionId,
                CustomerId = v.CustomerId,
                Stamp = v.Stamp,
                Eligible = v.Eligible,
                Reasons = migratingNow ? v.Reasons : "",
                LedEligible = migratingNow ? null : v.LedEligible,
                LedReasons = migratingNow ? "" : v.LedReasons,
                LedScheduled = v.LedScheduled,
                LedTermEnd = v.LedTermEnd,
            };

        // Both queries run side by side from the start (a window's queries sort their rows before sending the first).
        await using var verdicts = verdictRows.AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        var firstVerdict = verdicts.MoveNextAsync().AsTask();
        SubscriptionVerdict? next = null;
        StoredCustomer? customer = null;
        try
        {
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (customer is null)
                {
                    next = await firstVerdict ? verdicts.Current : null;
                }

                if (customer?.CustomerId != row.CustomerId)
                {
                    if (customer is not null)
                    {
                        yield return customer;
                    }

                    // This customer's verdicts; those of customers before it (whose subscriptions are gone) are passed
                    // over. A customer whose verdicts the merge misses is judged live (PageAsync), never shown without.
                    customer = new StoredCustomer(row.CustomerId, row.Name) { CurrentStamp = row.CurrentStamp };
                    while (next is not null && InDatabaseOrder.Compare(next.CustomerId, row.CustomerId) <= 0)
                    {
                        if (next.CustomerId == row.CustomerId)
                        {
                            customer.Verdicts[next.SubscriptionId] = next;
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
        finally
        {
            // With no subscription shown (or the read failed), the verdicts' first read must still end before its
            // enumerator is disposed; its own failure, if any, is not the one to report.
            await Task.WhenAny(firstVerdict);
            _ = firstVerdict.Exception;
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
