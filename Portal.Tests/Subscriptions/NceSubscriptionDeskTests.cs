using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Subscriptions;
using Portal.Tests.Demo;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using Portal.Time;

namespace Portal.Tests.Subscriptions;

/// <summary>
/// Reducing seats and cancelling a New Commerce subscription through the desk the NCE page and the API use: allowed
/// inside the 168-hour window, refused with the domain's reason after it, nothing stored on a refusal, an audit
/// entry with every change, and another partner's ids answering "not found".
/// </summary>
public class NceSubscriptionDeskTests(PostgresServer postgres)
{
    private const string Actor = "adminagent@contoso.example";
    private static readonly DateTimeOffset Created = A.Now.AddDays(-2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Seats_added_less_than_168_hours_ago_can_be_removed_and_the_change_is_audited(DatabaseProvider provider)
    {
        await using var store = await SeededStoreAsync(provider, out var subscription);

        var answer = await DeskAt(store, Created.AddHours(168).AddSeconds(-1)).ReduceSeatsAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, 7, Actor, Ct);

        Assert.Equal(NceChangeStatus.Done, answer.Status);
        await using var read = store.NewContext();
        Assert.Equal(7, (await read.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct)).Quantity);
        var entry = await read.AuditLog.SingleAsync(Ct);
        Assert.Equal(("NceSeatsReduced", Actor, "seats 10 -> 7"), (entry.Action, entry.Actor, entry.Detail));
        Assert.Equal(A.PartnerTenantId, entry.PartnerTenantId);
    }

    [Theory, OnBothProviders]
    public async Task At_168_hours_a_seat_reduction_is_refused_with_the_reason_and_nothing_changes(DatabaseProvider provider)
    {
        await using var store = await SeededStoreAsync(provider, out var subscription);

        var answer = await DeskAt(store, Created.AddHours(168)).ReduceSeatsAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, 7, Actor, Ct);

        Assert.Equal(NceChangeStatus.Refused, answer.Status);
        Assert.Equal("CancellationWindowExpired", answer.Refusal!.Code);
        Assert.Contains("7 days (168 hours)", answer.Refusal.Message, StringComparison.Ordinal);
        await using var read = store.NewContext();
        Assert.Equal(10, (await read.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct)).Quantity);
        Assert.Empty(await read.AuditLog.ToListAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_subscription_is_cancelled_inside_the_window_and_refused_after_it(DatabaseProvider provider)
    {
        await using var store = await SeededStoreAsync(provider, out var subscription);

        var late = await DeskAt(store, Created.AddHours(168)).CancelAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, Actor, Ct);
        var inTime = await DeskAt(store, Created.AddHours(167)).CancelAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, Actor, Ct);

        Assert.Equal(NceChangeStatus.Refused, late.Status);
        Assert.Contains("cancellation window closed", late.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(NceChangeStatus.Done, inTime.Status);
        await using var read = store.NewContext();
        Assert.Equal(NceSubscriptionStatus.Cancelled, (await read.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct)).Status);
        Assert.Equal("NceSubscriptionCancelled", (await read.AuditLog.SingleAsync(Ct)).Action);
    }

    [Theory, OnBothProviders]
    public async Task A_cancelled_subscription_cannot_be_reduced_or_cancelled_again(DatabaseProvider provider)
    {
        await using var store = await SeededStoreAsync(provider, out var subscription);
        var desk = DeskAt(store, Created.AddHours(1));
        Assert.Equal(NceChangeStatus.Done, (await desk.CancelAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, Actor, Ct)).Status);

        var again = await DeskAt(store, Created.AddHours(2)).CancelAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, Actor, Ct);
        var reduce = await DeskAt(store, Created.AddHours(2)).ReduceSeatsAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, 5, Actor, Ct);

        Assert.Equal((NceChangeStatus.Refused, NceSubscriptionDesk.NotActiveCode), (again.Status, again.Refusal!.Code));
        Assert.Equal((NceChangeStatus.Refused, NceSubscriptionDesk.NotActiveCode), (reduce.Status, reduce.Refusal!.Code));
    }

    [Theory, OnBothProviders]
    public async Task Another_partner_or_another_customer_answers_not_found_and_changes_nothing(DatabaseProvider provider)
    {
        await using var store = await SeededStoreAsync(provider, out var subscription);
        var otherPartner = new PartnerOrganization { TenantId = Guid.NewGuid(), Name = "Other partner", MpnId = "1112223" };
        var otherCustomer = new Customer { TenantId = Guid.NewGuid(), PartnerTenantId = otherPartner.TenantId, Name = "Theirs", Domain = "theirs.onmicrosoft.com" };
        await store.SaveAsync(db =>
        {
            db.Partners.Add(otherPartner);
            db.Customers.Add(otherCustomer);
        });
        var desk = DeskAt(store, Created.AddHours(1));

        var asOtherPartner = await desk.ReduceSeatsAsync(otherPartner.TenantId, A.CustomerTenantId, subscription.Id, 7, Actor, Ct);
        var throughOtherCustomer = await desk.CancelAsync(A.PartnerTenantId, StoredData.OtherCustomer.TenantId, subscription.Id, Actor, Ct);
        var theirCustomer = await desk.CancelAsync(otherPartner.TenantId, otherCustomer.TenantId, subscription.Id, Actor, Ct);
        var picture = await desk.LoadAsync(otherPartner.TenantId, A.CustomerTenantId, subscription.Id, Ct);

        Assert.All([asOtherPartner, throughOtherCustomer, theirCustomer], a => Assert.Equal(NceChangeStatus.NotFound, a.Status));
        Assert.Null(picture);
        await using var read = store.NewContext();
        var stored = await read.NceSubscriptions.SingleAsync(s => s.Id == subscription.Id, Ct);
        Assert.Equal((10, NceSubscriptionStatus.Active), (stored.Quantity, stored.Status));
    }

    [Theory, OnBothProviders]
    public async Task The_picture_tells_how_many_seats_may_go_and_until_when(DatabaseProvider provider)
    {
        await using var store = await SeededStoreAsync(provider, out var subscription);

        var inside = await DeskAt(store, Created.AddHours(100)).LoadAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, Ct);
        var after = await DeskAt(store, Created.AddHours(200)).LoadAsync(A.PartnerTenantId, A.CustomerTenantId, subscription.Id, Ct);

        Assert.Equal((true, 9), (inside!.InCancellationWindow, inside.RemovableSeats));
        Assert.Equal((false, 0), (after!.InCancellationWindow, after.RemovableSeats));
        Assert.Equal(Created.AddHours(168), inside.Subscription.CancellationAllowedUntil);
    }

    private static NceSubscriptionDesk DeskAt(TestStore store, DateTimeOffset now)
    {
        var db = store.NewContext();
        var clock = new FixedTimeProvider(now);
        return new NceSubscriptionDesk(db, new AuditLog(db, clock), new PartnerClock(db, clock));
    }

    private Task<TestStore> SeededStoreAsync(DatabaseProvider provider, out NceSubscription subscription)
    {
        var made = A.NceSubscription().WithSeats(10).CreatedAt(Created).Build();
        subscription = made;
        return SeedAsync(provider, made);
    }

    private async Task<TestStore> SeedAsync(DatabaseProvider provider, NceSubscription subscription)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        await StoredData.SeedAsync(store);
        await store.SaveAsync(db => db.NceSubscriptions.Add(subscription));
        return store;
    }
}
