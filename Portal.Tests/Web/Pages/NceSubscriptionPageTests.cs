using System.Net;
using Portal.Accounts;
using Portal.Domain.Subscriptions;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Pages;

/// <summary>The NCE subscription page's two forms over HTTP: reduce seats and cancel, inside and after the 168-hour window.</summary>
public class NceSubscriptionPageTests(PortalFactory factory)
{
    private const string ReduceForm = "form[data-form=reduce-seats]";
    private const string CancelForm = "form[data-form=cancel-subscription]";

    [Fact]
    public async Task Inside_the_window_seats_are_reduced_and_the_page_says_so()
    {
        var (client, page, subscription) = await SignedInWithNceAsync(TimeSpan.FromDays(2));

        var response = await client.SubmitFormAsync(page, ReduceForm, new Dictionary<string, string> { ["NewQuantity"] = "6" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The subscription now has 6 seat(s).", html, StringComparison.Ordinal);
        Assert.Equal(6, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task After_the_window_a_reduction_is_refused_with_the_reason_and_nothing_changes()
    {
        var (client, page, subscription) = await SignedInWithNceAsync(TimeSpan.FromHours(169));

        var response = await client.SubmitFormAsync(page, ReduceForm, new Dictionary<string, string> { ["NewQuantity"] = "6" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Seats can only be removed within 7 days (168 hours) of when they were added", html, StringComparison.Ordinal);
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Theory]
    [InlineData("0", "New seat count: A subscription keeps at least one seat")]
    [InlineData("10", "New seat count: The subscription has 10 seats; 10 is not fewer.")]
    [InlineData("ten", "New seat count: enter a whole number of seats, at least 1.")]
    public async Task A_bad_seat_count_is_refused_naming_the_field(string value, string expected)
    {
        var (client, page, subscription) = await SignedInWithNceAsync(TimeSpan.FromDays(1));

        var response = await client.SubmitFormAsync(page, ReduceForm, new Dictionary<string, string> { ["NewQuantity"] = value });

        Assert.Contains(WebUtility.HtmlEncode(expected), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task The_seat_field_carries_the_same_bounds_the_server_applies()
    {
        var (client, page, _) = await SignedInWithNceAsync(TimeSpan.FromDays(1));

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
        var input = document.QuerySelector("#new-quantity")!;

        Assert.Equal(("1", "9", "1"), (input.GetAttribute("min"), input.GetAttribute("max"), input.GetAttribute("step")));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("New seat count", document.QuerySelector("label[for=new-quantity]")!.TextContent);
    }

    [Fact]
    public async Task Cancelling_inside_the_window_works_and_after_it_is_refused()
    {
        var (client, inside, early) = await SignedInWithNceAsync(TimeSpan.FromHours(167));
        var late = await factory.AddNceAsync(early.CustomerId, TimeSpan.FromDays(30));

        var cancelled = await client.SubmitFormAsync(inside, CancelForm, new Dictionary<string, string>());
        var refused = await client.SubmitFormAsync($"/customers/{late.CustomerId}/nce/{late.Id}", CancelForm, new Dictionary<string, string>());

        Assert.Contains("The subscription is cancelled.", await cancelled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The cancellation window closed at", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(NceSubscriptionStatus.Cancelled, (await factory.NceAsync(early.Id)).Status);
        Assert.Equal(NceSubscriptionStatus.Active, (await factory.NceAsync(late.Id)).Status);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var (client, page, subscription) = await SignedInWithNceAsync(TimeSpan.FromDays(1));

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "reduce-seats", ["NewQuantity"] = "5" });
        var response = await client.PostAsync(new Uri(page, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    [Fact]
    public async Task Another_partners_subscription_answers_exactly_like_a_missing_one_to_reads_and_posts()
    {
        var (_, theirPage, theirs) = await SignedInWithNceAsync(TimeSpan.FromDays(1));
        var (mine, myPage, _) = await SignedInWithNceAsync(TimeSpan.FromDays(1));

        var read = await mine.GetAsync(new Uri(theirPage, UriKind.Relative));
        var post = await mine.PostAsAsync(theirPage, "reduce-seats", new Dictionary<string, string> { ["NewQuantity"] = "5" }, tokenPage: myPage);
        var missingPage = $"/customers/{theirs.CustomerId}/nce/{Guid.NewGuid()}";
        var missingRead = await mine.GetAsync(new Uri(missingPage, UriKind.Relative));
        var missingPost = await mine.PostAsAsync(missingPage, "reduce-seats", new Dictionary<string, string> { ["NewQuantity"] = "5" }, tokenPage: myPage);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingRead.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (post.StatusCode, missingPost.StatusCode));
        Assert.Equal(10, (await factory.NceAsync(theirs.Id)).Quantity);
    }

    [Fact]
    public async Task A_helpdesk_agent_sees_no_change_forms_and_a_crafted_post_changes_nothing()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var subscription = await factory.AddNceAsync(partner.Customers[0].TenantId, TimeSpan.FromDays(1));
        using var helpdesk = factory.Browserless();
        await helpdesk.SignInAsync(partner.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);
        var page = $"/customers/{subscription.CustomerId}/nce/{subscription.Id}";

        var html = await helpdesk.GetStringAsync(new Uri(page, UriKind.Relative));
        var posted = await helpdesk.PostAsAsync(page, "reduce-seats", new Dictionary<string, string> { ["NewQuantity"] = "5" });

        Assert.DoesNotContain("data-form=\"reduce-seats\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode); // the page renders no such form for this role

        Assert.Equal(10, (await factory.NceAsync(subscription.Id)).Quantity);
    }

    private async Task<(HttpClient Client, string Page, NceSubscription Subscription)> SignedInWithNceAsync(TimeSpan age)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var subscription = await factory.AddNceAsync(partner.Customers[0].TenantId, age);
        var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.AdminAgent), TestPartner.Password);
        return (client, $"/customers/{subscription.CustomerId}/nce/{subscription.Id}", subscription);
    }
}
