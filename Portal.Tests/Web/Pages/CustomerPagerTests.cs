using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Pages;

/// <summary>The pager on a real list: its links keep the search, sort and page size, and stop at the first and last page.</summary>
public class CustomerPagerTests(PortalFactory factory)
{
    [Fact]
    public async Task Paging_a_searched_and_sorted_list_keeps_the_search_and_sort_to_the_last_page()
    {
        var partner = await factory.CreatePartnerAsync(customers: 5);
        var tag = partner.Name["Partner ".Length..];
        using var client = factory.Browserless();
        await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var first = await PageAsync(client, $"/customers?q={tag}&sort=NameDescending&size=2");
        Assert.Null(first.QuerySelector("nav.pager a[rel=prev]"));
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal($"customers?page=2&sort=NameDescending&size=2&q={tag}", next);
        Assert.Equal("Page 1 of 3 · 5 customers", first.QuerySelector("nav.pager [aria-current=page]")!.TextContent);

        var second = await PageAsync(client, "/" + next);
        Assert.Equal([$"Customer 3 of {tag}", $"Customer 2 of {tag}"], Names(second));
        Assert.Equal($"customers?page=1&sort=NameDescending&size=2&q={tag}", second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));

        var last = await PageAsync(client, "/" + second.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal([$"Customer 1 of {tag}"], Names(last));
        Assert.Null(last.QuerySelector("nav.pager a[rel=next]"));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string path) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim()).ToList();
}
