using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Webhooks;
using Portal.Tests.Components.Lists;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Webhooks;
using Portal.Webhooks;

namespace Portal.Tests.Components.Webhooks;

/// <summary>
/// One webhook's page in its circuit (what used to be the form posts to <c>webhooks/{id}/test|off|on|delete</c>): a
/// test event that arrives signed and shows in the delivery log, turning off and removing only after a confirmation,
/// the delivery log paged and sorted by the database, role refusals, and another partner's webhook as not found.
/// </summary>
public sealed class WebhookDetailTests(PortalFactory factory) : ListPageContext(factory), IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    private IRenderedComponent<WebhookDetail> Open(Guid partnerTenantId, Guid webhookId, string role = PortalRoles.GlobalAdmin, string? query = null)
    {
        SignInAs(partnerTenantId, role);
        GoTo($"webhooks/{webhookId}{query}");
        var page = Render<WebhookDetail>(p => p.Add(x => x.WebhookId, webhookId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#deliveries tbody td[data-delivery-id], #no-deliveries, h1")));
        return page;
    }

    private void Choose(string button) =>
        _dialogs.WaitForAssertion(() => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click());

    private static List<string> DeliveryIds(IRenderedComponent<WebhookDetail> page) =>
        [.. page.FindAll("#deliveries tbody td[data-delivery-id]").Select(td => td.GetAttribute("data-delivery-id")!)];

    [Fact]
    public async Task The_webhook_shows_its_address_events_and_an_empty_log()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId, "https://hooks.example.com/portal", WebhookEventTypes.MigrationCreated, WebhookEventTypes.ScheduleFailed);

        var page = Open(partner.TenantId, webhook.Id!.Value);

        page.WaitForAssertion(() => Assert.Equal("Nothing has been sent to this endpoint yet.", page.Find("#no-deliveries").TextContent));
        Assert.Equal("https://hooks.example.com/portal", page.Find("h1").TextContent.Trim());
        Assert.Equal("On", page.Find("#webhook-status").TextContent.Trim());
        Assert.Contains("Events: Migration Created, Migration Schedule Failed", page.Find("#webhook-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal("Turn off", page.Find("#toggle-webhook").TextContent.Trim());
    }

    [Fact]
    public async Task A_test_event_is_queued_arrives_signed_and_shows_as_delivered_in_the_log()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId, _receiver.Url.ToString());
        var page = Open(partner.TenantId, webhook.Id!.Value);

        page.Find("#send-test").Click();

        page.WaitForAssertion(() => Assert.Equal("A test delivery is queued; it shows below once sent.", page.Find("#webhook-message").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Single(DeliveryIds(page)));
        await Factory.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(Xunit.TestContext.Current.CancellationToken);
        var received = await ArrivedAsync();
        Assert.Equal(WebhookEventTypes.Ping, received.EventType);
        Assert.True(WebhookSignature.Verify(webhook.Secret!, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        IRenderedComponent<WebhookDetail>? again = null;
        for (var i = 0; i < 50 && again?.Find("#deliveries td[data-delivery-id]").GetAttribute("data-status") != nameof(WebhookDeliveryStatus.Delivered); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100, Xunit.TestContext.Current.CancellationToken); // the result is saved just after the receiver answers
            again = Render<WebhookDetail>(p => p.Add(x => x.WebhookId, webhook.Id!.Value));
            again.WaitForAssertion(() => Assert.Single(DeliveryIds(again)));
        }

        Assert.NotNull(again);
        var row = again.Find($"#deliveries td[data-delivery-id='{received.DeliveryId}']");
        Assert.Equal(nameof(WebhookDeliveryStatus.Delivered), row.GetAttribute("data-status"));
        Assert.Equal("200", again.Find("#deliveries .attempts li").GetAttribute("data-status-code"));
    }

    [Fact]
    public async Task Turning_off_asks_first_and_is_stored_and_turning_on_again_is_one_click()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId);
        var page = Open(partner.TenantId, webhook.Id!.Value);

        page.Find("#toggle-webhook").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Nothing more will be sent to https://hooks.example.com/portal", _dialogs.Markup, StringComparison.Ordinal));
        Assert.True(Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId)).IsActive); // not one click
        Choose("Keep it on");
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Nothing more will be sent", _dialogs.Markup, StringComparison.Ordinal));
        Assert.True(Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId)).IsActive);
        Assert.Empty(page.FindAll("#webhook-message"));

        page.Find("#toggle-webhook").Click();
        Choose("Turn off");

        page.WaitForAssertion(() => Assert.Equal("The webhook is off: nothing more is sent to it.", page.Find("#webhook-message").TextContent.Trim()));
        Assert.Equal(("Off", "Turn on"), (page.Find("#webhook-status").TextContent.Trim(), page.Find("#toggle-webhook").TextContent.Trim()));
        Assert.False(Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId)).IsActive);

        page.Find("#toggle-webhook").Click();

        page.WaitForAssertion(() => Assert.Equal("The webhook is on.", page.Find("#webhook-message").TextContent.Trim()));
        Assert.True(Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId)).IsActive);
    }

    [Fact]
    public async Task Removing_asks_first_then_removes_the_webhook_with_its_log_and_returns_to_the_list()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId);
        await Factory.AddDeliveredAsync(partner.TenantId, webhook.Id!.Value, 2);
        var page = Open(partner.TenantId, webhook.Id!.Value);

        page.Find("#delete-webhook").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("and its whole delivery log will be removed for good", _dialogs.Markup, StringComparison.Ordinal));
        Choose("Keep it");
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("removed for good", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId));

        page.Find("#delete-webhook").Click();
        Choose("Remove webhook");

        page.WaitForAssertion(() => Assert.EndsWith("webhooks?removed=true", Navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(await Factory.WebhooksOfAsync(partner.TenantId));
        Assert.Empty(await Factory.DeliveriesOfAsync(webhook.Id!.Value));
    }

    [Fact]
    public async Task The_delivery_log_shows_twenty_a_page_newest_first_with_nothing_written_to_the_address_until_the_next_page()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId);
        var ids = await Factory.AddDeliveredAsync(partner.TenantId, webhook.Id!.Value, 25);

        var page = Open(partner.TenantId, webhook.Id!.Value);

        page.WaitForAssertion(() => Assert.Equal(WebhookAdministration.LogPageSize, DeliveryIds(page).Count));
        Assert.Equal(ids[^1].ToString(), DeliveryIds(page)[0]);
        Assert.Contains("1-20 of 25", page.Find("#deliveries .mud-table-pagination").TextContent, StringComparison.Ordinal);
        AssertAddressUntouched($"webhooks/{webhook.Id}"); // the default state: a link clicked during the first load is not undone
        page.Find("#deliveries button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(5, DeliveryIds(page).Count));
        Assert.EndsWith($"/webhooks/{webhook.Id}?page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_names_the_delivery_logs_order_and_page_the_database_returns()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId);
        var ids = await Factory.AddDeliveredAsync(partner.TenantId, webhook.Id!.Value, 25);

        var page = Open(partner.TenantId, webhook.Id!.Value, query: "?sort=oldest&page=2");

        page.WaitForAssertion(() => Assert.Equal(ids.Skip(20).Select(id => id.ToString()), DeliveryIds(page)));
        Assert.Contains("sort=oldest", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    public async Task Only_a_Global_admin_reaches_the_page_and_its_actions_refuse_anyone_else(string role)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var webhook = await Factory.RegisterWebhookAsync(partner.TenantId);
        SignInAs(partner.TenantId, role);

        var route = RenderRoute<WebhookDetail>(new Dictionary<string, object?> { [nameof(WebhookDetail.WebhookId)] = webhook.Id!.Value });
        Assert.NotNull(route.Find("#not-authorized"));
        Assert.Empty(route.FindAll("#webhook-actions"));

        // The actions check the policy again themselves, whatever renders them.
        var page = Open(partner.TenantId, webhook.Id!.Value, role);
        page.Find("#send-test").Click();
        page.WaitForAssertion(() => Assert.Equal("Your role may not change webhooks.", page.Find("#webhook-message").TextContent.Trim()));
        page.Find("#toggle-webhook").Click();
        Choose("Turn off");
        page.Find("#delete-webhook").Click();
        Choose("Remove webhook");

        page.WaitForAssertion(() => Assert.Equal("Your role may not change webhooks.", page.Find("#webhook-message").TextContent.Trim()));
        Assert.True(Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId)).IsActive);
        Assert.Empty(await Factory.DeliveriesOfAsync(webhook.Id!.Value));
    }

    [Fact]
    public async Task Another_partners_webhook_shows_the_not_found_words_like_a_missing_one()
    {
        var mine = await Factory.CreatePartnerAsync(customers: 0);
        var theirs = await Factory.CreatePartnerAsync(customers: 0);
        var theirWebhook = await Factory.RegisterWebhookAsync(theirs.TenantId);

        var foreign = Open(mine.TenantId, theirWebhook.Id!.Value);
        var missing = Open(mine.TenantId, Guid.NewGuid());

        foreign.WaitForAssertion(() => Assert.Equal("Page not found", foreign.Find("h1").TextContent));
        Assert.Equal(missing.Markup, foreign.Markup);
        Assert.DoesNotContain("hooks.example.com", foreign.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_aimed_at_another_partners_webhook_find_nothing_and_change_nothing()
    {
        var mine = await Factory.CreatePartnerAsync(customers: 0);
        var theirs = await Factory.CreatePartnerAsync(customers: 0);
        await Factory.RegisterWebhookAsync(theirs.TenantId);
        var theirWebhook = Assert.Single(await Factory.WebhooksOfAsync(theirs.TenantId));
        SignInAs(mine.TenantId, PortalRoles.GlobalAdmin);
        var outcomes = new List<WebhookOutcome>();

        // The actions as a stale page would hold them: the other partner's webhook, in my circuit.
        var actions = Render<WebhookActions>(p => p.Add(x => x.Webhook, theirWebhook).Add(x => x.Changed, outcomes.Add));
        actions.Find("#send-test").Click();
        actions.Find("#toggle-webhook").Click();
        Choose("Turn off");
        actions.Find("#delete-webhook").Click();
        Choose("Remove webhook");

        actions.WaitForAssertion(() => Assert.Equal(3, outcomes.Count));
        Assert.All(outcomes, o => Assert.True(o.NotFound));
        Assert.True(Assert.Single(await Factory.WebhooksOfAsync(theirs.TenantId)).IsActive);
        Assert.Empty(await Factory.DeliveriesOfAsync(theirWebhook.Id));
    }

    /// <summary>The first request the receiver got; the app's own dispatcher may have sent it a moment earlier or later.</summary>
    private async Task<ReceivedWebhook> ArrivedAsync()
    {
        for (var i = 0; i < 100 && _receiver.Received.IsEmpty; i++)
        {
            await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        }

        return Assert.Single(_receiver.Received);
    }
}
