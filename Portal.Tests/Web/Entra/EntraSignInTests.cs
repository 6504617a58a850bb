using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Accounts;

namespace Portal.Tests.Web.Entra;

/// <summary>Sign-in with Microsoft Entra ID against the local fake authority, hop by hop (ADR-006).</summary>
public class EntraSignInTests(EntraFixture entra)
{
    [Fact]
    public async Task A_linked_user_of_a_registered_tenant_signs_in_and_sees_their_partners_customers()
    {
        var partner = await entra.CreatePartnerAsync(customers: 3);
        await entra.CreatePartnerAsync(customers: 2); // another partner, whose customers must not show
        var person = await entra.LinkAsync(partner, PortalRoles.AdminAgent);
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person, returnUrl: "/customers");

        var authorize = QueryHelpers.ParseQuery(attempt.Authorize.Query);
        Assert.Equal("/organizations/oauth2/v2.0/authorize", attempt.Authorize.AbsolutePath);
        Assert.Equal(FakeEntraAuthority.ClientId, authorize["client_id"]);
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(authorize["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(authorize["nonce"]));
        Assert.Equal(new Uri(entra.Portal.ServerAddress, "/account/entra/callback").AbsoluteUri, authorize["redirect_uri"]);

        Assert.Equal(HttpStatusCode.Redirect, attempt.Answer.StatusCode);
        Assert.Equal("/customers", attempt.Location);
        var html = await portal.GetStringAsync(new Uri("/customers", UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(
            partner.Customers.Select(c => c.Name).Order(),
            document.QuerySelectorAll("#customers tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order());
        Assert.Contains(PortalRoles.AdminAgent, document.QuerySelector("#signed-in-user")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_a_tenant_the_portal_does_not_know_is_refused()
    {
        var stranger = FakeEntraUser.Of(Guid.NewGuid());
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, stranger);

        await portal.AssertRefusedAsync(attempt, "unknown-tenant", $"Your organization (Microsoft Entra tenant {stranger.TenantId}) is not registered with the portal.");
    }

    [Fact]
    public async Task A_user_with_no_portal_user_linked_is_refused_with_who_to_ask()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = FakeEntraUser.Of(partner.TenantId);
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person);

        await portal.AssertRefusedAsync(attempt, "unmapped", $"No portal role is mapped to your account; ask your Global admin to link your Microsoft Entra account (object id {person.ObjectId}) to a portal user.");
    }

    [Fact]
    public async Task A_link_made_by_one_partner_never_signs_in_through_another_partners_tenant()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var other = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.GlobalAdmin);
        using var portal = entra.Browserless();

        // The same object id, but a token of the other partner's tenant: the other partner has no such user.
        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person with { TenantId = other.TenantId });

        await portal.AssertRefusedAsync(attempt, "unmapped", "No portal role is mapped to your account");
    }

    [Fact]
    public async Task A_disabled_linked_user_is_refused()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.SalesAgent, disable: true);
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person);

        await portal.AssertRefusedAsync(attempt, "disabled", "This account is disabled. Ask your partner's Global admin to enable it.");
    }

    [Theory]
    [InlineData(FakeTokenFlaw.Expired, "expired", "The sign-in token from Microsoft has expired.")]
    [InlineData(FakeTokenFlaw.TamperedPayload, "token", "The sign-in token from Microsoft could not be verified")]
    [InlineData(FakeTokenFlaw.ForeignKey, "token", "The sign-in token from Microsoft could not be verified")]
    [InlineData(FakeTokenFlaw.WrongNonce, "token", "The sign-in token from Microsoft could not be verified")]
    [InlineData(FakeTokenFlaw.WrongAudience, "token", "The sign-in token from Microsoft could not be verified")]
    [InlineData(FakeTokenFlaw.WrongIssuer, "token", "The sign-in token from Microsoft could not be verified")]
    public async Task An_id_token_that_does_not_validate_is_refused(FakeTokenFlaw flaw, string reason, string message)
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var admin = await entra.LinkAsync(partner, PortalRoles.GlobalAdmin);

        // Tampering: a person of the tenant with no portal role rewrites their token to claim the Global admin.
        var person = flaw == FakeTokenFlaw.TamperedPayload ? FakeEntraUser.Of(partner.TenantId) : admin;
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person, flaw, tamperAs: admin.ObjectId);

        await portal.AssertRefusedAsync(attempt, reason, message);
    }

    [Fact]
    public async Task An_answer_with_another_state_is_refused()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.HelpdeskAgent);
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person, alterCallback: callback =>
        {
            var query = QueryHelpers.ParseQuery(callback.Query);
            return new Uri(QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path), new Dictionary<string, string?>
            {
                ["code"] = query["code"],
                ["state"] = "a-state-this-browser-never-sent",
            }));
        });

        await portal.AssertRefusedAsync(attempt, "request", "could not be matched to a request from this browser");
    }

    [Fact]
    public async Task An_answer_delivered_to_another_browser_is_refused()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.AdminAgent);
        using var victim = entra.Browserless();
        using var attacker = entra.Browserless();

        // Login CSRF: a code obtained in one browser, pushed into another one, signs nobody in there.
        using var attempt = await entra.SignInWithMicrosoftAsync(attacker, person, callbackBrowser: victim);

        await victim.AssertRefusedAsync(attempt, "request", "could not be matched to a request from this browser");
    }

    [Fact]
    public async Task An_answer_is_good_for_one_sign_in_only()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.SalesAgent);
        using var first = entra.Browserless();
        using var attempt = await entra.SignInWithMicrosoftAsync(first, person);
        Assert.Equal("/customers", attempt.Location);

        // The same browser going back to the callback (history, refresh): its one-time request cookie is gone.
        using var replayed = await first.GetAsync(attempt.Callback);

        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/entra/error?reason=request", new Uri(first.BaseAddress!, replayed.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_cancelled_at_Microsoft_is_refused()
    {
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, user: null);

        await portal.AssertRefusedAsync(attempt, "authority", "Microsoft did not complete the sign-in");
    }

    [Fact]
    public async Task Sign_in_with_Microsoft_never_returns_to_another_host()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.HelpdeskAgent);
        using var portal = entra.Browserless();

        using var attempt = await entra.SignInWithMicrosoftAsync(portal, person, returnUrl: "//evil.example/steal");

        Assert.Equal(HttpStatusCode.Redirect, attempt.Answer.StatusCode);
        Assert.Equal("/", attempt.Location);
    }

    [Fact]
    public async Task The_sign_in_page_offers_Microsoft_and_keeps_the_return_url()
    {
        using var portal = entra.Browserless();

        var html = await portal.GetStringAsync(new Uri("/account/sign-in?ReturnUrl=%2Fcustomers", UriKind.Relative));

        using var document = new HtmlParser().ParseDocument(html);
        var button = document.QuerySelector("#entra-sign-in");
        Assert.NotNull(button);
        Assert.Equal("Sign in with Microsoft", button.TextContent.Trim());
        Assert.Equal("account/entra/sign-in?returnUrl=%2Fcustomers", button.GetAttribute("href"));
    }
}
