using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Components.Webhooks;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Webhooks;
using Portal.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Webhooks;

/// <summary>A Global admin's webhook journey in Chromium: register an endpoint (its URL checked as it is typed), read the secret once, open the webhook, send a test event and turn it off through the dialog.</summary>
public sealed class WebhookBrowserTests(PortalFactory factory, BrowserFixture browser) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    [Fact]
    public async Task A_Global_admin_registers_a_webhook_and_opens_its_delivery_log()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/webhooks");
        await Expect(page.Locator("#no-webhooks")).ToHaveTextAsync("No webhooks yet.");
        var url = page.GetByLabel("Endpoint URL");
        await url.PressSequentiallyAsync("hooks.example.com");
        await Expect(page.Locator("#register-webhook")).ToContainTextAsync("The endpoint URL must be a full address");
        await url.FillAsync(_receiver.Url.ToString());
        await Expect(page.Locator("#register-webhook")).Not.ToContainTextAsync("The endpoint URL must");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Migration Failed" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register webhook" }).ClickAsync();

        await Expect(page.Locator("#webhook-secret")).ToContainTextAsync("whsec_");
        var stored = Assert.Single(await factory.WebhooksOfAsync(partner.TenantId));
        await Expect(page.Locator($"#webhooks td[data-webhook-id='{stored.Id}']")).ToContainTextAsync(_receiver.Url.ToString());
        await BrowserPages.CheckAsync(page, "webhooks");

        await page.GetByRole(AriaRole.Link, new() { Name = _receiver.Url.ToString() }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(_receiver.Url.ToString());
        await BrowserPages.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test event" }).ClickAsync();
        await Expect(page.Locator("#webhook-message")).ToHaveTextAsync("A test delivery is queued; it shows below once sent.");
        await Expect(page.Locator("#deliveries td[data-delivery-id]")).ToHaveCountAsync(1);
        var row = page.Locator("#deliveries td[data-delivery-id]");
        for (var i = 0; i < 60 && await row.GetAttributeAsync("data-status") != nameof(WebhookDeliveryStatus.Delivered); i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            await page.ReloadAsync(); // the log as stored, once the app's dispatcher has sent the test event
            await BrowserPages.WaitForCircuitAsync(page);
        }

        await Expect(row).ToHaveAttributeAsync("data-status", nameof(WebhookDeliveryStatus.Delivered));
        await Expect(page.Locator("#deliveries .attempts li")).ToHaveAttributeAsync("data-status-code", "200");
        await BrowserPages.CheckAsync(page, "webhook-detail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Nothing more will be sent to");
        await BrowserPages.CheckAsync(page, "webhook-off-dialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Expect(page.Locator("#webhook-status")).ToHaveTextAsync("Off");
        Assert.False(Assert.Single(await factory.WebhooksOfAsync(partner.TenantId)).IsActive);
    }
}
