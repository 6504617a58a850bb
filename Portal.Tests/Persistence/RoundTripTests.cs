using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Domain;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Persistence;

/// <summary>Every aggregate, saved in one context and read back in a fresh one, is what was saved.</summary>
public class RoundTripTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Partners_and_customers_come_back_as_saved(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var partners = new[] { A.Partner(), SandboxPartner };
        var customers = new[]
        {
            A.Customer(),
            new Customer
            {
                TenantId = Guid.NewGuid(),
                PartnerTenantId = SandboxPartner.TenantId,
                Name = "Contoso School District (Ünïcode ✓)",
                Domain = "contososchools.onmicrosoft.com",
                Segment = CustomerSegment.Education,
                RelationshipActive = false,
            },
        };
        await store.SaveAsync(db =>
        {
            db.Partners.AddRange(partners);
            db.Customers.AddRange(customers);
        });

        await using var read = store.NewContext();
        Assert.Equal(partners.OrderBy(p => p.MpnId), await read.Partners.OrderBy(p => p.MpnId).ToListAsync(Ct));
        Assert.Equal(customers.OrderBy(c => c.Name), await read.Customers.OrderBy(c => c.Name).ToListAsync(Ct));
        Assert.True((await read.Partners.SingleAsync(p => p.MpnId == SandboxPartner.MpnId, Ct)).IsSandbox);
    }

    [Theory, OnBothProviders]
    public async Task Legacy_offers_come_back_with_mapping_allowed_bases_and_allowed_term_billing_pairs(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var qualifiedAddOn = new LegacyOffer
        {
            Id = Guid.NewGuid(),
            Name = "Qualified add-on",
            IsAddOn = true,
            AllowedBaseOfferIds = new HashSet<Guid> { A.Office365E3.Id, A.BusinessStandard.Id, A.BusinessBasic.Id },
            Audience = CustomerSegment.Nonprofit,
            SeatCap = 50,
            MigrationEnabled = false,
            ManualMigrationOnly = true,
            Mapping = new NceProductMapping("CFQ7TTC0ABCD", "000F", "0009"),
            AllowedTargets = [new(TermDuration.P3Y, BillingCycle.Triennial), new(TermDuration.P1M, BillingCycle.Monthly)],
            NceSubscriptionCountLimit = 2,
        };
        var offers = A.Catalog.Select(o => o with { }).Append(qualifiedAddOn).ToList();
        await store.SaveAsync(db => db.LegacyOffers.AddRange(offers));

        await using var read = store.NewContext();
        var stored = await read.LegacyOffers.ToListAsync(Ct);
        Assert.Equal(offers.Count, stored.Count);
        foreach (var offer in offers)
        {
            var back = stored.Single(o => o.Id == offer.Id);
            AssertSameState(Comparable(offer), Comparable(back));
        }

        var addOn = stored.Single(o => o.Id == qualifiedAddOn.Id);
        Assert.Equal("CFQ7TTC0ABCD:000F:0009", addOn.Mapping?.CatalogItemId);
        Assert.True(addOn.Allows(new TermBilling(TermDuration.P3Y, BillingCycle.Triennial)));
        Assert.False(addOn.Allows(new TermBilling(TermDuration.P1Y, BillingCycle.Annual)));
        Assert.Null(stored.Single(o => o.Id == A.AzureInformationProtectionP1Unmapped.Id).Mapping);
        Assert.Equal(TermBilling.NewCommercePairs, stored.Single(o => o.Id == A.Office365E3.Id).AllowedTargets);

        // A set has no order: compare the allowed bases as sorted lists.
        static LegacyOffer Comparable(LegacyOffer offer) => offer with { AllowedBaseOfferIds = new SortedSet<Guid>(offer.AllowedBaseOfferIds) };
    }

    [Theory, OnBothProviders]
    public async Task Legacy_subscriptions_come_back_with_every_property_and_UTC_instants_to_the_second(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var baseSubscription = A.Subscription().Of(A.Office365E3).Named("E3 for the head office")
            .WithSeats(250)
            .WithTerm(TermDuration.P3Y, BillingCycle.Annual)
            .StartingAt(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero))
            .EndingAt(new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.Zero))
            .BoughtAt(new DateTimeOffset(2021, 3, 1, 17, 45, 13, TimeSpan.Zero))
            .WithPartnerOfRecord("7777777")
            .WithActivePromotion()
            .WithPromotionAtPurchase()
            .WithAutoRenewOff()
            .Build();
        var trialAddOn = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(baseSubscription)
            .WithTerm(TermDuration.P1M, BillingCycle.Monthly)
            .EndingOn(2025, 10, 9)
            .AsTrial()
            .WithPendingOrder()
            .WithStatus(LegacySubscriptionStatus.Suspended)
            .Build();
        var migrationId = Guid.NewGuid();
        baseSubscription.Reserve(migrationId);
        await SeedAsync(store, baseSubscription, trialAddOn);

        await using var read = store.NewContext();
        var storedBase = await read.LegacyAsync(baseSubscription.Id);
        var storedAddOn = await read.LegacyAsync(trialAddOn.Id);
        AssertSameState(baseSubscription, storedBase);
        AssertSameState(trialAddOn, storedAddOn);
        Assert.Equal(migrationId, storedBase.InFlightMigrationId);
        Assert.Equal(baseSubscription.Id, storedAddOn.ParentSubscriptionId);
        Assert.All(
            new[] { storedBase.TermStart, storedBase.TermEnd, storedBase.PurchaseDate, storedAddOn.TermEnd },
            instant => Assert.Equal(TimeSpan.Zero, instant.Offset));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.Zero), storedBase.TermEnd);
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 17, 45, 13, TimeSpan.Zero), storedBase.PurchaseDate);
    }

    [Theory, OnBothProviders]
    public async Task Nce_subscriptions_come_back_with_their_seat_additions_also_after_seats_are_reduced(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await SeedAsync(store);
        var created = A.Now.AddDays(-3);
        var subscription = A.NceSubscription().WithSeats(10).CreatedAt(created).WithTerm(TermDuration.P1Y, BillingCycle.Annual).Build();
        subscription.AddSeats(4, created.AddHours(5));
        subscription.AddSeats(2, A.Now.AddHours(-1));
        subscription.AddSeats(2, A.Now.AddHours(-1));
        await store.SaveAsync(db => db.NceSubscriptions.Add(subscription));

        await using (var db = store.NewContext())
        {
            var stored = await db.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct);
            AssertSameState(subscription, stored);
            Assert.Equal(18, stored.Quantity);
            Assert.Equal([10, 4, 2, 2], stored.SeatAdditions.Select(a => a.Quantity));

            // Removes the newest 2 + 2 seats and 1 of the 4: the additions change in place and disappear.
            Assert.True(stored.ReduceSeats(13, A.Now).Succeeded);
            await db.SaveChangesAsync(Ct);
            subscription = stored;
        }

        await using var read = store.NewContext();
        var reduced = await read.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct);
        AssertSameState(subscription, reduced);
        Assert.Equal(13, reduced.Quantity);
        Assert.Equal([(10, created), (3, created.AddHours(5))], reduced.SeatAdditions.Select(a => (a.Quantity, a.AddedAt)));
        Assert.Equal(2, await read.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"NceSeatAdditions\"").SingleAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_migration_comes_back_with_members_targets_nce_ids_and_its_events_in_order_at_every_step(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var (baseSubscription, addOn) = Bundle();
        await SeedAsync(store, baseSubscription, addOn);
        var migrationId = Guid.NewGuid();
        var nceBase = Guid.NewGuid();
        var nceAddOn = Guid.NewGuid();
        var lines = new[]
        {
            new MigrationLine(baseSubscription.Id, null, A.Office365E3.Mapping!.CatalogItemId, new MigrationTarget(TermDuration.P3Y, BillingCycle.Monthly, 30, PurchaseFullTerm: true)),
            new MigrationLine(addOn.Id, baseSubscription.Id, A.ExchangeArchiving.Mapping!.CatalogItemId, new MigrationTarget(TermDuration.P1Y, BillingCycle.Annual, 5, CustomTermEndDate: new DateOnly(2026, 1, 31))),
        };

        // Requested: the legacy subscriptions are reserved in the same unit of work.
        string expected;
        await using (var db = store.NewContext())
        {
            var legacy = new[] { await db.LegacyAsync(baseSubscription.Id), await db.LegacyAsync(addOn.Id) };
            var migration = Migration.Request(migrationId, A.CustomerTenantId, lines, legacy, A.Now, externalReferenceId: "ext-0001");
            db.Migrations.Add(migration);
            await db.SaveChangesAsync(Ct);
            expected = State(migration);
        }

        // Begun, and the base's New Commerce subscription created.
        await using (var db = store.NewContext())
        {
            var migration = await db.MigrationAsync(migrationId);
            Assert.Equal(expected, State(migration));
            Assert.Equal(lines, migration.Members.Select(m => m.Line));
            Assert.All(await db.MembersAsync(migration), s => Assert.Equal(migrationId, s.InFlightMigrationId));

            migration.Begin(await db.MembersAsync(migration));
            migration.RecordNceSubscriptionCreated(baseSubscription.Id, nceBase, A.Now.AddMinutes(20));
            await db.SaveChangesAsync(Ct);
            expected = State(migration);
        }

        // The add-on's created, both provisioned, completed.
        await using (var db = store.NewContext())
        {
            var migration = await db.MigrationAsync(migrationId);
            Assert.Equal(expected, State(migration));
            Assert.Equal(MigrationPhase.LegacySuspended, migration.Phase);
            Assert.All(await db.MembersAsync(migration), s => Assert.Equal(LegacySubscriptionStatus.Suspended, s.Status));

            migration.RecordNceSubscriptionCreated(addOn.Id, nceAddOn, A.Now.AddMinutes(25));
            migration.RecordProvisioned(baseSubscription.Id, A.Now.AddMinutes(50));
            migration.RecordProvisioned(addOn.Id, A.Now.AddMinutes(55));
            migration.Complete(await db.MembersAsync(migration), A.Now.AddHours(1));
            await db.SaveChangesAsync(Ct);
            expected = State(migration);
        }

        await using var read = store.NewContext();
        var completed = await read.MigrationAsync(migrationId);
        Assert.Equal(expected, State(completed));
        Assert.Equal(MigrationStatus.Completed, completed.Status);
        Assert.Equal([nceBase, nceAddOn], completed.Members.Select(m => m.NceSubscriptionId!.Value));
        Assert.All(completed.Members, m => Assert.False(m.HoldsSubscription));
        Assert.Equal(
            [
                (MigrationEventName.MigrationStarted, baseSubscription.Id),
                (MigrationEventName.MigrationStarted, addOn.Id),
                (MigrationEventName.NewCommerceSubscriptionCreated, baseSubscription.Id),
                (MigrationEventName.NewCommerceSubscriptionCreated, addOn.Id),
                (MigrationEventName.NewCommerceSubscriptionProvisioned, baseSubscription.Id),
                (MigrationEventName.NewCommerceSubscriptionProvisioned, addOn.Id),
                (MigrationEventName.MigrationCompleted, baseSubscription.Id),
                (MigrationEventName.MigrationCompleted, addOn.Id),
            ],
            completed.Events.Select(e => (e.Name, e.CurrentSubscriptionId)));
        Assert.All(await read.MembersAsync(completed), s =>
        {
            Assert.Equal(LegacySubscriptionStatus.Migrated, s.Status);
            Assert.Null(s.InFlightMigrationId);
        });
    }

    [Theory, OnBothProviders]
    public async Task A_migration_loaded_without_its_events_cannot_record_new_ones(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);
        var migrationId = Guid.NewGuid();
        await using (var db = store.NewContext())
        {
            var legacy = new[] { await db.LegacyAsync(subscription.Id) };
            var requested = Migration.Request(migrationId, A.CustomerTenantId, Lines(legacy), legacy, A.Now);
            requested.Begin(legacy);
            db.Migrations.Add(requested);
            await db.SaveChangesAsync(Ct);
        }

        await using var partial = store.NewContext();
        var migration = await partial.Migrations.SingleAsync(m => m.Id == migrationId, Ct);
        Assert.Empty(migration.Events);
        migration.RecordNceSubscriptionCreated(subscription.Id, Guid.NewGuid(), A.Now.AddMinutes(5));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => partial.SaveChangesAsync(Ct));
        Assert.Contains(nameof(PortalDbContext.MigrationsWithEvents), refused.Message, StringComparison.Ordinal);
        await using var read = store.NewContext();
        Assert.Null((await read.MigrationAsync(migrationId)).Member(subscription.Id).NceSubscriptionId);
    }

    [Theory, OnBothProviders]
    public async Task A_failed_migration_comes_back_with_its_error(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(store, subscription);
        var migrationId = Guid.NewGuid();
        string expected;
        await using (var db = store.NewContext())
        {
            var legacy = new[] { await db.LegacyAsync(subscription.Id) };
            var migration = Migration.Request(migrationId, A.CustomerTenantId, Lines(legacy), legacy, A.Now, isMicrosoftLed: true);
            migration.Begin(legacy);
            migration.Fail(legacy, "800002", "The New Commerce order could not be placed.", A.Now.AddHours(2));
            db.Migrations.Add(migration);
            await db.SaveChangesAsync(Ct);
            expected = State(migration);
        }

        await using var read = store.NewContext();
        var failed = await read.MigrationAsync(migrationId);
        Assert.Equal(expected, State(failed));
        Assert.Equal(MigrationPhase.FailedLegacySuspended, failed.Phase);
        Assert.True(failed.IsMicrosoftLed);
        Assert.Equal(A.Now + Migration.ResolutionWindow, failed.ResolutionDeadline);
    }

    [Theory, OnBothProviders]
    public async Task Schedules_come_back_with_their_timing_and_frozen_lines(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var (baseSubscription, addOn) = Bundle();
        var other = A.Subscription().Build();
        await SeedAsync(store, baseSubscription, addOn, other);
        var onDate = MigrationSchedule.Create(
            Guid.NewGuid(),
            A.CustomerTenantId,
            baseSubscription.Id,
            baseSubscription.TermEnd,
            ScheduleTiming.OnDate(new DateOnly(2025, 12, 1)),
            [
                new MigrationLine(baseSubscription.Id, null, A.Office365E3.Mapping!.CatalogItemId, new MigrationTarget(TermDuration.P3Y, BillingCycle.Triennial, 40, PurchaseFullTerm: true)),
                new MigrationLine(addOn.Id, baseSubscription.Id, A.ExchangeArchiving.Mapping!.CatalogItemId, new MigrationTarget(TermDuration.P1Y, BillingCycle.Monthly, 5, CustomTermEndDate: new DateOnly(2026, 11, 30))),
            ],
            A.Now,
            externalReferenceId: "sched-1");
        var onRenewal = MigrationSchedule.Create(Guid.NewGuid(), A.CustomerTenantId, other.Id, other.TermEnd, ScheduleTiming.OnRenewal, Lines(other), A.Now, isMicrosoftLed: true);
        await store.SaveAsync(db => db.Schedules.AddRange(onDate, onRenewal));

        await using (var db = store.NewContext())
        {
            var storedOnDate = await db.Schedules.SingleAsync(s => s.Id == onDate.Id, Ct);
            var storedOnRenewal = await db.Schedules.SingleAsync(s => s.Id == onRenewal.Id, Ct);
            AssertSameState(onDate, storedOnDate);
            AssertSameState(onRenewal, storedOnRenewal);
            Assert.Equal(onDate.Lines, storedOnDate.Lines);
            Assert.True(storedOnRenewal.Timing.MigrateOnRenewal);
            // Microsoft runs its own schedule at the subscription's instant of the three days after the term end.
            Assert.Equal(Portal.Domain.MicrosoftLed.MicrosoftLedMigration.ExecutionInstant(other.Id, other.TermEnd), storedOnRenewal.DueAt);
            Assert.InRange(storedOnRenewal.DueAt, new DateTimeOffset(2026, 2, 11, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 13, 23, 59, 59, TimeSpan.Zero));

            // Updated in place: the new timing and frozen targets replace the old ones.
            storedOnDate.Update(ScheduleTiming.OnRenewal, Lines(baseSubscription), A.Now.AddDays(1), "sched-1b");
            storedOnRenewal.MarkCompleted(Guid.NewGuid(), A.Now.AddDays(2));
            await db.SaveChangesAsync(Ct);
            onDate = storedOnDate;
            onRenewal = storedOnRenewal;
        }

        await using var read = store.NewContext();
        AssertSameState(onDate, await read.Schedules.SingleAsync(s => s.Id == onDate.Id, Ct));
        var json = await read.Database.SqlQueryRaw<string>("SELECT \"Lines\" AS \"Value\" FROM \"MigrationSchedules\" WHERE \"Id\" = {0}", onDate.Id).SingleAsync(Ct);
        Assert.Contains("\"term\":\"P1Y\"", json, StringComparison.Ordinal);
        Assert.Contains("\"billing\":\"Annual\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("termBilling", json, StringComparison.OrdinalIgnoreCase);
        AssertSameState(onRenewal, await read.Schedules.SingleAsync(s => s.Id == onRenewal.Id, Ct));
        Assert.Single((await read.Schedules.SingleAsync(s => s.Id == onDate.Id, Ct)).Lines);
    }
}
