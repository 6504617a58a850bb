using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Components.Webhooks;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Webhooks;

namespace Portal.Tests.Webhooks;

/// <summary>
/// The webhook pages over HTTP as prerendered for a GET (their actions run in the circuit and are tested with bUnit
/// under <c>Components/Webhooks</c>): what the first byte shows, 404 for another partner's webhook, the role refusals,
/// and the old form-post addresses changing nothing.
/// </summary>
public sealed class WebhookPagesTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_and_a_webhooks_log_are_prerendered_from_the_database_without_the_secret()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var webhook = await factory.RegisterWebhookAsync(partner.TenantId);
        var deliveries = await factory.AddDeliveredAsync(partner.TenantId, webhook.Id!.Value, 2);
        using var admin = await SignedInAsync(partner, PortalRoles.GlobalAdmin);

        var list = Html(await admin.GetStringAsync(new Uri("/webhooks", UriKind.Relative), Ct));
        var detail = Html(await admin.GetStringAsync(new Uri($"/webhooks/{webhook.Id}", UriKind.Relative), Ct));

        Assert.NotNull(list.QuerySelector($"#webhooks td[data-webhook-id='{webhook.Id}']"));
        Assert.Contains("2 delivered · 0 waiting · 0 failed", list.QuerySelector("#webhooks tbody")?.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("#webhook-secret"));
        Assert.DoesNotContain(webhook.Secret!, list.Body!.OuterHtml + detail.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("https://hooks.example.com/portal", detail.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(
            deliveries.AsEnumerable().Reverse().Select(id => id.ToString()),
            detail.QuerySelectorAll("#deliveries td[data-delivery-id]").Select(td => td.GetAttribute("data-delivery-id")));
    }

    [Fact]
    public async Task Another_partners_webhook_answers_404_like_a_missing_one_and_the_old_post_addresses_change_nothing()
    {
        var mine = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await factory.CreatePartnerAsync(customers: 0);
        var myWebhook = (await factory.RegisterWebhookAsync(mine.TenantId)).Id!.Value;
        var theirWebhook = (await factory.RegisterWebhookAsync(theirs.TenantId)).Id!.Value;
        using var admin = await SignedInAsync(mine, PortalRoles.GlobalAdmin);

        using var page = await admin.GetAsync(new Uri($"/webhooks/{theirWebhook}", UriKind.Relative), Ct);
        using var missing = await admin.GetAsync(new Uri($"/webhooks/{Guid.NewGuid()}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The actions are buttons in the circuit now; what were their form-post addresses do nothing, at any webhook.
        foreach (var webhook in new[] { myWebhook, theirWebhook })
        {
            foreach (var action in new[] { "off", "test", "delete" })
            {
                using var post = await admin.PostAsync(new Uri($"/webhooks/{webhook}/{action}", UriKind.Relative), new FormUrlEncodedContent([]), Ct);
                Assert.False(post.IsSuccessStatusCode || post.StatusCode == HttpStatusCode.Redirect, $"{action}: {post.StatusCode}");
            }
        }

        foreach (var partner in new[] { mine, theirs })
        {
            var stored = Assert.Single(await factory.WebhooksOfAsync(partner.TenantId));
            Assert.True(stored.IsActive);
            Assert.Empty(await factory.DeliveriesOfAsync(stored.Id));
        }
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task Only_a_Global_admin_reaches_webhooks(string role)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var webhookId = (await factory.RegisterWebhookAsync(partner.TenantId)).Id!.Value;
        using var client = await SignedInAsync(partner, role);

        using var list = await client.GetAsync(new Uri("/webhooks", UriKind.Relative), Ct);
        using var detail = await client.GetAsync(new Uri($"/webhooks/{webhookId}", UriKind.Relative), Ct);

        foreach (var response in new[] { list, detail })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", new Uri(factory.ServerAddress, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        }

        var home = Html(await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct));
        Assert.Null(home.QuerySelector("a[href='webhooks']"));
        Assert.True(Assert.Single(await factory.WebhooksOfAsync(partner.TenantId)).IsActive);
    }

    private async Task<HttpClient> SignedInAsync(TestPartner partner, string role)
    {
        var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);
        return client;
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);
}
