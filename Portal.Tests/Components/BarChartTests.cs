using System.Globalization;
using Portal.Components.Charts;

namespace Portal.Tests.Components;

/// <summary>The server-drawn bar chart: bars proportional to the largest value, and its numbers readable as text.</summary>
public class BarChartTests
{
    private static Task<AngleSharp.Dom.IDocument> Render(params BarChart.Bar[] bars) =>
        ComponentHtml.RenderAsync<BarChart>(new Dictionary<string, object?>
        {
            ["Title"] = "Legacy subscriptions by eligibility",
            ["Bars"] = bars,
            ["Id"] = "eligibility-chart",
        });

    private static double[] Widths(AngleSharp.Dom.IDocument html) =>
        html.QuerySelectorAll("rect.bar").Select(r => double.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task Bars_are_sized_in_proportion_to_the_largest_value()
    {
        var html = await Render(new("Eligible", 40), new("Not eligible", 10), new("Migrating", 30));

        Assert.Equal([220, 55, 165], Widths(html));
    }

    [Fact]
    public async Task Each_bar_has_its_label_and_number_as_text_and_the_chart_an_accessible_summary()
    {
        var html = await Render(new("Eligible", 40), new("Not eligible", 10));

        var svg = html.QuerySelector("#eligibility-chart svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("eligibility-chart-title", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Legacy subscriptions by eligibility: Eligible 40, Not eligible 10", html.GetElementById("eligibility-chart-title")!.TextContent);
        Assert.Equal(["Eligible", "40", "Not eligible", "10"], svg.QuerySelectorAll("text").Select(t => t.TextContent));
        Assert.Equal("Legacy subscriptions by eligibility", html.QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public async Task All_zero_values_draw_empty_bars_but_keep_the_labels_and_numbers()
    {
        var html = await Render(new("Eligible", 0), new("Not eligible", 0));

        Assert.Equal([0, 0], Widths(html));
        Assert.Equal(["Eligible", "0", "Not eligible", "0"], html.QuerySelectorAll("svg text").Select(t => t.TextContent));
    }

    [Fact]
    public async Task No_data_draws_no_chart_and_says_so_in_words_under_its_caption()
    {
        var html = await Render();

        Assert.Null(html.QuerySelector("svg"));
        Assert.Equal("Nothing to show yet.", html.QuerySelector("#eligibility-chart .bar-chart-empty")!.TextContent);
        Assert.Equal("Legacy subscriptions by eligibility", html.QuerySelector("#eligibility-chart figcaption")!.TextContent);
    }

    [Fact]
    public async Task One_bar_is_enough_for_a_chart()
    {
        var html = await Render(new BarChart.Bar("Active", 1));

        Assert.Null(html.QuerySelector(".bar-chart-empty"));
        Assert.Equal([220], Widths(html));
    }

    [Fact]
    public async Task Labels_are_text_not_markup()
    {
        var html = await Render(new BarChart.Bar("<b>Fabrikam</b> & Co", 3));

        Assert.Null(html.QuerySelector("svg b"));
        Assert.Equal("<b>Fabrikam</b> & Co", html.QuerySelector("svg text")!.TextContent);
    }
}
