using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
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
    public async Task Every_role_sees_its_partners_unread_notifications_in_the_badge_and_on_the_page_until_marked_read()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var other = await factory.CreatePartnerAsync(customers: 0);
        await AddAsync(partner.TenantId, "Migration failed for Customer 1", partner.Customers[0].TenantId);
        await AddAsync(partner.TenantId, "Scheduled migration failed for Customer 1", partner.Customers[0].TenantId);
        await AddAsync(other.TenantId, "Someone else's failure", Guid.NewGuid());
        using var helpdesk = factory.Browserless();
        using var _ = await helpdesk.SignInAsync(partner.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);

        var page = Html(await helpdesk.GetStringAsync(new Uri("/notifications", UriKind.Relative), Ct));
        Assert.StartsWith("2", page.QuerySelector("#notification-badge")?.TextContent, StringComparison.Ordinal);
        var items = page.QuerySelectorAll("#notifications li");
        Assert.Equal(2, items.Length);
        Assert.DoesNotContain("Someone else", page.QuerySelector("#notifications")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"customers/{partner.Customers[0].TenantId}", items[0].QuerySelector("a")?.GetAttribute("href"));

        using var one = await helpdesk.SubmitFormAsync("/notifications", "#notifications li form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        page = Html(await helpdesk.GetStringAsync(new Uri("/notifications", UriKind.Relative), Ct));
        Assert.StartsWith("1", page.QuerySelector("#notification-badge")?.TextContent, StringComparison.Ordinal);

        using var all = await helpdesk.SubmitFormAsync("/notifications", "form[action='notifications/read-all']", new Dictionary<string, string>());
        page = Html(await helpdesk.GetStringAsync(new Uri("/notifications?unread=true", UriKind.Relative), Ct));
        Assert.Null(page.QuerySelector("#notification-badge"));
        Assert.NotNull(page.QuerySelector("#no-notifications"));

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalNotifications>().UnreadCountAsync(other.TenantId, Ct));
    }

    [Fact]
    public async Task Another_partners_notification_cannot_be_marked_read()
    {
        var mine = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await factory.CreatePartnerAsync(customers: 0);
        var theirNotification = await AddAsync(theirs.TenantId, "Theirs", Guid.NewGuid());
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(mine.Email(PortalRoles.GlobalAdmin), TestPartner.Password);
        var token = Html(await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync(new Uri($"/notifications/{theirNotification}/read", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null((await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications.SingleAsync(n => n.Id == theirNotification, Ct)).ReadAt);
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
