using Portal.Domain.Customers;

namespace Portal.Tests.Domain.Customers;

public class DomainNameTests
{
    [Theory]
    [InlineData("contoso.onmicrosoft.com")]
    [InlineData("a.co")]
    [InlineData("1contoso.com")]
    [InlineData("north-wind.example.org")]
    [InlineData("xn--bcher-kva.example")]
    public void A_domain_name_is_accepted(string domain) => Assert.Null(DomainName.Problem(domain));

    [Theory]
    [InlineData("", "Give the customer's domain name")]
    [InlineData("contoso", "at least two parts")]
    [InlineData("contoso..com", "empty part")]
    [InlineData(".contoso.com", "empty part")]
    [InlineData("contoso.com.", "empty part")]
    [InlineData("-contoso.com", "begin or end with a hyphen")]
    [InlineData("contoso-.com", "begin or end with a hyphen")]
    [InlineData("con toso.com", "only letters a-z, digits, hyphens and dots")]
    [InlineData("contoso.com/admin", "only letters a-z, digits, hyphens and dots")]
    [InlineData("contoso_ltd.com", "only letters a-z, digits, hyphens and dots")]
    [InlineData("bücher.example", "only letters a-z, digits, hyphens and dots")]
    [InlineData("10.0.0.1", "cannot be all digits")]
    public void Anything_else_is_refused_saying_why(string domain, string why) =>
        Assert.Contains(why, DomainName.Problem(domain), StringComparison.Ordinal);

    [Fact]
    public void A_part_has_at_most_63_characters_and_the_name_at_most_253()
    {
        Assert.Null(DomainName.Problem(new string('a', 63) + ".com"));
        Assert.Contains("at most 63", DomainName.Problem(new string('a', 64) + ".com"), StringComparison.Ordinal);

        var longest = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".a"; // 4 x 62 + 4 dots + 1 = 253
        Assert.Equal(253, longest.Length);
        Assert.Null(DomainName.Problem(longest));
        Assert.Contains("at most 253", DomainName.Problem("b" + longest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_is_stored_trimmed_and_in_lower_case() =>
        Assert.Equal("contoso.onmicrosoft.com", DomainName.Normalize("  Contoso.OnMicrosoft.com "));
}
