using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Partners;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Web.Accounts;
using static Portal.Tests.Web.Publishing.TestPublishers;

namespace Portal.Tests.Web.Publishing;

/// <summary>Running due migrations as time passes (a moved clock), and what the status page shows afterwards.</summary>
public class PublisherMigrationRunnerTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task A_confirmed_migration_runs_at_its_slot_not_a_second_before_and_only_once()
    {
        var (partner, publisherId, slot) = await ConfirmedAsync();

        var early = await factory.MoveClockAndRunDueAsync(slot.AddSeconds(-1));
        Assert.DoesNotContain(early, r => r.PublisherId == publisherId);
        Assert.Equal(PublisherMigrationStatus.Confirmed, (await StoredPublisherAsync(factory.Services, publisherId)).Migration!.Status);

        var atSlot = await factory.MoveClockAndRunDueAsync(slot);
        var run = Assert.Single(atSlot, r => r.PublisherId == publisherId);
        Assert.True(run.Succeeded);
        var again = await factory.MoveClockAndRunDueAsync(slot.AddMinutes(1));
        Assert.DoesNotContain(again, r => r.PublisherId == publisherId);

        var stored = await StoredPublisherAsync(factory.Services, publisherId);
        Assert.Equal(PublisherMigrationStatus.Completed, stored.Migration!.Status);
        Assert.Equal(slot, stored.MigratedAt);
        Assert.Equal(partner.Email(PortalRoles.GlobalAdmin), stored.Owner);
        Assert.Single(stored.Migration.Notifications);

        using var client = await SignedInAsync(partner, PortalRoles.SalesAgent);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri($"/publishing/{publisherId}", UriKind.Relative)));
        Assert.Equal("Completed", page.QuerySelector("#migration-status")!.TextContent);
        Assert.Contains("has moved to the new Cloud Partner Portal", page.QuerySelector(".notification[data-kind=Completed]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["vm-draft", "vm-listed", "vm-staged"], page.QuerySelectorAll("#new-portal-offers td[data-offer]").Select(r => r.GetAttribute("data-offer")!).Order());
        Assert.Equal(
            ["template-listed:false", "testdrive-listed:false", "vm-draft:true", "vm-listed:true", "vm-staged:true"],
            page.QuerySelectorAll("#old-portal-offers td[data-offer]").Select(r => $"{r.GetAttribute("data-offer")}:{r.GetAttribute("data-read-only")}").Order());
        Assert.Null(page.QuerySelector("#book-form"));

        // The portal's notification list has the publisher's notification, linking to its page (issue 12).
        var notification = Assert.Single((await NotificationsAsync(partner)).Items);
        Assert.Equal(PublishingNotifications.CompletedKind, notification.Kind);
        Assert.Equal(stored.Migration.Notifications[0].Subject, notification.Title);
        Assert.Equal($"publishing/{publisherId}", notification.Link);

        // After migration, creating offers on the old portal is blocked; the new portal takes Virtual Machine offers.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<PublisherDesk>();
            var actor = partner.Email(PortalRoles.SalesAgent);
            var blocked = await desk.CreateOfferAsync(partner.TenantId, publisherId, PublishingPortal.Old, "late-template", "Late", OfferType.SolutionTemplate, 1m, actor, TestContext.Current.CancellationToken);
            Assert.Contains("creating offers on the old portal is blocked", blocked!.Refusal!.Message, StringComparison.Ordinal);
            var created = await desk.CreateOfferAsync(partner.TenantId, publisherId, PublishingPortal.New, "new-vm", "New VM", OfferType.VirtualMachine, 0.5m, actor, TestContext.Current.CancellationToken);
            Assert.True(created!.Succeeded);
        }

        var after = await StoredPublisherAsync(factory.Services, publisherId);
        Assert.Null(after.FindOffer("late-template"));
        Assert.Equal(PublishingPortal.New, after.FindOffer("new-vm")!.LivesOn);
    }

    [Fact]
    public async Task A_run_with_an_offer_in_flight_fails_reverts_everything_notifies_and_offers_a_new_slot()
    {
        var busy = Offer.Existing("vm-busy", "VM Busy", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(1m), OfferActivity.Publishing);
        var (partner, publisherId, slot) = await ConfirmedAsync(busy);

        var runs = await factory.MoveClockAndRunDueAsync(slot.AddMinutes(2));

        var run = Assert.Single(runs, r => r.PublisherId == publisherId);
        Assert.False(run.Succeeded);
        var stored = await StoredPublisherAsync(factory.Services, publisherId);
        Assert.Equal(PublisherMigrationStatus.Failed, stored.Migration!.Status);
        Assert.False(stored.HasMigrated);
        Assert.All(stored.Offers, o => Assert.Equal(PublishingPortal.Old, o.LivesOn));
        Assert.Equal(OfferState.Staged, stored.FindOffer("vm-staged")!.State);
        Assert.Null(stored.Owner);

        using var client = await SignedInAsync(partner, PortalRoles.GlobalAdmin);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri($"/publishing/{publisherId}", UriKind.Relative)));
        Assert.Equal("Failed", page.QuerySelector("#migration-status")!.TextContent);
        Assert.Contains("'VM Busy' (vm-busy, being published)", page.QuerySelector("#failure-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("failed and was reverted", page.QuerySelector(".notification[data-kind=Failed]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#new-portal-empty"));
        Assert.Equal("Book a new slot", page.QuerySelector("#book-form legend")!.TextContent.Trim());
        var offered = page.QuerySelectorAll("#book-form [data-slot]").Select(i => DateTimeOffset.Parse(i.GetAttribute("data-slot")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(offered, s => Assert.True(s >= factory.Clock.GetUtcNow().AddHours(24)));
        Assert.Equal(MigrationSlots.NextBookable(factory.Clock.GetUtcNow()), offered[0]);

        var notification = Assert.Single((await NotificationsAsync(partner)).Items);
        Assert.Equal(PublishingNotifications.FailedKind, notification.Kind);
        Assert.Contains("failed and was reverted", notification.Title, StringComparison.Ordinal);

        // The new slot is booked (the page's book form calls the desk); the failure reason goes, the attempt stays.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var rebooked = await scope.ServiceProvider.GetRequiredService<PublisherDesk>().BookAsync(partner.TenantId, publisherId, offered[0], partner.Email(PortalRoles.GlobalAdmin), TestContext.Current.CancellationToken);
            Assert.True(rebooked!.Succeeded);
        }

        var again = (await StoredPublisherAsync(factory.Services, publisherId)).Migration!;
        Assert.Equal(PublisherMigrationStatus.SlotBooked, again.Status);
        Assert.Equal(offered[0], again.Slot!.Start);
        Assert.Single(again.Attempts);
    }

    [Fact]
    public async Task A_Sandbox_partners_migration_runs_once_its_own_clock_passes_the_slot_although_real_time_has_not()
    {
        var (partner, publisherId, slot) = await ConfirmedAsync();
        var (other, otherPublisherId, otherSlot) = await ConfirmedAsync();
        Assert.Equal(slot, otherSlot);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.Partners.SingleAsync(p => p.TenantId == partner.TenantId, TestContext.Current.CancellationToken);
            db.Entry(stored).CurrentValues[nameof(PartnerOrganization.Environment)] = PartnerEnvironment.Sandbox;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<Portal.Time.PartnerClock>().SetAsync(partner.TenantId, slot.AddMinutes(1), "test", TestContext.Current.CancellationToken);
        }

        var runs = await factory.Services.GetRequiredService<PublisherMigrationRunner>().RunDueAsync(TestContext.Current.CancellationToken);

        Assert.True(Assert.Single(runs, r => r.PublisherId == publisherId).Succeeded);
        Assert.DoesNotContain(runs, r => r.PublisherId == otherPublisherId);
        Assert.Equal(slot.AddMinutes(1), (await StoredPublisherAsync(factory.Services, publisherId)).MigratedAt);
        Assert.Equal(PublisherMigrationStatus.Confirmed, (await StoredPublisherAsync(factory.Services, otherPublisherId)).Migration!.Status);
        Assert.NotEqual(partner.TenantId, other.TenantId);
    }

    private async Task<(TestPartner Partner, string PublisherId, DateTimeOffset Slot)> ConfirmedAsync(params Offer[] extra)
    {
        var partner = await TestAccounts.CreatePartnerAsync(factory.Services, customers: 0);
        var publisherId = await AddPublisherAsync(factory.Services, partner, extra);
        var now = factory.Clock.GetUtcNow();
        var slot = MigrationSlots.NextBookable(now);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var publisher = await db.WholePublishers().SingleAsync(p => p.PublisherId == publisherId, TestContext.Current.CancellationToken);
        Assert.True(publisher.SubmitMigration(Guid.NewGuid(), publisher.Name, publisher.PublisherId, now).Succeeded);
        Assert.True(publisher.Migration!.BookSlot(slot, now).Succeeded);
        Assert.True(publisher.Migration.ConfirmSlot(partner.Email(PortalRoles.GlobalAdmin), now).Succeeded);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (partner, publisherId, slot);
    }

    private async Task<Portal.Notifications.NotificationPage> NotificationsAsync(TestPartner partner)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Portal.Notifications.PortalNotifications>().ListAsync(partner.TenantId, 1, unreadOnly: false, TestContext.Current.CancellationToken);
    }

    private async Task<HttpClient> SignedInAsync(TestPartner partner, string role)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = factory.ServerAddress,
        };
        using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);
        return client;
    }
}
