using Portal.Components.Lists;

namespace Portal.Tests.Components;

/// <summary>The pager: previous/next only where a page exists, and every link is the page's own address (filters kept).</summary>
public class PagerTests
{
    private static Task<AngleSharp.Dom.IDocument> Render(int page, int pageCount, int total, string noun = "customer") =>
        ComponentHtml.RenderAsync<Pager>(new Dictionary<string, object?>
        {
            ["Page"] = page,
            ["PageCount"] = pageCount,
            ["Total"] = total,
            ["Noun"] = noun,
            ["Label"] = "Customer pages",
            ["Link"] = (Func<int, string>)(p => $"/customers?q=fab%20ltd&sort=name&page={p}"),
        });

    [Fact]
    public async Task The_first_page_offers_next_but_no_previous()
    {
        var html = await Render(page: 1, pageCount: 3, total: 45);

        Assert.Null(html.QuerySelector("a[rel=prev]"));
        Assert.Equal("/customers?q=fab%20ltd&sort=name&page=2", html.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("Page 1 of 3 · 45 customers", html.QuerySelector("[aria-current=page]")!.TextContent);
    }

    [Fact]
    public async Task The_last_page_offers_previous_but_no_next()
    {
        var html = await Render(page: 3, pageCount: 3, total: 45);

        Assert.Equal("/customers?q=fab%20ltd&sort=name&page=2", html.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(html.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task A_middle_page_links_both_ways_keeping_the_filter_and_sort()
    {
        var html = await Render(page: 2, pageCount: 3, total: 45);

        var links = html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/customers?q=fab%20ltd&sort=name&page=1", "/customers?q=fab%20ltd&sort=name&page=3"], links);
        Assert.Equal("Customer pages", html.QuerySelector("nav")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_single_page_has_no_links_and_one_item_is_singular()
    {
        var html = await Render(page: 1, pageCount: 1, total: 1);

        Assert.Empty(html.QuerySelectorAll("a"));
        Assert.Equal("Page 1 of 1 · 1 customer", html.QuerySelector("[aria-current=page]")!.TextContent);
    }
}
