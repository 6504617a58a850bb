using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Tests.Demo;

/// <summary>One stored legacy subscription with the verdict on migrating it now (carrying its properties over).</summary>
public sealed record StoredVerdict(Customer Customer, LegacySubscription Subscription, BundleEligibility Eligibility)
{
    public IEnumerable<EligibilityReason> AllReasons => Eligibility.Members.SelectMany(m => m.Reasons);
}

/// <summary>
/// Evaluates every stored legacy subscription from what the database holds: the partner, the customer, the catalog,
/// the customer's legacy and New Commerce subscriptions, the seats of its migrations in flight, and the active
/// partners' MPN ids as the valid partners of record.
/// </summary>
public static class StoredEligibility
{
    public static async Task<IReadOnlyList<StoredVerdict>> EvaluateAllAsync(PortalDbContext db, DateTimeOffset now)
    {
        var partners = await db.Partners.AsNoTracking().ToListAsync();
        var offers = await db.LegacyOffers.AsNoTracking().ToListAsync();
        var customers = await db.Customers.AsNoTracking().ToListAsync();
        var legacy = (await db.LegacySubscriptions.AsNoTracking().ToListAsync()).ToLookup(s => s.CustomerId);
        var nce = (await db.NceSubscriptions.AsNoTracking().ToListAsync()).ToLookup(s => s.CustomerId);
        var inFlight = (await db.Migrations.AsNoTracking().ToListAsync())
            .Where(m => m.IsInFlight)
            .ToLookup(m => m.CustomerId, m => m);
        var activePartnerIds = partners.Where(p => p.IsActive).Select(p => p.MpnId).ToHashSet();

        var verdicts = new List<StoredVerdict>();
        foreach (var customer in customers)
        {
            var context = new EligibilityContext
            {
                Partner = partners.Single(p => p.TenantId == customer.PartnerTenantId),
                Customer = customer,
                Offers = offers,
                LegacySubscriptions = legacy[customer.TenantId].ToList(),
                NceSubscriptions = nce[customer.TenantId].ToList(),
                InFlight = inFlight[customer.TenantId].SelectMany(InFlightSeatsOf).ToList(),
                ActivePartnerIds = activePartnerIds,
                Now = now,
            };
            verdicts.AddRange(context.LegacySubscriptions.Select(s =>
                new StoredVerdict(customer, s, EligibilityEvaluator.Evaluate(new MigrationRequest(s.Id), context))));
        }

        return verdicts;
    }

    private static IEnumerable<InFlightSeats> InFlightSeatsOf(Migration migration) =>
        migration.Members.Select(m => new InFlightSeats(m.LegacySubscriptionId, string.Join('/', m.CatalogItemId.Split(':').Take(2)), m.Target.Quantity));

    /// <summary>True when <paramref name="reason"/> is <paramref name="kind"/>, whatever its case-specific description says.</summary>
    public static bool Is(this EligibilityReason reason, EligibilityReason kind) =>
        reason.Code == kind.Code && reason.Name == kind.Name && reason.Guidance == kind.Guidance;
}
