using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Web.Pages;

/// <summary>
/// The NCE subscription page over HTTP: what its prerendered page answers. Its actions (reduce seats, cancel) run in
/// the circuit now; Components/Subscriptions/NceSubscriptionPageTests checks them.
/// </summary>
public class NceSubscriptionPageHttpTests(PortalFactory factory)
{
    [Fact]
    public async Task Another_partners_subscription_answers_exactly_like_a_missing_one()
    {
        var theirs = await factory.CreatePartnerAsync(customers: 1);
        var subscription = await factory.AddNceAsync(theirs.Customers[0].TenantId, TimeSpan.FromDays(1));
        var mine = await factory.CreatePartnerAsync(customers: 1);
        using var client = factory.Browserless();
        await client.SignInAsync(mine.Email(PortalRoles.AdminAgent), TestPartner.Password);

        var read = await client.GetAsync(new Uri($"/customers/{subscription.CustomerId}/nce/{subscription.Id}", UriKind.Relative));
        var missingRead = await client.GetAsync(new Uri($"/customers/{subscription.CustomerId}/nce/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingRead.StatusCode);
        Assert.Equal("Page not found", await read.HeadingAsync());
        Assert.Equal("Page not found", await missingRead.HeadingAsync());
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task The_prerendered_page_shows_the_subscription_and_holds_no_form_post()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var subscription = await factory.AddNceAsync(partner.Customers[0].TenantId, TimeSpan.FromDays(1));
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.AdminAgent), TestPartner.Password);

        var response = await client.GetAsync(new Uri($"/customers/{subscription.CustomerId}/nce/{subscription.Id}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        using var page = new HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10", page.QuerySelector("#nce-seats")!.TextContent);
        Assert.NotNull(page.QuerySelector("#reduce-seats"));
        Assert.DoesNotContain("data-form=", html, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='_handler']"));
    }
}
