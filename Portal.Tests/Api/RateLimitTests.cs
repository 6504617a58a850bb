using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

public class RateLimitTests(PortalFactory factory)
{
    [Fact]
    public async Task A_partner_over_its_per_minute_limit_gets_429_with_retry_after_and_other_partners_do_not()
    {
        var limits = factory.Services.GetRequiredService<ApiRateLimitOptions>();
        var busy = await factory.CreateApiPartnerAsync(customers: 1);
        var quiet = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(busy.Key());

        var statuses = await RateLimitAssertions.SendAsync(limits.PerPartner.Permits, () => client.GetAsync($"/api/v1/customers/{busy.CustomerId}"));
        using var over = await client.GetAsync($"/api/v1/customers/{busy.CustomerId}");
        using var other = await factory.ApiClient(quiet.Key()).GetAsync($"/api/v1/customers/{quiet.CustomerId}");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await RateLimitAssertions.AssertLimitedAsync(over, limits.PerPartner.Window);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

public static class RateLimitAssertions
{
    /// <summary>Sends <paramref name="count"/> requests, 25 at a time, and returns their statuses.</summary>
    public static async Task<IReadOnlyList<HttpStatusCode>> SendAsync(int count, Func<Task<HttpResponseMessage>> send)
    {
        var statuses = new List<HttpStatusCode>();
        for (var sent = 0; sent < count; sent += 25)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(25, count - sent)).Select(_ => send()));
            statuses.AddRange(batch.Select(r => r.StatusCode));
            foreach (var response in batch)
            {
                response.Dispose();
            }
        }

        return statuses;
    }

    public static async Task AssertLimitedAsync(HttpResponseMessage response, TimeSpan window)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
        Assert.Contains("try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
