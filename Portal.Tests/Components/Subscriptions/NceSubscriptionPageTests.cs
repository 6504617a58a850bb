using Bunit;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Subscriptions;
using Portal.Domain.Subscriptions;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Pages;

namespace Portal.Tests.Components.Subscriptions;

/// <summary>The NCE subscription page: reduce seats and cancel inside the 168-hour window (asked first in a dialog), refused after it with the reason.</summary>
public class NceSubscriptionPageTests(PortalFactory factory) : PortalPageContext
{
    private IRenderedComponent<MudDialogProvider> dialogs = default!;

    private async Task<(IRenderedComponent<NceSubscriptionPage> Page, NceSubscription Subscription)> OpenAsync(TimeSpan age, string role = PortalRoles.AdminAgent)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var subscription = await factory.AddNceAsync(partner.Customers[0].TenantId, age);
        return (Open(partner.TenantId, subscription.CustomerId, subscription.Id, role), subscription);
    }

    private IRenderedComponent<NceSubscriptionPage> Open(Guid partnerTenantId, Guid customerId, Guid subscriptionId, string role = PortalRoles.AdminAgent)
    {
        UseApp(factory.Services);
        SignInAs(partnerTenantId, role);
        dialogs = Render<MudDialogProvider>();
        var page = Render<NceSubscriptionPage>(p => p.Add(x => x.CustomerId, customerId).Add(x => x.SubscriptionId, subscriptionId));
        page.WaitForElement("h1", TimeSpan.FromSeconds(10));
        return page;
    }

    private static void EnterSeats(IRenderedComponent<NceSubscriptionPage> page, string value) =>
        page.FindComponent<MudNumericField<int?>>().Find("input").Change(value);

    private static string Message(IRenderedComponent<NceSubscriptionPage> page) =>
        page.WaitForElement("#change-message", TimeSpan.FromSeconds(10)).Text();

    [Fact]
    public async Task An_active_subscription_inside_the_window_shows_its_properties_and_the_seat_field_carries_the_servers_bounds()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromDays(1));

        Assert.Equal("Office 365 E3", page.Find("h1").TextContent);
        Assert.Equal("Active", page.Find("#nce-status").TextContent);
        Assert.Equal("10", page.Find("#nce-seats").TextContent);
        Assert.EndsWith("(open)", page.Find("#window-end").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Inside the 168-hour cancellation window", page.Find("#window-note").Text(), StringComparison.Ordinal);
        var field = page.FindComponent<MudNumericField<int?>>().Instance;
        Assert.Equal((1, 9, 1), (field.Min, field.Max, field.Step));
        Assert.Equal("New seat count", field.Label);
        Assert.True(field.Required);
        Assert.Equal("This subscription was not created by a migration.", page.Find("#no-activity").TextContent);
        Assert.Empty(page.FindAll(".btn, .card, .alert, .row"));
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task Inside_the_window_a_reduction_is_confirmed_in_a_dialog_then_stored_and_shown()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromDays(2));

        EnterSeats(page, "6");
        page.Find("#reduce-seats").Click();

        Assert.Contains("goes from 10 to 6 seat(s)", dialogs.Question(), StringComparison.Ordinal);
        dialogs.Press("Reduce seats");
        Assert.Equal("The subscription now has 6 seat(s).", Message(page));
        page.WaitForAssertion(() => Assert.Equal("6", page.Find("#nce-seats").TextContent));
        Assert.Equal(6, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task Keeping_the_seats_in_the_dialog_changes_nothing()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromDays(2));

        EnterSeats(page, "6");
        page.Find("#reduce-seats").Click();
        dialogs.Press("Keep it");

        page.WaitForAssertion(() => Assert.True(dialogs.Closed()));
        Assert.Empty(page.FindAll("#change-message"));
        Assert.Equal("10", page.Find("#nce-seats").TextContent);
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task After_the_window_a_reduction_is_refused_with_the_reason_without_asking_and_nothing_changes()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromHours(169));

        EnterSeats(page, "6");
        page.Find("#reduce-seats").Click();

        Assert.Contains("Seats can only be removed within 7 days (168 hours) of when they were added", Message(page), StringComparison.Ordinal);
        Assert.True(dialogs.Closed());
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task No_seat_count_is_refused_naming_the_field()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromDays(1));

        EnterSeats(page, "");
        page.Find("#reduce-seats").Click();

        Assert.Equal("New seat count: enter a whole number of seats, at least 1.", Message(page));
        Assert.Equal("alert", page.Find("#change-message").GetAttribute("role"));
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task Cancelling_inside_the_window_is_confirmed_then_done_and_the_page_shows_it_cancelled()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromHours(167));

        page.Find("#cancel-subscription").Click();

        Assert.Contains("all its 10 seat(s) are cancelled now", dialogs.Question(), StringComparison.Ordinal);
        dialogs.Press("Cancel the subscription");
        Assert.Equal("The subscription is cancelled.", Message(page));
        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("#nce-status").TextContent));
        Assert.Equal("The subscription is Cancelled.", page.Find("#not-active").TextContent);
        Assert.Empty(page.FindAll("#cancel-subscription"));
        Assert.Equal(NceSubscriptionStatus.Cancelled, (await factory.NceAsync(subscription.Id)).Status);
    }

    [Fact]
    public async Task Cancelling_after_the_window_is_refused_and_the_page_says_when_it_closed()
    {
        var (page, subscription) = await OpenAsync(TimeSpan.FromDays(30));

        page.Find("#cancel-subscription").Click();

        Assert.False(string.IsNullOrEmpty(Message(page)));
        Assert.True(dialogs.Closed());
        Assert.StartsWith("The cancellation window closed at", page.Find("#window-note").Text(), StringComparison.Ordinal);
        Assert.Equal(NceSubscriptionStatus.Active, (await factory.NceAsync(subscription.Id)).Status);
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_the_subscription_but_is_offered_no_change()
    {
        var (page, _) = await OpenAsync(TimeSpan.FromDays(1), PortalRoles.HelpdeskAgent);

        Assert.Equal("10", page.Find("#nce-seats").TextContent);
        Assert.Empty(page.FindAll("#change"));
        Assert.Empty(page.FindAll("#reduce-seats"));
    }

    [Fact]
    public async Task Another_partners_subscription_and_a_missing_one_both_show_the_not_found_page()
    {
        var theirs = await factory.CreatePartnerAsync(customers: 1);
        var subscription = await factory.AddNceAsync(theirs.Customers[0].TenantId, TimeSpan.FromDays(1));
        var mine = await factory.CreatePartnerAsync(customers: 1);

        var foreign = Open(mine.TenantId, subscription.CustomerId, subscription.Id);
        var missing = Render<NceSubscriptionPage>(p => p.Add(x => x.CustomerId, subscription.CustomerId).Add(x => x.SubscriptionId, Guid.NewGuid()));

        Assert.Equal("Page not found", foreign.Find("h1").TextContent);
        Assert.Equal("Page not found", missing.WaitForElement("h1", TimeSpan.FromSeconds(10)).TextContent);
        Assert.Empty(foreign.FindAll("#nce-seats"));
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }
}
