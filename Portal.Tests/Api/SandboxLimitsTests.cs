using System.Net;
using Portal.Accounts;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

/// <summary>The sandbox clock's five-year horizon and sandbox customers' domain names, over the API.</summary>
public class SandboxLimitsTests(PortalFactory factory)
{
    [Fact]
    public async Task The_sandbox_clock_moves_up_to_five_years_ahead_and_a_move_past_that_answers_400_saying_so()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true, customers: 1);
        using var client = factory.ApiClient(partner.Key(PortalRoles.AdminAgent));

        using var tooFar = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "P1828D" });
        using var farTooFar = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "P30000Y" });
        using var setTooFar = await client.PostJsonAsync("/api/v1/sandbox/clock", new { now = DateTimeOffset.UtcNow.AddYears(6).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) });
        using var unchanged = await client.GetAsync("/api/v1/sandbox/clock");
        using var almost = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "P1825D" });
        using var past = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "P3D" });

        Assert.Contains("at most 5 years ahead of real time", Assert.Single((await tooFar.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("advanceBy")), StringComparison.Ordinal);
        Assert.Contains("is not an ISO 8601 duration", Assert.Single((await farTooFar.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("advanceBy")), StringComparison.Ordinal);
        Assert.Contains("at most 5 years ahead of real time", Assert.Single((await setTooFar.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("now")), StringComparison.Ordinal);
        var unchangedNow = (await unchanged.JsonAsync(HttpStatusCode.OK)).GetProperty("now").GetDateTime();
        Assert.InRange(unchangedNow, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        var moved = await almost.JsonAsync(HttpStatusCode.OK);
        Assert.InRange(System.Xml.XmlConvert.ToTimeSpan(moved.GetProperty("offset").GetString()!), TimeSpan.FromDays(1825) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(1825));
        Assert.Contains("at most 5 years ahead of real time", Assert.Single((await past.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("advanceBy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_customer_needs_a_domain_name_and_a_wrong_one_answers_400_saying_why()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true, customers: 1);
        using var client = factory.ApiClient(partner.Key(PortalRoles.AdminAgent));
        var tag = Guid.NewGuid().ToString("N")[..12];

        using var oneLabel = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "One label", domain = $"contoso{tag}" });
        using var hyphen = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Hyphen", domain = $"-{tag}.example.com" });
        using var address = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Address", domain = "10.1.2.3" });
        using var good = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Good", domain = $" North-Wind-{tag}.Example.com " });

        Assert.Contains("at least two parts", Assert.Single((await oneLabel.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("domain")), StringComparison.Ordinal);
        Assert.Contains("cannot begin or end with a hyphen", Assert.Single((await hyphen.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("domain")), StringComparison.Ordinal);
        Assert.Contains("cannot be all digits", Assert.Single((await address.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("domain")), StringComparison.Ordinal);
        var customer = await good.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"north-wind-{tag}.example.com", customer.GetProperty("companyProfile").GetProperty("domain").GetString());
    }
}
