using Microsoft.EntityFrameworkCore;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Domain;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Persistence.Publishing;

/// <summary>Publishers, their offers, migrations, attempts and notifications, saved and read back in a fresh context, on both providers.</summary>
public class PublishingRoundTripTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task A_publisher_comes_back_with_every_offer_type_state_activity_and_price_and_its_users(DatabaseProvider provider)
    {
        await using var store = await StoreWithPartnerAsync(provider);
        var publisher = APublisher().WithOffers(
            Vm("vm-draft", OfferState.Draft, price: 0.1234m),
            Vm("vm-staging", OfferState.Draft, OfferActivity.Staging),
            Vm("vm-publishing", OfferState.Staged, OfferActivity.Publishing),
            OfferOf(OfferType.SolutionTemplate, "template-listed", price: 1999.99m),
            OfferOf(OfferType.TestDrive, "testdrive-staged", OfferState.Staged),
            OfferOf(OfferType.ManagedApplication, "managed-draft", OfferState.Draft),
            Offer.Existing("saas-eur", "SaaS (Ünïcode ✓)", OfferType.SaaS, OfferState.Listed, new OfferPrice(12.5m, "eur"))).Build();
        await store.SaveAsync(db => db.AddPublisher(publisher, A.PartnerTenantId));

        await using var read = store.NewContext();
        var stored = await read.PublisherAsync(PublisherId);
        Assert.Equal(Comparable(publisher), Comparable(stored));
        Assert.Equal([CoAdmin, OtherCoAdmin], stored.CoAdmins);
        Assert.Equal(new OfferPrice(12.5m, "EUR"), stored.OfferNamed("saas-eur").Price);
        Assert.Equal(OfferActivity.Publishing, stored.OfferNamed("vm-publishing").Activity);
        Assert.Equal(A.PartnerTenantId, read.Entry(stored).Property<Guid>("PartnerTenantId").CurrentValue);
        Assert.Null(stored.Migration);
    }

    [Theory, OnBothProviders]
    public async Task A_migration_comes_back_at_every_step_and_a_completed_run_leaves_moved_offers_read_only_on_the_old_portal(DatabaseProvider provider)
    {
        await using var store = await StoreWithPartnerAsync(provider);
        await store.SaveAsync(db => db.AddPublisher(TypicalPublisher(), A.PartnerTenantId));

        await Step(store, p => Assert.True(p.SubmitMigration(MigrationId, PublisherName, PublisherId, Earlier).Succeeded));
        await Step(store, p => Assert.True(p.Migration!.BookSlot(Slot, Earlier).Succeeded), p =>
        {
            Assert.Equal(PublisherMigrationStatus.SlotBooked, p.Migration!.Status);
            Assert.Equal(Slot, p.Migration.Slot!.Start);
            Assert.Equal(TimeSpan.Zero, p.Migration.Slot.Start.Offset);
            Assert.False(p.Migration.Slot.IsArrangedByOperator);
        });
        await Step(store, p => Assert.True(p.Migration!.ConfirmSlot(Admin, Earlier).Succeeded));
        await Step(store, p => Assert.True(p.Migration!.Run(Slot.AddMinutes(1)).Succeeded), p =>
        {
            Assert.True(p.HasMigrated);
            Assert.Equal(Admin, p.Owner);
            Assert.Equal([CoAdmin, OtherCoAdmin], p.Contributors);
            Assert.True(p.OfferNamed("vm-staged").IsReadOnlyOn(PublishingPortal.Old));
            Assert.Equal(OfferState.Draft, p.OfferNamed("vm-staged").State);
            Assert.Equal(OfferState.Staged, p.OfferNamed("vm-staged").StateShownOn(PublishingPortal.Old));
            Assert.Equal(PublishingPortal.Old, p.OfferNamed("template-listed").LivesOn);
            var attempt = Assert.Single(p.Migration!.Attempts);
            Assert.True(attempt.Succeeded);
            Assert.Equal(["vm-draft", "vm-listed", "vm-staged"], attempt.MovedOfferIds.Order());
            var notification = Assert.Single(p.Migration.Notifications);
            Assert.Equal(PublisherNotificationKind.Completed, notification.Kind);
            Assert.Equal(Admin, notification.Recipient);

            // Read back, the rules still hold: creating on the old portal is blocked.
            Assert.Equal(PublishingRefusals.CreatesBlockedOnOldPortal, p.CreateOffer(PublishingPortal.Old, "new", "New", OfferType.TestDrive, OfferPrice.Usd(1)).Refusal?.Code);
        });
    }

    [Theory, OnBothProviders]
    public async Task A_failed_run_comes_back_reverted_with_its_attempt_and_notification_and_an_operator_arranged_slot_keeps_its_operator(DatabaseProvider provider)
    {
        await using var store = await StoreWithPartnerAsync(provider);
        var publisher = APublisher().WithOffers([.. TypicalOffers(), Vm("vm-busy", OfferState.Staged, OfferActivity.Publishing)]).Build();
        Confirmed(publisher);
        await store.SaveAsync(db => db.AddPublisher(publisher, A.PartnerTenantId));

        await Step(store, p => Assert.False(p.Migration!.Run(Slot).Succeeded), p =>
        {
            Assert.Equal(PublisherMigrationStatus.Failed, p.Migration!.Status);
            Assert.False(p.HasMigrated);
            Assert.All(p.Offers, o => Assert.Equal(PublishingPortal.Old, o.LivesOn));
            Assert.Null(p.Owner);
            Assert.Empty(p.Contributors);
            var attempt = Assert.Single(p.Migration.Attempts);
            Assert.Equal(["vm-busy"], attempt.BlockingOfferIds);
            Assert.Equal(Slot, attempt.Slot.Start);
            Assert.Equal(PublisherNotificationKind.Failed, Assert.Single(p.Migration.Notifications).Kind);
        });

        var arranged = Utc(2026, 3, 5, 2, 30);
        await Step(store, p => Assert.True(p.Migration!.ArrangeSlot(arranged, Operator, Slot.AddHours(2)).Succeeded), p =>
        {
            Assert.Equal(arranged, p.Migration!.Slot!.Start);
            Assert.Equal(Operator, p.Migration.Slot.ArrangedBy);
            Assert.Null(p.Migration.FailureReason);
            Assert.Single(p.Migration.Attempts);
            Assert.Single(p.Migration.Notifications);
        });
    }

    [Theory, OnBothProviders]
    public async Task Two_runs_of_one_migration_at_once_save_exactly_one(DatabaseProvider provider)
    {
        await using var store = await StoreWithPartnerAsync(provider);
        var publisher = TypicalPublisher();
        Confirmed(publisher);
        await store.SaveAsync(db => db.AddPublisher(publisher, A.PartnerTenantId));

        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var one = await first.PublisherAsync(PublisherId);
        var other = await second.PublisherAsync(PublisherId);
        Assert.True(one.Migration!.Run(Slot).Succeeded);
        Assert.True(other.Migration!.Run(Slot).Succeeded);
        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var read = store.NewContext();
        var stored = await read.PublisherAsync(PublisherId);
        Assert.Single(stored.Migration!.Notifications);
        Assert.Single(stored.Migration.Attempts);
    }

    /// <summary>The publisher's state with its offers in key order: offers have no order of their own, and come back ordered by id.</summary>
    private static string Comparable(Publisher publisher)
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(StoredData.State(publisher))!.AsObject();
        var offers = state["Offers"]!.AsArray().Select(o => o!.DeepClone()).OrderBy(o => (string?)o["OfferId"], StringComparer.Ordinal).ToArray();

        // 99 and 99.0000 are the same price: decimals come back with the column's scale.
        foreach (var price in offers.Select(o => o["Price"]!))
        {
            price["Amount"] = (decimal)price["Amount"]! / 1.000000000000000000000000000000000m;
        }

        state["Offers"] = new System.Text.Json.Nodes.JsonArray(offers);
        return state.ToJsonString();
    }

    private async Task<TestStore> StoreWithPartnerAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        await store.SaveAsync(db => db.Partners.Add(A.Partner()));
        return store;
    }

    /// <summary>Loads the publisher in a fresh context, changes it, saves; then reads it back in another and checks it (and its state) survived.</summary>
    private static async Task Step(TestStore store, Action<Publisher> change, Action<Publisher>? check = null)
    {
        string expected;
        await using (var db = store.NewContext())
        {
            var publisher = await db.PublisherAsync(PublisherId);
            change(publisher);
            await db.SaveChangesAsync(Ct);
            expected = Comparable(publisher);
            check?.Invoke(publisher);
        }

        await using var read = store.NewContext();
        var stored = await read.PublisherAsync(PublisherId);
        Assert.Equal(expected, Comparable(stored));
        check?.Invoke(stored);
    }
}

internal static class PublishingTestStore
{
    public static Task<Publisher> PublisherAsync(this PortalDbContext db, string publisherId) =>
        db.WholePublishers().SingleAsync(p => p.PublisherId == publisherId, TestContext.Current.CancellationToken);
}
