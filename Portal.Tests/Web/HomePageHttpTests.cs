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

    [Fact]
    public async Task Bootstrap_css_from_npm_is_served_and_not_empty()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(
            new Uri("/lib/bootstrap/css/bootstrap.min.css", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(".navbar", css, StringComparison.Ordinal);
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
