using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

public class SandboxAndSubscriptionRouteTests(PortalFactory factory)
{
    [Fact]
    public async Task A_sandbox_partner_creates_a_customer_that_the_customer_routes_then_show()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key(PortalRoles.SalesAgent));
        var domain = $"new{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";

        using var created = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "Sandbox Co", domain, segment = "Commercial", relationship = "active" });

        var customer = await created.JsonAsync(HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/customers/{id}", created.Headers.Location!.ToString());
        Assert.Equal("Sandbox Co", customer.GetProperty("companyProfile").GetProperty("companyName").GetString());
        using var read = await client.GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(domain, (await read.JsonAsync(HttpStatusCode.OK)).GetProperty("companyProfile").GetProperty("domain").GetString());
    }

    [Fact]
    public async Task A_production_partner_gets_404_from_every_sandbox_route()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: false);
        using var client = factory.ApiClient(partner.Key(PortalRoles.GlobalAdmin));

        using var customer = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "X", domain = "x.onmicrosoft.com" });
        using var subscription = await client.PostJsonAsync($"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions", new { offerId = DemoCatalog.Office365E3.Id, quantity = 1 });

        await customer.ProblemAsync(HttpStatusCode.NotFound);
        await subscription.ProblemAsync(HttpStatusCode.NotFound);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.Customers.AnyAsync(c => c.PartnerTenantId == partner.TenantId && c.Domain == "x.onmicrosoft.com"));
    }

    [Fact]
    public async Task Invalid_customer_fields_are_all_named_and_nothing_is_stored()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.PostJsonAsync("/api/v1/sandbox/customers", new { name = "", domain = "not a domain", segment = "Enterprise", relationship = "maybe" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("name"));
        Assert.NotEmpty(problem.ErrorsFor("domain"));
        Assert.Contains("Commercial, Education, Government, Nonprofit", Assert.Single(problem.ErrorsFor("segment")), StringComparison.Ordinal);
        Assert.NotEmpty(problem.ErrorsFor("relationship"));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Customers.CountAsync(c => c.PartnerTenantId == partner.TenantId));
    }

    [Theory]
    [InlineData("segment", "1")]
    [InlineData("segment", "Enterprise")]
    public async Task Unknown_enum_values_and_numbers_for_enums_are_refused(string field, string value)
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.PostJsonAsync("/api/v1/sandbox/customers", new Dictionary<string, string> { ["name"] = "Enum Co", ["domain"] = "enum.onmicrosoft.com", [field] = value });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(value, Assert.Single(problem.ErrorsFor(field)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"Broken\",", "not valid JSON")]
    [InlineData("[1, 2]", "wrong type")]
    [InlineData("{\"name\": 42, \"domain\": \"a.b\"}", "'name'")]
    [InlineData("null", "empty or null")]
    public async Task Bad_json_answers_a_400_problem_saying_what_is_wrong(string json, string expected)
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/sandbox/customers", json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());
        using var content = new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync(new Uri("/api/v1/sandbox/customers", UriKind.Relative), content);

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_legacy_subscription_gets_a_full_term_from_its_purchase_and_partner_centers_fields()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        using var created = await client.PostJsonAsync($"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions", new
        {
            offerId = DemoCatalog.Office365E3.Id,
            quantity = 25,
            termDuration = "P1Y",
            billingCycle = "Monthly",
            purchaseDate = "2026-01-15T10:00:00Z",
        });

        var subscription = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(DemoCatalog.Office365E3.Id.ToString(), subscription.GetProperty("offerId").GetString());
        Assert.Equal("Office 365 E3", subscription.GetProperty("offerName").GetString());
        Assert.Equal(25, subscription.GetProperty("quantity").GetInt32());
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal("P1Y", subscription.GetProperty("termDuration").GetString());
        Assert.Equal("monthly", subscription.GetProperty("billingCycle").GetString());
        Assert.Equal("2026-01-15T10:00:00Z", subscription.GetProperty("creationDate").GetString());
        Assert.Equal("2027-01-14T23:59:59Z", subscription.GetProperty("commitmentEndDate").GetString());
        Assert.True(subscription.GetProperty("autoRenewEnabled").GetBoolean());
        Assert.False(subscription.GetProperty("isTrial").GetBoolean());
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("cancellationAllowedUntilDate").ValueKind);

        using var read = await client.GetAsync(created.Headers.Location!.ToString());
        Assert.Equal(subscription.ToString(), (await read.JsonAsync(HttpStatusCode.OK)).ToString());
    }

    [Fact]
    public async Task An_add_on_names_its_base_and_co_terms_with_it()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());
        var path = $"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions";
        using var baseResponse = await client.PostJsonAsync(path, new { offerId = DemoCatalog.Office365E3.Id, quantity = 10, commitmentEndDate = "2027-03-31" });
        var baseSubscription = await baseResponse.JsonAsync(HttpStatusCode.Created);

        using var addOnResponse = await client.PostJsonAsync(path, new { offerId = DemoCatalog.AudioConferencing.Id, quantity = 5, parentSubscriptionId = baseSubscription.GetProperty("id").GetGuid() });
        using var orphan = await client.PostJsonAsync(path, new { offerId = DemoCatalog.AudioConferencing.Id, quantity = 5 });
        using var baseWithParent = await client.PostJsonAsync(path, new { offerId = DemoCatalog.Office365E3.Id, quantity = 5, parentSubscriptionId = baseSubscription.GetProperty("id").GetGuid() });

        var addOn = await addOnResponse.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(baseSubscription.GetProperty("id").GetGuid(), addOn.GetProperty("parentSubscriptionId").GetGuid());
        Assert.Equal("2027-03-31T23:59:59Z", addOn.GetProperty("commitmentEndDate").GetString());
        Assert.NotEmpty((await orphan.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("parentSubscriptionId"));
        Assert.NotEmpty((await baseWithParent.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("parentSubscriptionId"));
        using var list = await client.GetAsync($"/api/v1/customers/{partner.CustomerId}/subscriptions");
        var ids = (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([baseSubscription.GetProperty("id").GetGuid(), addOn.GetProperty("id").GetGuid()], ids);
    }

    [Fact]
    public async Task Invalid_subscription_fields_are_all_named()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.PostJsonAsync($"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions", new
        {
            offerId = Guid.NewGuid(),
            quantity = 0,
            termDuration = "P2Y",
            billingCycle = "Weekly",
            purchaseDate = "yesterday",
            commitmentEndDate = "someday",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "offerId", "quantity", "termDuration", "billingCycle", "purchaseDate", "commitmentEndDate" })
        {
            Assert.True(problem.ErrorsFor(field).Count > 0, $"no error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task A_subscription_for_another_partners_customer_answers_404()
    {
        var mine = await factory.CreateApiPartnerAsync(sandbox: true);
        var theirs = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(mine.Key());

        using var response = await client.PostJsonAsync($"/api/v1/sandbox/customers/{theirs.CustomerId}/subscriptions", new { offerId = DemoCatalog.Office365E3.Id, quantity = 1 });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_commerce_subscription_shows_its_catalog_item_origin_and_cancellation_window()
    {
        var partner = await factory.CreateApiPartnerAsync();
        var created = new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);
        var legacy = LegacySubscription.Create(Guid.NewGuid(), partner.CustomerId, DemoCatalog.Office365E3.Id, "Office 365 E3", 12, TermDuration.P1Y, BillingCycle.Annual, created.AddYears(-1), created, created.AddYears(-1), "1");
        var legacyId = legacy.Id;
        var nce = NceSubscription.Create(Guid.NewGuid(), partner.CustomerId, "CFQ7TTC0LF8R:0001:0001", "Office 365 E3", 12, TermDuration.P1Y, BillingCycle.Annual, created, TermDates.EndInstant(new DateOnly(2027, 11, 1)), created, legacyId);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.LegacySubscriptions.Add(legacy);
            db.NceSubscriptions.Add(nce);
            await db.SaveChangesAsync();
        }

        using var client = factory.ApiClient(partner.Key(PortalRoles.HelpdeskAgent));
        using var response = await client.GetAsync($"/api/v1/customers/{partner.CustomerId}/subscriptions/{nce.Id}");
        using var foreign = await factory.ApiClient((await factory.CreateApiPartnerAsync()).Key()).GetAsync($"/api/v1/customers/{partner.CustomerId}/subscriptions/{nce.Id}");

        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("CFQ7TTC0LF8R:0001:0001", body.GetProperty("offerId").GetString());
        Assert.Equal("Office 365 E3", body.GetProperty("offerName").GetString());
        Assert.Equal(legacyId, body.GetProperty("migratedFromSubscriptionId").GetGuid());
        Assert.Equal("2026-11-09T08:30:00Z", body.GetProperty("cancellationAllowedUntilDate").GetString());
        Assert.Equal("2027-11-01T23:59:59Z", body.GetProperty("commitmentEndDate").GetString());
        await foreign.ProblemAsync(HttpStatusCode.NotFound);
    }
}
