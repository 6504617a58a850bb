using System.Net;
using AngleSharp.Html.Parser;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Entra;

/// <summary>The shared portal has no <c>Entra:ClientId</c>: sign-in with Microsoft is off.</summary>
public class EntraNotConfiguredTests(PortalFactory factory)
{
    [Fact]
    public async Task Without_a_client_id_the_sign_in_page_has_no_Microsoft_button()
    {
        using var client = factory.Browserless();

        var html = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));

        using var document = new HtmlParser().ParseDocument(html);
        Assert.NotNull(document.QuerySelector("form"));
        Assert.Null(document.QuerySelector("#entra-sign-in"));
        Assert.DoesNotContain("Sign in with Microsoft", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/entra/sign-in?returnUrl=%2Fcustomers")]
    [InlineData("/account/entra/callback?code=some-code&state=some-state")]
    public async Task Without_a_client_id_the_Entra_endpoints_answer_404(string path)
    {
        using var client = factory.Browserless();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // No sign-in state (correlation, nonce, auth) is started; the not-found page's own forms (theme, sign-out) carry antiforgery.
        var cookies = response.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value);
        Assert.All(cookies, c => Assert.StartsWith(".AspNetCore.Antiforgery.", c, StringComparison.Ordinal));
    }
}
