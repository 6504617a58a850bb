using Microsoft.Extensions.Options;
using Portal.Accounts;
using Portal.PartnerCenter;
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

        // A partner user who never signed in gives a clear error. Asked only after the sign-in above: on one instance,
        // a token asked for outside any request before the first sign-in leaves Identity.Web's cached client without
        // the callback address, and that instance's sign-ins with Microsoft then fail (noted on issue 13).
        var stranger = FakeEntraUser.Of(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => TokensFor(stranger).GetAsync(Ct));
        Assert.Contains($"No Partner Center token for the partner user {stranger.ObjectId} (app+user)", error.Message, StringComparison.Ordinal);
        Assert.Contains("have not signed in to this portal with Microsoft", error.Message, StringComparison.Ordinal);
    }

    private PartnerCenterTokens TokensFor(FakeEntraUser person) => new(
        Options.Create(new PartnerCenterOptions
        {
            TenantId = person.TenantId.ToString(),
            UserObjectId = person.ObjectId.ToString(),
            UserTenantId = person.TenantId.ToString(),
        }),
        entra.Portal.Services);
}
