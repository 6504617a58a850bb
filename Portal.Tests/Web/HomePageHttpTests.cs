using System.Net;
using AngleSharp.Html.Parser;

namespace Portal.Tests.Web;

public class HomePageHttpTests(PortalFactory factory)
{
    private const string PortalName = "Partner Migration Portal";

    [Fact]
    public async Task Home_page_answers_200_with_title_and_navbar_brand()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(PortalName, document.Title);
        Assert.Equal(PortalName, document.QuerySelector("header.mud-appbar .portal-brand")?.TextContent.Trim());
        Assert.Equal(PortalName, document.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css", ".mud-appbar")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "text/javascript", "mudElementRef")]
    [InlineData("/_framework/blazor.web.js", "text/javascript", "Blazor")]
    public async Task The_interactive_portals_assets_are_served_from_the_packages(string path, string mediaType, string content)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_is_gone_from_the_pages_and_the_site()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
        using var bootstrap = await client.GetAsync(new Uri("/lib/bootstrap/css/bootstrap.min.css", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("bootstrap", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, bootstrap.StatusCode);
    }

    [Fact]
    public async Task Unknown_address_answers_404_with_the_not_found_page()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(
            new Uri("/no/such/page", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Page not found", document.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(PortalName, document.QuerySelector("header.mud-appbar .portal-brand")?.TextContent.Trim());
    }
}
