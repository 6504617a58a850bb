using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Accounts;
using Portal.Components.Pages.Webhooks;
using Portal.Tests.Components.Lists;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Webhooks;

namespace Portal.Tests.Components.Webhooks;

/// <summary>
/// The webhooks page in its circuit: the partner's webhooks paged and sorted by the database with the state in the
/// address, and registration (what used to be the <c>#register-webhook</c> form post): the URL checked as it is typed
/// with the server's rule, bad input refused next to its field with nothing stored, the secret shown once.
/// </summary>
public class WebhookListTests(PortalFactory factory) : ListPageContext(factory)
{
    private bool providers;

    private IRenderedComponent<WebhookList> Open(Guid partnerTenantId, string role = PortalRoles.GlobalAdmin, string address = "webhooks")
    {
        SignInAs(partnerTenantId, role);
        if (!providers)
        {
            RenderProviders();
            providers = true;
        }

        GoTo(address);
        var page = Render<WebhookList>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#webhooks tbody tr td[data-webhook-id], #no-webhooks")));
        return page;
    }

    private static List<string> Urls(IRenderedComponent<WebhookList> page) =>
        [.. page.FindAll("#webhooks tbody td[data-webhook-id] a").Select(a => a.TextContent.Trim())];

    private static void TypeUrl(IRenderedComponent<WebhookList> page, string url) => page.Find("#webhook-url").Input(url);

    private static void Pick(IRenderedComponent<WebhookList> page, string eventType) =>
        page.Find($"input[data-event='{eventType}']").Change(true);

    private static string? UrlFieldError(IRenderedComponent<WebhookList> page) =>
        page.FindComponent<MudTextField<string>>().Instance.GetState(x => x.ErrorText);

    [Fact]
    public async Task A_partner_without_webhooks_is_told_so_and_sees_the_form()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);

        var page = Open(partner.TenantId);

        Assert.Equal("No webhooks yet.", page.Find("#no-webhooks").TextContent);
        Assert.Equal("Endpoint URL", page.FindComponent<MudTextField<string>>().Instance.Label);
        Assert.Equal(WebhookEventTypes.Selectable.Select(s => s.DisplayName), page.FindComponents<MudCheckBox<bool>>().Select(c => c.Instance.Label));
        Assert.Empty(page.FindAll("#webhook-secret"));
    }

    [Fact]
    public async Task Registering_stores_the_webhook_shows_its_secret_once_and_lists_it()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = Open(partner.TenantId);

        TypeUrl(page, "https://hooks.example.com/portal");
        Pick(page, WebhookEventTypes.MigrationFailed);
        Pick(page, WebhookEventTypes.ScheduleFailed);
        page.Find("#register-button").Click();

        page.WaitForAssertion(() => Assert.StartsWith("whsec_", page.Find("#webhook-secret").TextContent.Trim(), StringComparison.Ordinal));
        var secret = page.Find("#webhook-secret").TextContent.Trim();
        var stored = Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId));
        Assert.Equal(("https://hooks.example.com/portal", $"{WebhookEventTypes.MigrationFailed},{WebhookEventTypes.ScheduleFailed}", true), (stored.Url, stored.Events, stored.IsActive));
        Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["https://hooks.example.com/portal"], Urls(page)));
        Assert.Equal(stored.Id.ToString(), page.Find("#webhooks tbody td[data-webhook-id]").GetAttribute("data-webhook-id"));
        Assert.Equal(string.Empty, page.FindComponent<MudTextField<string>>().Instance.GetState(x => x.Value) ?? string.Empty); // the form is ready for the next one
        Assert.All(page.FindComponents<MudCheckBox<bool>>(), c => Assert.False(c.Instance.GetState(x => x.Value)));

        var again = Render<WebhookList>(); // the page opened again: the secret is not there any more
        again.WaitForAssertion(() => Assert.Single(again.FindAll("#webhooks tbody td[data-webhook-id]")));
        Assert.Empty(again.FindAll("#webhook-secret"));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter the endpoint URL.")]
    [InlineData("hooks.example.com/portal", "must be a full address")]
    [InlineData("ftp://hooks.example.com/portal", "must be a full address")]
    [InlineData("http://hooks.example.com/portal", "must use https://")]
    [InlineData("https://user:pass@hooks.example.com/portal", "must not contain a user name or password")]
    [InlineData("https://hooks.example.com/portal#top", "must not contain a fragment")]
    public async Task A_bad_endpoint_URL_is_refused_as_it_is_typed_and_on_registering_naming_the_field_and_nothing_is_stored(string url, string message)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = Open(partner.TenantId);

        TypeUrl(page, "https://hooks.example.com/");
        Assert.Null(UrlFieldError(page));
        TypeUrl(page, url);

        Assert.Contains("endpoint URL", UrlFieldError(page), StringComparison.Ordinal); // as it is typed, before any click
        Assert.Contains(message, UrlFieldError(page), StringComparison.Ordinal);

        Pick(page, WebhookEventTypes.MigrationCreated);
        page.Find("#register-button").Click();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("#webhook-errors").TextContent, StringComparison.Ordinal));
        Assert.Contains("endpoint URL", UrlFieldError(page), StringComparison.Ordinal);
        Assert.Contains(message, page.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal); // shown next to the field
        Assert.Empty(page.FindAll("#webhook-secret"));
        Assert.Empty(await Factory.WebhooksOfAsync(partner.TenantId));
    }

    [Fact]
    public async Task A_webhook_needs_at_least_one_event_but_a_local_http_address_is_accepted_in_development()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var page = Open(partner.TenantId);

        TypeUrl(page, "http://127.0.0.1:5999/hooks/portal");
        page.Find("#register-button").Click();

        page.WaitForAssertion(() => Assert.Contains("Pick at least one event", page.Find("#webhook-events-error").TextContent, StringComparison.Ordinal));
        Assert.Null(UrlFieldError(page));
        Assert.Empty(await Factory.WebhooksOfAsync(partner.TenantId));

        Pick(page, WebhookEventTypes.MigrationCompleted);
        Assert.Empty(page.FindAll("#webhook-events-error")); // picking one clears the message
        page.Find("#register-button").Click();

        page.WaitForAssertion(() => page.Find("#webhook-secret"));
        Assert.Empty(page.FindAll("#webhook-errors"));
        Assert.Equal(WebhookEventTypes.MigrationCompleted, Assert.Single(await Factory.WebhooksOfAsync(partner.TenantId)).Events);
    }

    private async Task<(TestPartner Partner, TestPartner Other)> TwelveWebhooksAsync()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        for (var i = 1; i <= 12; i++)
        {
            await Factory.RegisterWebhookAsync(partner.TenantId, $"https://hooks{i:00}.example.com/portal");
        }

        await Factory.RegisterWebhookAsync(other.TenantId, "https://theirs.example.com/portal");
        return (partner, other);
    }

    [Fact]
    public async Task Many_webhooks_show_ten_a_page_oldest_first_and_only_the_partners_own()
    {
        var (partner, _) = await TwelveWebhooksAsync();

        var page = Open(partner.TenantId);

        page.WaitForAssertion(() => Assert.Equal(10, Urls(page).Count));
        Assert.Equal("https://hooks01.example.com/portal", Urls(page)[0]);
        Assert.Contains("1-10 of 12", page.Find("#webhooks .mud-table-pagination").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs.example.com", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_names_the_sort_and_the_page_the_database_returns()
    {
        var (partner, _) = await TwelveWebhooksAsync();

        var page = Open(partner.TenantId, address: "webhooks?sort=UrlDescending&page=2");

        page.WaitForAssertion(() => Assert.Equal(["https://hooks02.example.com/portal", "https://hooks01.example.com/portal"], Urls(page)));
        Assert.Contains("sort=UrlDescending", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_list_writes_nothing_to_the_address_and_the_next_page_is_written()
    {
        var (partner, _) = await TwelveWebhooksAsync();

        var page = Open(partner.TenantId);

        AssertAddressUntouched("webhooks");
        page.Find("#webhooks button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(2, Urls(page).Count));
        Assert.EndsWith("/webhooks?page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent)]
    [InlineData(PortalRoles.HelpdeskAgent)]
    [InlineData(PortalRoles.SalesAgent)]
    public async Task Only_a_Global_admin_reaches_the_page_and_the_form_refuses_anyone_else(string role)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        SignInAs(partner.TenantId, role);

        var route = RenderRoute<WebhookList>();
        Assert.NotNull(route.Find("#not-authorized"));
        Assert.Empty(route.FindAll("#register-webhook"));

        // The form checks the policy again itself, whatever renders it.
        var form = Render<WebhookRegisterForm>();
        form.Find("#webhook-url").Input("https://hooks.example.com/portal");
        form.Find($"input[data-event='{WebhookEventTypes.MigrationCreated}']").Change(true);
        form.Find("#register-button").Click();

        form.WaitForAssertion(() => Assert.Contains("Your role may not register webhooks.", form.Find("#webhook-errors").TextContent, StringComparison.Ordinal));
        Assert.Empty(await Factory.WebhooksOfAsync(partner.TenantId));
    }

    [Fact]
    public async Task A_removed_webhook_is_confirmed_on_the_list_it_returns_to()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);

        var page = Open(partner.TenantId, address: "webhooks?removed=true");

        Assert.Equal(WebhookText.Removed, page.Find("#webhooks-message").TextContent.Trim());
        Assert.DoesNotContain("removed=", Navigation.Uri, StringComparison.Ordinal); // a reload does not say it again
    }
}
