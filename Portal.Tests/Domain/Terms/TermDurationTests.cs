using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Terms;

public class TermDurationTests
{
    [Theory]
    [InlineData(TermDuration.P1M, 1)]
    [InlineData(TermDuration.P1Y, 12)]
    [InlineData(TermDuration.P3Y, 36)]
    public void A_term_lasts_its_number_of_months(TermDuration term, int months)
    {
        Assert.Equal(months, term.Months());
    }

    [Fact]
    public void An_unknown_term_value_has_no_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((TermDuration)42).Months());
    }

    [Theory]
    [InlineData(TermDuration.P1M, "P1M")]
    [InlineData(TermDuration.P1Y, "P1Y")]
    [InlineData(TermDuration.P3Y, "P3Y")]
    public void A_term_is_written_in_iso_8601_as_partner_center_writes_it(TermDuration term, string iso)
    {
        Assert.Equal(iso, term.ToIso8601());
    }

    [Theory]
    [InlineData(TermDuration.P1M, "1 month")]
    [InlineData(TermDuration.P1Y, "1 year")]
    [InlineData(TermDuration.P3Y, "3 years")]
    public void A_term_is_described_in_words_for_people(TermDuration term, string words)
    {
        Assert.Equal(words, term.Describe());
    }

    [Theory]
    [InlineData("P1M", TermDuration.P1M)]
    [InlineData("P1Y", TermDuration.P1Y)]
    [InlineData("P3Y", TermDuration.P3Y)]
    [InlineData("P12M", TermDuration.P1Y)]
    [InlineData("P36M", TermDuration.P3Y)]
    [InlineData("p1m", TermDuration.P1M)]
    [InlineData("p1y", TermDuration.P1Y)]
    [InlineData("p3y", TermDuration.P3Y)]
    [InlineData("p12m", TermDuration.P1Y)]
    [InlineData("p36m", TermDuration.P3Y)]
    [InlineData(" P1Y ", TermDuration.P1Y)]
    public void A_term_written_in_iso_8601_is_understood(string text, TermDuration expected)
    {
        Assert.True(TermDurationExtensions.TryParseTermDuration(text, out var term));
        Assert.Equal(expected, term);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("P2Y")]
    [InlineData("P6M")]
    [InlineData("P1D")]
    [InlineData("P1W")]
    [InlineData("PT1M")]
    [InlineData("1Y")]
    [InlineData("P1")]
    [InlineData("P1Y1M")]
    [InlineData("Monthly")]
    [InlineData("Annual")]
    [InlineData("P 1 Y")]
    public void Anything_else_is_not_a_term(string? text)
    {
        Assert.False(TermDurationExtensions.TryParseTermDuration(text, out var term));
        Assert.Equal(default, term);
    }

    [Theory]
    [InlineData(TermDuration.P1M)]
    [InlineData(TermDuration.P1Y)]
    [InlineData(TermDuration.P3Y)]
    public void A_term_written_out_reads_back_as_the_same_term(TermDuration term)
    {
        Assert.True(TermDurationExtensions.TryParseTermDuration(term.ToIso8601(), out var parsed));
        Assert.Equal(term, parsed);
    }
}
