using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;

namespace Portal.Demo;

/// <summary>What a scale run did: how many customers and legacy subscriptions the Scale Test Partner holds, and how long it took.</summary>
public sealed record ScaleResult(int Customers, int LegacySubscriptions, TimeSpan Elapsed, bool Skipped);

/// <summary>
/// A large synthetic data set for benchmarks: customers of the "Scale Test Partner" with exactly
/// <see cref="ScaleOptions.SubscriptionsPerCustomer"/> legacy subscriptions each. Deterministic for a seed (ids,
/// names, offers, seats and terms; dates are relative to now). Inserted in batches of a few thousand rows, each in a
/// fresh DbContext with change detection off, which keeps EF Core's per-row cost low.
/// </summary>
public sealed partial class ScaleDataGenerator(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScaleDataGenerator> logger)
{
    /// <summary>Rows per SaveChanges: large enough to amortize the transaction, small enough to keep the tracker cheap.</summary>
    public const int BatchRows = 5000;

    private static readonly string[] Adjectives =
    [
        "northern", "blue", "silver", "granite", "harbor", "summit", "cedar", "maple", "pioneer", "coastal",
        "evergreen", "redwood", "golden", "prairie", "lakeside", "iron", "crystal", "falcon", "meridian", "sterling",
    ];

    private static readonly string[] Nouns =
    [
        "logistics", "dental", "analytics", "builders", "foods", "legal", "media", "health", "motors", "energy",
        "studios", "consulting", "freight", "labs", "outfitters", "realty", "robotics", "textiles", "ventures", "systems",
    ];

    private static readonly string[] Suffixes = ["Ltd", "Inc.", "LLC", "GmbH", "Group", "& Co.", "Partners", "Corp."];

    /// <summary>Base offers with their relative weights: mostly Microsoft 365 and Office 365 suites.</summary>
    private static readonly (LegacyOffer Offer, int Weight)[] Bases =
    [
        (DemoCatalog.BusinessBasic, 18), (DemoCatalog.BusinessStandard, 20), (DemoCatalog.BusinessPremium, 16),
        (DemoCatalog.Office365E1, 8), (DemoCatalog.Office365E3, 12), (DemoCatalog.Office365E5, 4),
        (DemoCatalog.ExchangeOnlinePlan1, 8), (DemoCatalog.ExchangeOnlinePlan2, 3), (DemoCatalog.ProjectPlan3, 3),
        (DemoCatalog.BusinessCentralEssentials, 2), (DemoCatalog.AzureInformationProtectionP1, 2), (DemoCatalog.EntraIdP1, 2),
        (DemoCatalog.Intune, 2),
    ];

    private static readonly int TotalWeight = Bases.Sum(b => b.Weight);

    private static readonly LegacyOffer[] AddOns = DemoCatalog.All.Where(o => o.IsAddOn).ToArray();

    public async Task<ScaleResult> GenerateAsync(ScaleOptions options, bool replace, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriptionsPerCustomer, 1);
        var watch = Stopwatch.StartNew();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var existing = await db.Customers.CountAsync(c => c.PartnerTenantId == DemoIds.ScaleTenantId, cancellationToken);
            if (existing > 0 && !replace)
            {
                var subscriptions = await ScaleSubscriptions(db).CountAsync(cancellationToken);
                LogAlreadyThere(logger, existing, subscriptions);
                return new ScaleResult(existing, subscriptions, watch.Elapsed, Skipped: true);
            }

            if (existing > 0)
            {
                await DeleteScaleDataAsync(db, cancellationToken);
            }

            await EnsurePartnerAndCatalogAsync(db, cancellationToken);
        }

        var random = new Random(options.Seed);
        var now = time.GetUtcNow();
        var customersPerBatch = Math.Max(1, BatchRows / (options.SubscriptionsPerCustomer + 1));
        var inserted = 0;
        for (var first = 0; first < options.Customers; first += customersPerBatch)
        {
            var count = Math.Min(customersPerBatch, options.Customers - first);
            var customers = new List<Customer>(count);
            var subscriptions = new List<LegacySubscription>(count * options.SubscriptionsPerCustomer);
            for (var index = first; index < first + count; index++)
            {
                var customer = NewCustomer(random, index);
                customers.Add(customer);
                AddSubscriptions(random, customer, options.SubscriptionsPerCustomer, now, subscriptions);
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Customers.AddRange(customers);
            db.LegacySubscriptions.AddRange(subscriptions);
            await db.SaveChangesAsync(cancellationToken);
            inserted += subscriptions.Count;
        }

        var result = new ScaleResult(options.Customers, inserted, watch.Elapsed, Skipped: false);
        LogGenerated(logger, result.Customers, result.LegacySubscriptions, result.Elapsed.TotalSeconds, options.Seed);
        return result;
    }

    private static IQueryable<LegacySubscription> ScaleSubscriptions(PortalDbContext db) =>
        db.LegacySubscriptions.Where(s => db.Customers.Any(c => c.TenantId == s.CustomerId && c.PartnerTenantId == DemoIds.ScaleTenantId));

    /// <summary>Removes the scale partner's customers and everything they hold; the partner itself (and its users) stays.</summary>
    private static async Task DeleteScaleDataAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var customerIds = db.Customers.Where(c => c.PartnerTenantId == DemoIds.ScaleTenantId).Select(c => c.TenantId);
        await db.Schedules.Where(s => customerIds.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        await db.MigrationEvents.Where(e => db.Migrations.Any(m => m.Id == e.MigrationId && customerIds.Contains(m.CustomerId))).ExecuteDeleteAsync(cancellationToken);
        await db.Migrations.Where(m => customerIds.Contains(m.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        await db.NceSubscriptions.Where(s => customerIds.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        await db.LegacySubscriptions.Where(s => s.ParentSubscriptionId != null && customerIds.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        await db.LegacySubscriptions.Where(s => customerIds.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        await db.Customers.Where(c => c.PartnerTenantId == DemoIds.ScaleTenantId).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task EnsurePartnerAndCatalogAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Partners.AnyAsync(p => p.TenantId == DemoIds.ScaleTenantId, cancellationToken))
        {
            db.Partners.Add(DemoIds.ScalePartner);
        }

        var knownOffers = (await db.LegacyOffers.Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.LegacyOffers.AddRange(DemoCatalog.All.Where(o => !knownOffers.Contains(o.Id)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Customer NewCustomer(Random random, int index)
    {
        var adjective = Adjectives[random.Next(Adjectives.Length)];
        var noun = Nouns[random.Next(Nouns.Length)];
        var suffix = Suffixes[random.Next(Suffixes.Length)];
        var segment = random.NextDouble() switch
        {
            < 0.90 => CustomerSegment.Commercial,
            < 0.94 => CustomerSegment.Education,
            < 0.97 => CustomerSegment.Government,
            _ => CustomerSegment.Nonprofit,
        };
        return new Customer
        {
            TenantId = NewId(random),
            PartnerTenantId = DemoIds.ScaleTenantId,
            Name = $"{Capitalized(adjective)} {Capitalized(noun)} {suffix}",
            Domain = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{adjective}{noun}{index + 1:D6}.onmicrosoft.com"),
            Segment = segment,
            RelationshipActive = random.NextDouble() >= 0.01,
        };
    }

    private static void AddSubscriptions(Random random, Customer customer, int count, DateTimeOffset now, List<LegacySubscription> into)
    {
        var today = TermDates.UtcDate(now);
        var bases = new List<LegacySubscription>();
        for (var i = 0; i < count; i++)
        {
            var parent = bases.Count > 0 && random.NextDouble() < 0.2 ? bases[random.Next(bases.Count)] : null;
            var addOnChoices = parent is null ? Array.Empty<LegacyOffer>() : AddOns.Where(a => a.AllowedBaseOfferIds.Contains(parent.OfferId)).ToArray();
            var offer = addOnChoices.Length > 0 ? addOnChoices[random.Next(addOnChoices.Length)] : PickBase(random);
            if (addOnChoices.Length == 0)
            {
                parent = null;
            }

            // Add-ons are co-termed with their base; bases mostly run annual terms.
            var (term, billing) = parent is not null ? (parent.Term, parent.Billing) : random.NextDouble() switch
            {
                < 0.78 => (TermDuration.P1Y, BillingCycle.Annual),
                < 0.88 => (TermDuration.P1Y, BillingCycle.Monthly),
                < 0.98 => (TermDuration.P1M, BillingCycle.Monthly),
                _ => (TermDuration.P3Y, BillingCycle.Annual),
            };
            var endDate = parent is not null
                ? TermDates.UtcDate(parent.TermEnd)
                : today.AddDays(random.Next(0, term switch { TermDuration.P1M => 31, TermDuration.P1Y => 365, _ => 1095 }));
            var boughtDaysAgo = random.NextDouble() < 0.03 ? random.NextDouble() * 29 : 30 + (random.NextDouble() * 1800);
            var purchase = now.AddDays(-boughtDaysAgo);
            var termEnd = TermDates.EndInstant(endDate);
            var termStart = TermDates.StartInstant(endDate.AddDays(1).AddMonths(-term.Months()));
            if (purchase > termStart)
            {
                termStart = purchase;
            }

            var status = random.NextDouble() switch
            {
                < 0.95 => LegacySubscriptionStatus.Active,
                < 0.98 => LegacySubscriptionStatus.Suspended,
                _ => LegacySubscriptionStatus.Cancelled,
            };
            var subscription = LegacySubscription.Create(
                NewId(random),
                customer.TenantId,
                offer.Id,
                offer.Name,
                Seats(random, offer.SeatCap ?? 2000),
                term,
                billing,
                termStart,
                termEnd,
                purchase,
                DemoIds.ScaleMpnId,
                parent?.Id,
                status,
                isTrial: random.NextDouble() < 0.01,
                hasActivePromotion: random.NextDouble() < 0.02,
                hadPromotionAtPurchase: random.NextDouble() < 0.02,
                autoRenewEnabled: random.NextDouble() >= 0.05,
                hasPendingOrder: random.NextDouble() < 0.005);
            into.Add(subscription);
            if (parent is null)
            {
                bases.Add(subscription);
            }
        }
    }

    private static LegacyOffer PickBase(Random random)
    {
        var pick = random.Next(TotalWeight);
        foreach (var (offer, weight) in Bases)
        {
            if (pick < weight)
            {
                return offer;
            }

            pick -= weight;
        }

        return Bases[^1].Offer;
    }

    /// <summary>Log-uniform between 1 and <paramref name="max"/>: many small tenants, a few large ones.</summary>
    private static int Seats(Random random, int max) =>
        Math.Clamp((int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(max))), 1, max);

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return DemoIds.FromBytes(bytes);
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Scale data generated: {Customers} customers and {Subscriptions} legacy subscriptions for Scale Test Partner in {Seconds:F1} s (seed {Seed})")]
    private static partial void LogGenerated(ILogger logger, int customers, int subscriptions, double seconds, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scale data already present ({Customers} customers, {Subscriptions} legacy subscriptions); nothing generated")]
    private static partial void LogAlreadyThere(ILogger logger, int customers, int subscriptions);
}
