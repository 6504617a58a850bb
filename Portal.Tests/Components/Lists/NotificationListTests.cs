using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages.Notifications;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Components.Lists;

/// <summary>
/// The notifications page and the app bar's badge in a circuit: the partner's own notifications, the unread filter,
/// and marking one or all read with buttons that call the desk (what used to be form posts).
/// </summary>
/// <remarks>
/// The badge counts in a scope of its own (never the page's context); bUnit's scopes do not reach the app's services,
/// so each of its scopes gets the desk from a scope of the running app.
/// </remarks>
public class NotificationListTests(PortalFactory factory)
    : ListPageContext(factory, services => services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<PortalNotifications>()))
{
    private static List<string> Titles(IRenderedComponent<NotificationList> page) =>
        [.. page.FindAll("#notifications tbody tr .notification-title").Select(p => p.TextContent.Trim())];

    private async Task<int> UnreadAsync(Guid partnerTenantId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalNotifications>().UnreadCountAsync(partnerTenantId, Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_partner_without_notifications_is_told_so()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);

        var page = Render<NotificationList>();

        page.WaitForAssertion(() => Assert.Equal("No notifications.", page.Find("#no-notifications").TextContent));
        Assert.Empty(page.FindAll("#read-all"));
    }

    [Fact]
    public async Task One_notification_shows_as_new_with_its_link()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        await Factory.AddNotificationAsync(partner.TenantId, "Migration failed for Customer 1", partner.Customers[0].TenantId);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);

        var page = Render<NotificationList>();

        page.WaitForAssertion(() => Assert.Equal(["Migration failed for Customer 1"], Titles(page)));
        Assert.Equal("true", page.Find("#notifications tbody td[data-unread]").GetAttribute("data-unread"));
        Assert.Equal($"customers/{partner.Customers[0].TenantId}", page.Find("#notifications tbody tr a").GetAttribute("href"));
    }

    [Fact]
    public async Task Marking_one_read_and_then_all_read_changes_what_is_stored_and_the_badge_counts_again()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        var customer = partner.Customers[0].TenantId;
        await Factory.AddNotificationAsync(partner.TenantId, "Older failure", customer, DateTimeOffset.UtcNow.AddMinutes(-5));
        await Factory.AddNotificationAsync(partner.TenantId, "Newer failure", customer);
        await Factory.AddNotificationAsync(other.TenantId, "Someone else's failure", Guid.NewGuid());
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);
        RenderProviders();
        Render<MudBlazor.MudSnackbarProvider>();
        var badge = Render<NotificationBadge>();
        var page = Render<NotificationList>();
        page.WaitForAssertion(() => Assert.Equal(["Newer failure", "Older failure"], Titles(page)));
        badge.WaitForAssertion(() => Assert.StartsWith("2", badge.Find("#notification-badge").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Someone else", page.Markup, StringComparison.Ordinal);

        page.Find("button[aria-label='Mark as read: Newer failure']").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("button.mark-read")));
        badge.WaitForAssertion(() => Assert.StartsWith("1", badge.Find("#notification-badge").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, await UnreadAsync(partner.TenantId));

        page.Find("#read-all").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button.mark-read")));
        badge.WaitForAssertion(() => Assert.Empty(badge.FindAll("#notification-badge")));
        Assert.Equal(0, await UnreadAsync(partner.TenantId));
        Assert.Equal(1, await UnreadAsync(other.TenantId));
    }

    [Fact]
    public async Task The_badge_counts_again_when_the_engine_reports_a_failed_migration_of_the_partner_and_not_of_another()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        var badge = Render<NotificationBadge>();
        badge.WaitForAssertion(() => Assert.Empty(badge.FindAll("#notification-badge")));
        var hub = Factory.Services.GetRequiredService<Portal.Migrations.Live.MigrationUpdates>();

        // The engine stored a notification with the failure, then told the partner's pages (ADR-026).
        await Factory.AddNotificationAsync(partner.TenantId, "Migration failed for Customer 1", partner.Customers[0].TenantId);
        hub.Publish(new Portal.Migrations.Live.MigrationUpdate(other.TenantId, Portal.Migrations.Live.MigrationUpdateKind.MigrationFailed, Guid.NewGuid()));
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.Empty(badge.FindAll("#notification-badge")); // another partner's news: not counted again

        hub.Publish(new Portal.Migrations.Live.MigrationUpdate(partner.TenantId, Portal.Migrations.Live.MigrationUpdateKind.MigrationFailed, Guid.NewGuid()));

        badge.WaitForAssertion(() => Assert.StartsWith("1", badge.Find("#notification-badge").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_unread_filter_shows_only_unread_ones_and_keeps_itself_in_the_address()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var customer = partner.Customers[0].TenantId;
        var read = await Factory.AddNotificationAsync(partner.TenantId, "Read already", customer, DateTimeOffset.UtcNow.AddMinutes(-5));
        await Factory.AddNotificationAsync(partner.TenantId, "Still unread", customer);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<PortalNotifications>().MarkReadAsync(partner.TenantId, read, Xunit.TestContext.Current.CancellationToken));
        }

        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        var page = Render<NotificationList>();
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count));

        page.Find("#filter-unread").Click();

        page.WaitForAssertion(() => Assert.Equal(["Still unread"], Titles(page)));
        Assert.Contains("unread=true", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_list_writes_nothing_to_the_address_and_the_unread_filter_is_written()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        await Factory.AddNotificationAsync(partner.TenantId, "Migration failed for Customer 1", partner.Customers[0].TenantId);
        SignInAs(partner.TenantId, PortalRoles.HelpdeskAgent);
        GoTo("/notifications");

        var page = Render<NotificationList>();

        page.WaitForAssertion(() => Assert.Single(Titles(page)));
        AssertAddressUntouched("/notifications");
        page.Find("#filter-unread").Click();
        page.WaitForAssertion(() => Assert.EndsWith("/notifications?unread=true", Navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_partners_notification_cannot_be_marked_read()
    {
        var mine = await Factory.CreatePartnerAsync(customers: 0);
        var theirs = await Factory.CreatePartnerAsync(customers: 0);
        var theirNotification = await Factory.AddNotificationAsync(theirs.TenantId, "Theirs", Guid.NewGuid());

        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalNotifications>().MarkReadAsync(mine.TenantId, theirNotification, Xunit.TestContext.Current.CancellationToken));
        Assert.Null((await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications.SingleAsync(n => n.Id == theirNotification, Xunit.TestContext.Current.CancellationToken)).ReadAt);
    }

    [Fact]
    public void Nobody_signed_in_is_not_authorized_and_has_no_badge()
    {
        var route = RenderRoute<NotificationList>();
        var badge = Render<NotificationBadge>();

        Assert.NotNull(route.Find("#not-authorized"));
        Assert.Empty(badge.FindAll("#notification-badge"));
    }
}
