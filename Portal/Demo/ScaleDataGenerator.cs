using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Notifications;
using Portal.Persistence;

namespace Portal.Demo;

/// <summary>What a scale run did: how many customers, legacy subscriptions, migrations (with events), schedules and New Commerce subscriptions the Scale Test Partner holds, and how long it took.</summary>
public sealed record ScaleResult(int Customers, int LegacySubscriptions, TimeSpan Elapsed, bool Skipped)
{
    public int Migrations { get; init; }

    public int MigrationEvents { get; init; }

    public int Schedules { get; init; }

    public int NceSubscriptions { get; init; }
}

/// <summary>
/// A large synthetic data set for benchmarks: customers of the "Scale Test Partner" with exactly
/// <see cref="ScaleOptions.SubscriptionsPerCustomer"/> legacy subscriptions each. Deterministic for a seed (ids,
/// names, offers, seats and terms; dates are relative to now). With <see cref="ScaleOptions.MigrationsPerCustomer"/>,
/// each customer's history of migrations (through the domain's own lifecycle, so every event is the one the engine
/// records), a schedule on renewal and the New Commerce subscriptions of its completed migrations. Inserted in batches of a few thousand rows, each in a
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
        // A migration is about eight rows: itself, its members, its events and a New Commerce subscription.
        var customersPerBatch = Math.Max(1, BatchRows / (options.SubscriptionsPerCustomer + 1 + (options.MigrationsPerCustomer * 8)));
        var inserted = 0;
        var history = new ScaleHistory();
        for (var first = 0; first < options.Customers; first += customersPerBatch)
        {
            var count = Math.Min(customersPerBatch, options.Customers - first);
            var customers = new List<Customer>(count);
            var subscriptions = new List<LegacySubscription>(count * options.SubscriptionsPerCustomer);
            var batch = new ScaleHistory();
            for (var index = first; index < first + count; index++)
            {
                var customer = NewCustomer(random, index);
                customers.Add(customer);
                var own = new List<LegacySubscription>(options.SubscriptionsPerCustomer);
                AddSubscriptions(random, customer, options.SubscriptionsPerCustomer, now, own);
                if (options.MigrationsPerCustomer > 0)
                {
                    AddHistory(random, own, options.MigrationsPerCustomer, now, batch);
                }

                subscriptions.AddRange(own);
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Customers.AddRange(customers);
            db.LegacySubscriptions.AddRange(subscriptions);
            db.NceSubscriptions.AddRange(batch.Nce);
            db.ClosedCancellationWindows.AddRange(batch.ClosedWindows);
            db.Migrations.AddRange(batch.Migrations);
            db.Schedules.AddRange(batch.Schedules);
            foreach (var failed in batch.Migrations.Where(m => m.Status == MigrationStatus.Failed))
            {
                var customer = customers.First(c => c.TenantId == failed.CustomerId);
                PortalNotifications.Add(
                    db,
                    DemoIds.ScaleTenantId,
                    PortalNotification.MigrationFailedKind,
                    $"Migration failed for {customer.Name}",
                    $"The migration failed ({failed.ErrorCode}: {failed.ErrorDescription}).",
                    $"migrations/{failed.Id}",
                    failed.CompletedAt ?? failed.RequestedAt);
            }

            await db.SaveChangesAsync(cancellationToken);
            inserted += subscriptions.Count;
            history.Add(batch);
        }

        foreach (var (size, index) in options.LargeCustomers.Select((size, index) => (size, index)))
        {
            var customer = NewCustomer(random, options.Customers + index) with { Name = $"Large Customer {size:D4}" };
            var own = new List<LegacySubscription>(size);
            AddSubscriptions(random, customer, size, now, own);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Customers.Add(customer);
            db.LegacySubscriptions.AddRange(own);
            await db.SaveChangesAsync(cancellationToken);
            inserted += own.Count;
        }

        var result = new ScaleResult(options.Customers + options.LargeCustomers.Count, inserted, watch.Elapsed, Skipped: false)
        {
            Migrations = history.MigrationCount,
            MigrationEvents = history.EventCount,
            Schedules = history.ScheduleCount,
            NceSubscriptions = history.NceCount,
        };
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
        await db.Notifications.Where(n => n.PartnerTenantId == DemoIds.ScaleTenantId).ExecuteDeleteAsync(cancellationToken);
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

    /// <summary>
    /// Up to <paramref name="count"/> migrations of the customer's free active bases (each with its active add-ons),
    /// requested over the last 200 days and run through the domain's lifecycle: 50% completed (with their New
    /// Commerce subscriptions), 35% failed while active (the subscription stays free for a later attempt), 10% failed
    /// once suspended and reverted, 5% still in flight. Then a schedule on renewal for one free active base.
    /// </summary>
    private static void AddHistory(Random random, List<LegacySubscription> subscriptions, int count, DateTimeOffset now, ScaleHistory into)
    {
        for (var i = 0; i < count; i++)
        {
            var free = subscriptions.Where(s => s.Status == LegacySubscriptionStatus.Active && !s.IsAddOn && !s.IsBeingProcessed && MappingOf(s) is not null).ToList();
            if (free.Count == 0)
            {
                break;
            }

            var head = free[random.Next(free.Count)];
            var members = subscriptions.Where(s => s == head || (s.ParentSubscriptionId == head.Id && s.Status == LegacySubscriptionStatus.Active && MappingOf(s) is not null)).ToList();
            var lines = members.Select(m => new MigrationLine(m.Id, m.ParentSubscriptionId, MappingOf(m)!.CatalogItemId, MigrationTarget.CarryOver(m))).ToList();
            var requestedAt = now.AddMinutes(-random.Next(60, 200 * 24 * 60));
            var migration = Migration.Request(NewId(random), head.CustomerId, lines, members, requestedAt, externalReferenceId: random.NextDouble() < 0.3 ? $"PO-{random.Next(100_000):D5}" : null);
            var outcome = random.NextDouble();
            if (outcome < 0.50)
            {
                migration.Begin(members);
                foreach (var member in members)
                {
                    var line = lines.Single(l => l.LegacySubscriptionId == member.Id);
                    var nce = NceSubscription.Create(
                        NewId(random),
                        member.CustomerId,
                        line.CatalogItemId,
                        member.FriendlyName,
                        line.Target.Quantity,
                        line.Target.Term,
                        line.Target.Billing,
                        requestedAt.AddMinutes(40),
                        TermDates.EndInstant(EligibilityEvaluator.NceEndDate(member, line.Target, requestedAt)),
                        requestedAt.AddMinutes(40),
                        member.Id);
                    into.Nce.Add(nce);
                    if (nce.CreatedAt + NceSubscription.CancellationWindow <= now)
                    {
                        // As the engine would have recorded it when the 7 days ended: history, not a backlog for its first pass.
                        into.ClosedWindows.Add(new Engine.ClosedCancellationWindow { NceSubscriptionId = nce.Id, ClosedAt = nce.CreatedAt + NceSubscription.CancellationWindow });
                    }

                    migration.RecordNceSubscriptionCreated(member.Id, nce.Id, requestedAt.AddMinutes(40));
                    migration.RecordProvisioned(member.Id, requestedAt.AddMinutes(55));
                }

                migration.Complete(members, requestedAt.AddMinutes(62));
            }
            else if (outcome < 0.85)
            {
                migration.Fail(members, "InvalidQuantity", "Partner Center refused the seat count at the time.", requestedAt.AddMinutes(5));
            }
            else if (outcome < 0.95)
            {
                migration.Begin(members);
                migration.Fail(members, "ProvisioningFailed", "The New Commerce subscription could not be provisioned.", requestedAt.AddMinutes(30));
                migration.Revert(members, requestedAt + Migration.ResolutionWindow);
            }

            into.Migrations.Add(migration);
        }

        var renewing = subscriptions.Where(s => s.Status == LegacySubscriptionStatus.Active && !s.IsAddOn && !s.IsBeingProcessed && s.TermEnd > now.AddDays(2) && MappingOf(s) is not null).ToList();
        if (renewing.Count > 0)
        {
            var head = renewing[random.Next(renewing.Count)];
            var lines = subscriptions
                .Where(s => s == head || (s.ParentSubscriptionId == head.Id && s.Status == LegacySubscriptionStatus.Active && MappingOf(s) is not null))
                .Select(m => new MigrationLine(m.Id, m.ParentSubscriptionId, MappingOf(m)!.CatalogItemId, MigrationTarget.CarryOver(m)))
                .ToList();
            var scheduled = ScheduleBook.SchedulePartnerMigration([], NewId(random), head.CustomerId, head.Id, head.TermEnd, ScheduleTiming.OnRenewal, lines, now.AddDays(-random.Next(1, 30)));
            if (scheduled.Schedule is { } schedule)
            {
                into.Schedules.Add(schedule);
            }
        }
    }

    private static NceProductMapping? MappingOf(LegacySubscription subscription) =>
        DemoCatalog.All.FirstOrDefault(o => o.Id == subscription.OfferId) is { MigrationEnabled: true, Mapping: { } mapping } ? mapping : null;

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

    /// <summary>The migrations, schedules and New Commerce subscriptions of a batch of customers, and the running totals.</summary>
    private sealed class ScaleHistory
    {
        public List<Migration> Migrations { get; } = [];

        public List<MigrationSchedule> Schedules { get; } = [];

        public List<NceSubscription> Nce { get; } = [];

        public List<Engine.ClosedCancellationWindow> ClosedWindows { get; } = [];

        public int MigrationCount { get; private set; }

        public int EventCount { get; private set; }

        public int ScheduleCount { get; private set; }

        public int NceCount { get; private set; }

        public void Add(ScaleHistory batch)
        {
            MigrationCount += batch.Migrations.Count;
            EventCount += batch.Migrations.Sum(m => m.Events.Count);
            ScheduleCount += batch.Schedules.Count;
            NceCount += batch.Nce.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scale data generated: {Customers} customers and {Subscriptions} legacy subscriptions for Scale Test Partner in {Seconds:F1} s (seed {Seed})")]
    private static partial void LogGenerated(ILogger logger, int customers, int subscriptions, double seconds, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scale data already present ({Customers} customers, {Subscriptions} legacy subscriptions); nothing generated")]
    private static partial void LogAlreadyThere(ILogger logger, int customers, int subscriptions);
}
