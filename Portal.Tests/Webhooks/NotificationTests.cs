using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Webhooks;

/// <summary>The notifications page and the badge in the navigation, over HTTP.</summary>
public sealed class NotificationTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_prerendered_page_shows_the_partners_unread_notifications_in_the_badge_and_the_list()
    {
        // Marking read is a button in the circuit now (NotificationListTests); the first byte is still the real page.
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var other = await factory.CreatePartnerAsync(customers: 0);
        await AddAsync(partner.TenantId, "Migration failed for Customer 1", partner.Customers[0].TenantId);
        await AddAsync(partner.TenantId, "Scheduled migration failed for Customer 1", partner.Customers[0].TenantId);
        await AddAsync(other.TenantId, "Someone else's failure", Guid.NewGuid());
        using var helpdesk = factory.Browserless();
        using var _ = await helpdesk.SignInAsync(partner.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);

        var page = Html(await helpdesk.GetStringAsync(new Uri("/notifications", UriKind.Relative), Ct));

        Assert.StartsWith("2", page.QuerySelector("#notification-badge")?.TextContent, StringComparison.Ordinal);
        var items = page.QuerySelectorAll("#notifications tbody tr");
        Assert.Equal(2, items.Length);
        Assert.DoesNotContain("Someone else", page.QuerySelector("#notifications")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"customers/{partner.Customers[0].TenantId}", items[0].QuerySelector("a")?.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("form[action^='notifications']"));
    }

    [Fact]
    public async Task Signed_out_visitors_see_no_notifications()
    {
        using var client = factory.Browserless();

        using var response = await client.GetAsync(new Uri("/notifications", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", new Uri(factory.ServerAddress, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task<Guid> AddAsync(Guid partnerTenantId, string title, Guid customerId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        PortalNotifications.Add(db, partnerTenantId, PortalNotification.MigrationFailedKind, title, "It failed.", $"customers/{customerId}", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
        return db.Notifications.Local.Single().Id;
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);
}
