using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Tests.Web.Entra;

/// <summary>The hops of a sign-in with Microsoft, one by one, as a browser would make them.</summary>
public sealed record EntraSignInAttempt(Uri Authorize, Uri Callback, HttpResponseMessage Answer, Uri Portal) : IDisposable
{
    /// <summary>Where the callback sent the browser: a local path and query.</summary>
    public string Location => Answer.Headers.Location is { } location ? new Uri(Portal, location).PathAndQuery : "";

    public void Dispose() => Answer.Dispose();
}

public static class EntraSteps
{
    /// <summary>
    /// Clicks "Sign in with Microsoft" (GET /account/entra/sign-in), lets the fake authority answer for
    /// <paramref name="user"/> (nobody: the person cancels), and delivers the answer to the portal's callback.
    /// </summary>
    public static async Task<EntraSignInAttempt> SignInWithMicrosoftAsync(
        this EntraFixture entra,
        HttpClient portal,
        FakeEntraUser? user,
        FakeTokenFlaw flaw = FakeTokenFlaw.None,
        string returnUrl = "/customers",
        Guid? tamperAs = null,
        Func<Uri, Uri>? alterCallback = null,
        HttpClient? callbackBrowser = null,
        Uri? portalAddress = null)
    {
        // The portal's public address: the shared portal's unless a test runs its own.
        var address = portalAddress ?? entra.Portal.ServerAddress;
        using var start = await portal.GetAsync(new Uri($"/account/entra/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.Equal(entra.Authority.Instance.GetLeftPart(UriPartial.Authority), authorize.GetLeftPart(UriPartial.Authority));
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        Assert.False(string.IsNullOrEmpty(state));
        entra.Authority.SignInAs(state, user, flaw, tamperAs);

        using var authority = entra.AuthorityClient();
        using var answer = await authority.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.Equal(new Uri(address, "/account/entra/callback").AbsoluteUri, callback.GetLeftPart(UriPartial.Path));
        callback = alterCallback?.Invoke(callback) ?? callback;

        var browser = callbackBrowser ?? portal;
        var response = await browser.GetAsync(callback);

        // The handler hands a validated identity on to the portal's own step, which finds the portal user.
        if (response.Headers.Location is { } next && new Uri(address, next).AbsolutePath == "/account/entra/complete")
        {
            response.Dispose();
            response = await browser.GetAsync(next);
        }

        return new EntraSignInAttempt(authorize, callback, response, address);
    }

    /// <summary>Asserts the attempt was refused: redirected to the error page showing <paramref name="message"/>, and nobody signed in.</summary>
    public static async Task AssertRefusedAsync(this HttpClient portal, EntraSignInAttempt attempt, string reason, string message)
    {
        Assert.Equal(HttpStatusCode.Redirect, attempt.Answer.StatusCode);
        Assert.StartsWith($"/account/entra/error?reason={reason}", attempt.Location, StringComparison.Ordinal);
        var html = await portal.GetStringAsync(new Uri(attempt.Location, UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        Assert.Contains(message, document.QuerySelector("#entra-error")?.TextContent ?? "", StringComparison.Ordinal);
        await portal.AssertSignedOutAsync();
    }

    public static async Task AssertSignedOutAsync(this HttpClient portal)
    {
        using var customers = await portal.GetAsync(new Uri("/customers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, customers.StatusCode);
        Assert.StartsWith("/account/sign-in", new Uri(portal.BaseAddress!, customers.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }
}
