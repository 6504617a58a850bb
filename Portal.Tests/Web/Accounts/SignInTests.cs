using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;

namespace Portal.Tests.Web.Accounts;

public class SignInTests(PortalFactory factory)
{
    [Fact]
    public async Task A_page_that_needs_a_partner_sends_an_anonymous_visitor_to_sign_in_and_back()
    {
        var partner = await factory.CreatePartnerAsync();
        using var client = factory.Browserless();

        using var challenge = await client.GetAsync(new Uri("/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/account/sign-in", challenge.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var signedIn = await client.SignInAsync(partner.Email(PortalRoles.AdminAgent), TestPartner.Password, "/customers");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(new Uri(factory.ServerAddress, "/customers"), new Uri(factory.ServerAddress, signedIn.Headers.Location!));
        var html = await client.FollowAsync(signedIn);
        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(partner.Customers.Select(c => c.Name).Order(), document.QuerySelectorAll("#customers tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order());
        Assert.Contains(PortalRoles.AdminAgent, document.QuerySelector("#signed-in-user")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();

        using var response = await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), "Not-The-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The email or password is not right.", html, StringComparison.Ordinal);
        using var customers = await client.GetAsync(new Uri("/customers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, customers.StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var email = partner.Email(PortalRoles.HelpdeskAgent);
        using var client = factory.Browserless();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await client.SignInAsync(email, "Not-The-Password-1");
            Assert.Contains("The email or password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fifth = await client.SignInAsync(email, "Not-The-Password-1");
        Assert.Contains("locked", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var right = await client.SignInAsync(email, TestPartner.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_form_gets_field_messages_not_a_server_error()
    {
        using var client = factory.Browserless();

        using var response = await client.SignInAsync("", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter your email address.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_host()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        using var client = factory.Browserless();

        using var response = await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password, "//evil.example/steal");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(factory.ServerAddress, "/"), new Uri(factory.ServerAddress, response.Headers.Location!));
    }
}
