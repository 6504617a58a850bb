using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Webhooks;

namespace Portal.Tests.Webhooks;

/// <summary>The webhook pages and their form posts, over HTTP against the real portal.</summary>
public sealed class WebhookPagesTests(PortalFactory factory) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    [Fact]
    public async Task A_Global_admin_registers_a_webhook_sees_its_secret_once_and_a_test_event_arrives_signed_and_logged()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var admin = await SignedInAsync(partner, PortalRoles.GlobalAdmin);

        using var registered = await RegisterAsync(admin, _receiver.Url.ToString(), "Input.MigrationFailed", "Input.ScheduleFailed");

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var secret = Html(await registered.Content.ReadAsStringAsync(Ct)).QuerySelector("#webhook-secret")?.TextContent.Trim();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var webhook = await StoredWebhookAsync(partner.TenantId);
        Assert.Equal(_receiver.Url.ToString(), webhook.Url);
        Assert.Equal($"{WebhookEventTypes.MigrationFailed},{WebhookEventTypes.ScheduleFailed}", webhook.Events);
        Assert.DoesNotContain(secret!, webhook.ProtectedSecret, StringComparison.Ordinal);

        var list = Html(await admin.GetStringAsync(new Uri("/webhooks", UriKind.Relative), Ct));
        Assert.Null(list.QuerySelector("#webhook-secret"));
        Assert.DoesNotContain(secret!, list.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector($"tr[data-webhook-id='{webhook.Id}']"));

        using var test = await admin.SubmitFormAsync($"/webhooks/{webhook.Id}", $"form[action='webhooks/{webhook.Id}/test']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        await factory.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(Ct);

        var received = await ArrivedAsync();
        Assert.Equal(WebhookEventTypes.Ping, received.EventType);
        Assert.True(WebhookSignature.Verify(secret!, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        AngleSharp.Dom.IElement? row = null;
        for (var i = 0; i < 50 && row?.GetAttribute("data-status") != nameof(WebhookDeliveryStatus.Delivered); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100, Ct); // the result is saved just after the receiver answers
            var detail = Html(await admin.GetStringAsync(new Uri($"/webhooks/{webhook.Id}", UriKind.Relative), Ct));
            row = detail.QuerySelector($"#deliveries tr[data-delivery-id='{received.DeliveryId}']");
        }

        Assert.NotNull(row);
        Assert.Equal(nameof(WebhookDeliveryStatus.Delivered), row.GetAttribute("data-status"));
        Assert.Equal("200", row.QuerySelector(".attempts li")?.GetAttribute("data-status-code"));
    }

    [Theory]
    [InlineData("", "Enter the endpoint URL.")]
    [InlineData("hooks.example.com/portal", "must be a full address")]
    [InlineData("ftp://hooks.example.com/portal", "must be a full address")]
    [InlineData("http://hooks.example.com/portal", "must use https://")]
    [InlineData("https://user:pass@hooks.example.com/portal", "must not contain a user name or password")]
    public async Task A_bad_endpoint_URL_is_refused_with_a_message_naming_the_field_and_nothing_is_stored(string url, string message)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var admin = await SignedInAsync(partner, PortalRoles.GlobalAdmin);

        using var response = await RegisterAsync(admin, url, "Input.MigrationCreated");

        var page = Html(await response.Content.ReadAsStringAsync(Ct));
        var error = page.QuerySelector("#webhook-url-error")?.TextContent ?? "";
        Assert.Contains("endpoint URL", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#webhook-secret"));
        Assert.Equal(0, await WebhookCountAsync(partner.TenantId));
    }

    [Fact]
    public async Task A_webhook_needs_at_least_one_event_but_a_local_http_address_is_accepted_in_development()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var admin = await SignedInAsync(partner, PortalRoles.GlobalAdmin);

        using var noEvents = await RegisterAsync(admin, _receiver.Url.ToString());
        var page = Html(await noEvents.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Pick at least one event", page.QuerySelector("#webhook-events-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#webhook-url-error"));
        Assert.Equal(0, await WebhookCountAsync(partner.TenantId));

        using var oneEvent = await RegisterAsync(admin, _receiver.Url.ToString(), "Input.MigrationCompleted");
        Assert.NotNull(Html(await oneEvent.Content.ReadAsStringAsync(Ct)).QuerySelector("#webhook-secret"));
        Assert.Equal(1, await WebhookCountAsync(partner.TenantId));
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_rejected_and_change_nothing()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var admin = await SignedInAsync(partner, PortalRoles.GlobalAdmin);
        var webhookId = await RegisterDirectlyAsync(partner.TenantId);

        using var register = await admin.PostAsync(new Uri("/webhooks", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register-webhook",
            ["Input.Url"] = "https://hooks.example.com/forged",
            ["Input.MigrationCreated"] = "true",
        }), Ct);
        using var off = await admin.PostAsync(new Uri($"/webhooks/{webhookId}/off", UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Equal(1, await WebhookCountAsync(partner.TenantId));
        Assert.True((await StoredWebhookAsync(partner.TenantId)).IsActive);
    }

    [Fact]
    public async Task Another_partners_webhook_answers_404_like_a_missing_one_and_stays_unchanged()
    {
        var mine = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await factory.CreatePartnerAsync(customers: 0);
        var myWebhook = await RegisterDirectlyAsync(mine.TenantId);
        var theirWebhook = await RegisterDirectlyAsync(theirs.TenantId);
        using var admin = await SignedInAsync(mine, PortalRoles.GlobalAdmin);

        using var page = await admin.GetAsync(new Uri($"/webhooks/{theirWebhook}", UriKind.Relative), Ct);
        using var missing = await admin.GetAsync(new Uri($"/webhooks/{Guid.NewGuid()}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // A valid token from the admin's own page, aimed at the other partner's webhook.
        foreach (var action in new[] { "off", "test", "delete" })
        {
            using var post = await PostWithTokenFromAsync(admin, $"/webhooks/{myWebhook}", $"/webhooks/{theirWebhook}/{action}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        var stored = await StoredWebhookAsync(theirs.TenantId);
        Assert.True(stored.IsActive);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().WebhookDeliveries.CountAsync(d => d.WebhookId == theirWebhook, Ct));
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task Only_a_Global_admin_reaches_webhooks(string role)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var webhookId = await RegisterDirectlyAsync(partner.TenantId);
        using var client = await SignedInAsync(partner, role);

        using var list = await client.GetAsync(new Uri("/webhooks", UriKind.Relative), Ct);
        using var detail = await client.GetAsync(new Uri($"/webhooks/{webhookId}", UriKind.Relative), Ct);
        using var off = await client.PostAsync(new Uri($"/webhooks/{webhookId}/off", UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        foreach (var response in new[] { list, detail })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", new Uri(factory.ServerAddress, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.OK, off.StatusCode);
        Assert.True((await StoredWebhookAsync(partner.TenantId)).IsActive);
        var home = Html(await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct));
        Assert.Null(home.QuerySelector("a[href='webhooks']"));
    }

    [Fact]
    public async Task A_Global_admin_turns_a_webhook_off_and_removes_it()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var webhookId = await RegisterDirectlyAsync(partner.TenantId);
        using var admin = await SignedInAsync(partner, PortalRoles.GlobalAdmin);

        using var off = await admin.SubmitFormAsync($"/webhooks/{webhookId}", $"form[action='webhooks/{webhookId}/off']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await StoredWebhookAsync(partner.TenantId)).IsActive);

        using var delete = await admin.SubmitFormAsync($"/webhooks/{webhookId}", $"form[action='webhooks/{webhookId}/delete']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(0, await WebhookCountAsync(partner.TenantId));
    }

    private async Task<HttpClient> SignedInAsync(TestPartner partner, string role)
    {
        var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);
        return client;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string url, params string[] events)
    {
        var fields = new Dictionary<string, string> { ["Input.Url"] = url };
        foreach (var field in events)
        {
            fields[field] = "true";
        }

        return client.SubmitFormAsync("/webhooks", "#register-webhook", fields);
    }

    private async Task<Guid> RegisterDirectlyAsync(Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
            .RegisterAsync(partnerTenantId, "test", _receiver.Url.ToString(), [WebhookEventTypes.MigrationFailed], Ct);
        return result.Id!.Value;
    }

    private async Task<WebhookSubscription> StoredWebhookAsync(Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Webhooks.AsNoTracking().SingleAsync(w => w.PartnerTenantId == partnerTenantId, Ct);
    }

    private async Task<int> WebhookCountAsync(Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Webhooks.CountAsync(w => w.PartnerTenantId == partnerTenantId, Ct);
    }

    /// <summary>The first request the receiver got; the portal's own dispatcher may have sent it a moment earlier or later.</summary>
    private async Task<ReceivedWebhook> ArrivedAsync()
    {
        for (var i = 0; i < 100 && _receiver.Received.IsEmpty; i++)
        {
            await Task.Delay(100, Ct);
        }

        return Assert.Single(_receiver.Received);
    }

    /// <summary>Posts to <paramref name="target"/> with a valid antiforgery token taken from <paramref name="page"/>.</summary>
    private static async Task<HttpResponseMessage> PostWithTokenFromAsync(HttpClient client, string page, string target)
    {
        var token = Html(await client.GetStringAsync(new Uri(page, UriKind.Relative), Ct))
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(new Uri(target, UriKind.Relative), content, Ct);
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);
}
