using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portal.Accounts;
using Portal.PartnerCenter;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Entra;

namespace Portal.Tests.PartnerCenter;

/// <summary>
/// App+user Partner Center tokens (ADR-019): the partner user signs in to the portal with Microsoft once; from then on
/// the portal gets their delegated tokens from the token cache in its database, with nobody signed in.
/// </summary>
public class PartnerCenterAppPlusUserTests(EntraFixture entra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_partner_user_signed_in_with_Microsoft_their_refresh_token_gives_Partner_Center_tokens_and_a_user_who_never_did_gets_a_clear_error()
    {
        var partner = await entra.CreatePartnerAsync(customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.GlobalAdmin);
        using (var portal = entra.Browserless())
        using (var attempt = await entra.SignInWithMicrosoftAsync(portal, person))
        {
            Assert.Equal("/customers", attempt.Location);
        }

        var before = entra.Authority.ServiceTokens.Count;
        var tokens = TokensFor(person);

        var token = await tokens.GetAsync(Ct);

        var issued = entra.Authority.ServiceTokens.Skip(before).ToList();
        var refreshed = Assert.Single(issued);
        Assert.Equal("refresh_token", refreshed.Grant);
        Assert.Equal(refreshed.AccessToken, token);
        Assert.Equal(token, await tokens.GetAsync(Ct)); // from the cache

        tokens.Invalidate(); // Partner Center answered 401
        var renewed = await tokens.GetAsync(Ct);
        Assert.NotEqual(token, renewed);
        Assert.NotEqual(refreshed.RefreshTokenUsed, entra.Authority.ServiceTokens.Last().RefreshTokenUsed); // the rotated one

        // A partner user who never signed in gives a clear error. Asked only after the sign-in above: the shared portal
        // has no Entra:RedirectUri, and a token asked for outside any request before the first sign-in would break its
        // sign-ins with Microsoft (issue 13; the two tests below).
        var stranger = FakeEntraUser.Of(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => TokensFor(stranger).GetAsync(Ct));
        Assert.Contains($"No Partner Center token for the partner user {stranger.ObjectId} (app+user)", error.Message, StringComparison.Ordinal);
        Assert.Contains("have not signed in to this portal with Microsoft", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Entra_RedirectUri_set_a_token_asked_for_outside_any_request_before_the_first_sign_in_leaves_sign_in_with_Microsoft_working()
    {
        await using var portal = new EntraPortalFactory(entra.Authority, configureRedirectUri: true);
        var person = await FirstAskOutsideAnyRequestAsync(portal);

        using var browser = EntraFixture.Browserless(portal.PublicAddress);
        using var attempt = await entra.SignInWithMicrosoftAsync(browser, person, portalAddress: portal.PublicAddress);

        Assert.Equal("/customers", attempt.Location);
        Assert.Equal(portal.RedirectUri!.AbsoluteUri, QueryHelpers.ParseQuery(attempt.Authorize.Query)["redirect_uri"].ToString());
        Assert.False(string.IsNullOrEmpty(await TokensFor(person, portal.Services).GetAsync(Ct))); // and app+user tokens now come
    }

    [Fact]
    public async Task Without_Entra_RedirectUri_a_token_asked_for_outside_any_request_before_the_first_sign_in_breaks_that_instances_sign_ins_at_the_code_redemption()
    {
        // Why the setting exists (issue 13): Identity.Web built MSAL's client, once for the instance, with MSAL's placeholder
        // redirect URI, and the authority refuses to redeem a code for another address than the one it was issued to.
        await using var portal = new EntraPortalFactory(entra.Authority);
        var person = await FirstAskOutsideAnyRequestAsync(portal);

        using var browser = EntraFixture.Browserless(portal.PublicAddress);
        using var attempt = await entra.SignInWithMicrosoftAsync(browser, person, portalAddress: portal.PublicAddress);

        Assert.StartsWith("/account/entra/error?reason=redeem", attempt.Location, StringComparison.Ordinal);
    }

    /// <summary>On a fresh instance, a linked partner user who has not signed in yet; their token is asked for first, outside any request.</summary>
    private async Task<FakeEntraUser> FirstAskOutsideAnyRequestAsync(EntraPortalFactory portal)
    {
        var partner = await TestAccounts.CreatePartnerAsync(portal.Services, customers: 0);
        var person = await entra.LinkAsync(partner, PortalRoles.GlobalAdmin, services: portal.Services);
        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => TokensFor(person, portal.Services).GetAsync(Ct));
        Assert.Contains("have not signed in to this portal with Microsoft", error.Message, StringComparison.Ordinal);
        return person;
    }

    private PartnerCenterTokens TokensFor(FakeEntraUser person) => TokensFor(person, entra.Portal.Services);

    private static PartnerCenterTokens TokensFor(FakeEntraUser person, IServiceProvider services) => new(
        Options.Create(new PartnerCenterOptions
        {
            TenantId = person.TenantId.ToString(),
            UserObjectId = person.ObjectId.ToString(),
            UserTenantId = person.TenantId.ToString(),
        }),
        services);
}
