using System.Net;
using Portal.Accounts;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

public class CustomerAndCatalogRouteTests(PortalFactory factory)
{
    [Fact]
    public async Task Customers_lists_only_the_keys_partner_with_partner_centers_fields()
    {
        var mine = await factory.CreateApiPartnerAsync(customers: 2);
        var theirs = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(mine.Key(PortalRoles.HelpdeskAgent));

        using var response = await client.GetAsync("/api/v1/customers");

        var body = await response.JsonAsync(HttpStatusCode.OK);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, body.GetProperty("totalCount").GetInt32());
        Assert.Equal(mine.Partner.Customers.Select(c => c.TenantId).Order(), items.Select(i => i.GetProperty("id").GetGuid()).Order());
        var first = items.Single(i => i.GetProperty("id").GetGuid() == mine.CustomerId);
        Assert.Equal(mine.Partner.Customers[0].Domain, first.GetProperty("companyProfile").GetProperty("domain").GetString());
        Assert.Equal(mine.Partner.Customers[0].Name, first.GetProperty("companyProfile").GetProperty("companyName").GetString());
        Assert.Equal("reseller", first.GetProperty("relationshipToPartner").GetString());
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetGuid() == theirs.CustomerId);
    }

    [Fact]
    public async Task Customers_page_with_a_continuation_token_in_ms_continuationtoken()
    {
        var partner = await factory.CreateApiPartnerAsync(customers: 3);
        using var client = factory.ApiClient(partner.Key());

        using var first = await client.GetAsync("/api/v1/customers?size=2");
        var firstBody = await first.JsonAsync(HttpStatusCode.OK);
        var token = Assert.Single(first.Headers.GetValues("MS-ContinuationToken"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/customers?size=2", UriKind.Relative));
        request.Headers.Add("MS-ContinuationToken", token);
        using var second = await client.SendAsync(request);
        var secondBody = await second.JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, firstBody.GetProperty("items").GetArrayLength());
        Assert.Equal(1, secondBody.GetProperty("items").GetArrayLength());
        Assert.False(second.Headers.Contains("MS-ContinuationToken"));
        var all = firstBody.GetProperty("items").EnumerateArray().Concat(secondBody.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid());
        Assert.Equal(partner.Partner.Customers.Select(c => c.TenantId).Order(), all.Order());
    }

    [Theory]
    [InlineData("size=0", "size")]
    [InlineData("size=501", "size")]
    [InlineData("size=abc", "size")]
    public async Task A_page_size_out_of_range_is_a_validation_problem_naming_it(string query, string field)
    {
        var partner = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.GetAsync($"/api/v1/customers?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task A_continuation_token_this_api_did_not_give_is_refused()
    {
        var partner = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(partner.Key());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/customers", UriKind.Relative));
        request.Headers.Add("MS-ContinuationToken", "not-a-token!");

        using var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("MS-ContinuationToken"));
    }

    [Fact]
    public async Task Another_partners_customer_answers_404_exactly_like_a_missing_one()
    {
        var mine = await factory.CreateApiPartnerAsync(customers: 1);
        var theirs = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(mine.Key());

        using var own = await client.GetAsync($"/api/v1/customers/{mine.CustomerId}");
        using var foreign = await client.GetAsync($"/api/v1/customers/{theirs.CustomerId}");
        using var missing = await client.GetAsync($"/api/v1/customers/{Guid.NewGuid()}");
        using var foreignSubscriptions = await client.GetAsync($"/api/v1/customers/{theirs.CustomerId}/subscriptions");

        await own.JsonAsync(HttpStatusCode.OK);
        var foreignProblem = await foreign.ProblemAsync(HttpStatusCode.NotFound);
        var missingProblem = await missing.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("detail").GetString(), foreignProblem.GetProperty("detail").GetString());
        await foreignSubscriptions.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Offers_list_the_legacy_catalog_with_its_new_commerce_mapping()
    {
        var partner = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(partner.Key(PortalRoles.HelpdeskAgent));

        using var response = await client.GetAsync("/api/v1/offers");

        var offers = (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var entra = offers.Single(o => o.GetProperty("name").GetString() == "Microsoft Entra ID P1");
        Assert.Equal("CFQ7TTC0LFLS", entra.GetProperty("newCommerceProductId").GetString());
        Assert.Equal("0002", entra.GetProperty("newCommerceSkuId").GetString());
        Assert.True(entra.GetProperty("migrationEnabled").GetBoolean());
        var businessBasic = offers.Single(o => o.GetProperty("name").GetString() == "Microsoft 365 Business Basic");
        Assert.Equal(300, businessBasic.GetProperty("seatLimit").GetInt32());
        Assert.Equal("Commercial", businessBasic.GetProperty("segment").GetString());
        Assert.Contains(businessBasic.GetProperty("allowedTermBillingPairs").EnumerateArray(), p =>
            p.GetProperty("termDuration").GetString() == "P1Y" && p.GetProperty("billingCycle").GetString() == "Annual");
        var unmapped = offers.Single(o => o.GetProperty("name").GetString()!.StartsWith("Azure Information Protection Premium P1", StringComparison.Ordinal));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unmapped.GetProperty("newCommerceProductId").ValueKind);
        Assert.Contains(offers, o => o.GetProperty("isAddOn").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_api_path_answers_a_404_problem_not_the_portals_html_page()
    {
        var partner = await factory.CreateApiPartnerAsync(customers: 1);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.GetAsync("/api/v1/no-such-thing");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_routes_and_the_bearer_key()
    {
        using var client = factory.ApiClient(key: null);

        using var response = await client.GetAsync("/openapi/v1.json");

        var document = await response.JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/customers", out _));
        Assert.True(paths.TryGetProperty("/api/v1/customers/{customerId}/subscriptions/{subscriptionId}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/offers", out _));
        Assert.True(paths.TryGetProperty("/api/v1/sandbox/customers", out _));
        Assert.False(paths.TryGetProperty("/account/sign-out", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }
}
