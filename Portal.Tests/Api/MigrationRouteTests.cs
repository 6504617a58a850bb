using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api;
using Portal.Demo;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

public class MigrationRouteTests(PortalFactory factory)
{
    /// <summary>A sandbox partner whose first customer has an Office 365 E3 (20 seats, bought 60 days ago) with no add-on.</summary>
    private async Task<(ApiPartner Partner, HttpClient Client, Guid SubscriptionId)> SubscriptionAsync(string role = PortalRoles.AdminAgent)
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        var client = factory.ApiClient(partner.Key(role));
        using var admin = factory.ApiClient(partner.Key());
        using var created = await admin.PostJsonAsync($"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions", new
        {
            offerId = DemoCatalog.Office365E3.Id,
            quantity = 20,
            purchaseDate = DateTimeOffset.UtcNow.AddDays(-60).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
        var subscription = await created.JsonAsync(HttpStatusCode.Created);
        return (partner, client, subscription.GetProperty("id").GetGuid());
    }

    private static string Base(ApiPartner partner) => $"/api/v1/customers/{partner.CustomerId}/migrations/newcommerce";

    [Fact]
    public async Task Validate_answers_eligibility_with_the_target_and_the_reasons_partner_center_gives()
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();

        using var eligible = await client.PostJsonAsync(Base(partner) + "/validate", new { currentSubscriptionId = subscriptionId, quantity = 25, termDuration = "P3Y", billingCycle = "Annual" });
        using var ineligible = await client.PostJsonAsync(Base(partner) + "/validate", new { currentSubscriptionId = subscriptionId, termDuration = "P1M", billingCycle = "Annual" });

        var yes = await eligible.JsonAsync(HttpStatusCode.OK);
        Assert.True(yes.GetProperty("isEligible").GetBoolean());
        Assert.Equal("CFQ7TTC0LF8R:0001:0001", yes.GetProperty("catalogItemId").GetString());
        Assert.Equal(25, yes.GetProperty("quantity").GetInt32());
        Assert.Equal("P3Y", yes.GetProperty("termDuration").GetString());
        Assert.Equal(0, yes.GetProperty("errors").GetArrayLength());
        var no = await ineligible.JsonAsync(HttpStatusCode.OK);
        Assert.False(no.GetProperty("isEligible").GetBoolean());
        var error = Assert.Single(no.GetProperty("errors").EnumerateArray());
        Assert.Equal(6, error.GetProperty("code").GetInt32());
        Assert.Equal("TermDurationBillingCycleCombinationNotSupported", error.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Create_starts_a_migration_get_list_and_events_show_it_and_a_repeated_request_id_answers_the_same_one()
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync(PortalRoles.SalesAgent);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base(partner), UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { currentSubscriptionId = subscriptionId, quantity = 22, externalReferenceId = "batch-7" }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("MS-RequestId", "req-1");
        using var created = await client.SendAsync(request);
        var migration = await created.JsonAsync(HttpStatusCode.Created);
        var id = migration.GetProperty("id").GetGuid();
        using var again = await client.SendJsonWithHeaderAsync(Base(partner), new { currentSubscriptionId = subscriptionId, quantity = 22 }, "MS-RequestId", "req-1");

        Assert.Equal("Processing", migration.GetProperty("status").GetString());
        Assert.Equal(subscriptionId, migration.GetProperty("currentSubscriptionId").GetGuid());
        Assert.Equal(partner.CustomerId, migration.GetProperty("customerTenantId").GetGuid());
        Assert.Equal(22, migration.GetProperty("quantity").GetInt32());
        Assert.Equal("batch-7", migration.GetProperty("externalReferenceId").GetString());
        Assert.Equal(id, (await again.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());

        using var read = await client.GetAsync($"{Base(partner)}/{id}");
        Assert.Equal(id, (await read.JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetGuid());
        using var byReference = await client.GetAsync("/api/v1/migrations/newcommerce?ExternalReferenceId=batch-7");
        Assert.Equal(id, Assert.Single((await byReference.JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        using var bySubscription = await client.GetAsync($"/api/v1/migrations/newcommerce?CurrentSubscriptionId={subscriptionId}&IsMicrosoftLed=false");
        Assert.Equal(1, (await bySubscription.JsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());
        using var events = await client.GetAsync($"{Base(partner)}/events?migration_id={id}&current_subscription_id={subscriptionId}");
        var started = Assert.Single((await events.JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal("MigrationStarted", started.GetProperty("eventName").GetString());
        Assert.Equal(id, started.GetProperty("newCommerceMigrationId").GetGuid());

        // The subscription is now in flight: a second migration is refused with Partner Center's reason 1.
        using var second = await client.PostJsonAsync(Base(partner), new { currentSubscriptionId = subscriptionId });
        var problem = await second.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").ValueKind == JsonValueKind.Number && e.GetProperty("code").GetInt32() == 1);
    }

    [Fact]
    public async Task An_ineligible_create_answers_400_with_the_eligibility_errors_and_creates_nothing()
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();

        using var response = await client.PostJsonAsync(Base(partner), new { currentSubscriptionId = subscriptionId, termDuration = "P1M", billingCycle = "Triennial" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(6, error.GetProperty("code").GetInt32());
        using var list = await client.GetAsync($"/api/v1/migrations/newcommerce?CustomerTenantId={partner.CustomerId}");
        Assert.Equal(0, (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("{\"termDuration\":\"P1Y\"}", "currentSubscriptionId")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"termDuration\":\"P2Y\"}", "termDuration")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"billingCycle\":\"Weekly\"}", "billingCycle")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"billingCycle\":\"2\"}", "billingCycle")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"quantity\":-1}", "quantity")]
    [InlineData("{\"currentSubscriptionId\": \"not-a-guid\"}", "currentSubscriptionId")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"customTermEndDate\":\"soon\"}", "customTermEndDate")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"addOnMigrations\":[{\"currentSubscriptionId\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":2}]}", "addOnMigrations[0].currentSubscriptionId")]
    public async Task Validate_and_create_name_the_field_at_fault(string json, string field)
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();
        json = json.Replace("SUB", subscriptionId.ToString(), StringComparison.Ordinal);

        foreach (var path in new[] { Base(partner) + "/validate", Base(partner) })
        {
            using var response = await client.SendJsonAsync(HttpMethod.Post, path, json);
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.ErrorsFor(field));
        }
    }

    [Theory]
    [InlineData("{\"currentSubscriptionId\": ")]
    [InlineData("{\"currentSubscriptionId\": \"SUB\", \"quantity\": \"many\"}")]
    public async Task Bad_json_answers_a_400_problem(string json)
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();

        using var response = await client.SendJsonAsync(HttpMethod.Post, Base(partner), json.Replace("SUB", subscriptionId.ToString(), StringComparison.Ordinal));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The request body cannot be read", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_helpdesk_key_reads_but_cannot_validate_or_migrate()
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync(PortalRoles.HelpdeskAgent);

        using var validate = await client.PostJsonAsync(Base(partner) + "/validate", new { currentSubscriptionId = subscriptionId });
        using var create = await client.PostJsonAsync(Base(partner), new { currentSubscriptionId = subscriptionId });
        using var list = await client.GetAsync($"/api/v1/migrations/newcommerce?CustomerTenantId={partner.CustomerId}");

        await validate.ProblemAsync(HttpStatusCode.Forbidden);
        await create.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Another_partners_customer_subscription_and_migration_answer_404()
    {
        var (theirs, theirClient, theirSubscription) = await SubscriptionAsync();
        using var created = await theirClient.PostJsonAsync(Base(theirs), new { currentSubscriptionId = theirSubscription });
        var theirMigration = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (mine, client, mySubscription) = await SubscriptionAsync();

        using var validateTheirs = await client.PostJsonAsync(Base(theirs) + "/validate", new { currentSubscriptionId = theirSubscription });
        using var theirSubscriptionOnMine = await client.PostJsonAsync(Base(mine) + "/validate", new { currentSubscriptionId = theirSubscription });
        using var getTheirs = await client.GetAsync($"{Base(theirs)}/{theirMigration}");
        using var getViaMine = await client.GetAsync($"{Base(mine)}/{theirMigration}");
        using var eventsTheirs = await client.GetAsync($"{Base(theirs)}/events");
        using var listTheirs = await client.GetAsync($"/api/v1/migrations/newcommerce?CustomerTenantId={theirs.CustomerId}");

        await validateTheirs.ProblemAsync(HttpStatusCode.NotFound);
        await theirSubscriptionOnMine.ProblemAsync(HttpStatusCode.NotFound);
        await getTheirs.ProblemAsync(HttpStatusCode.NotFound);
        await getViaMine.ProblemAsync(HttpStatusCode.NotFound);
        await eventsTheirs.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await listTheirs.JsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());
        Assert.NotEqual(Guid.Empty, mySubscription);
    }

    [Theory]
    [InlineData("", "CustomerTenantId")]
    [InlineData("?CustomerTenantId=abc", "CustomerTenantId")]
    [InlineData("?ExternalReferenceId=x&IsMicrosoftLed=maybe", "IsMicrosoftLed")]
    [InlineData("?ExternalReferenceId=x&PageSize=301", "PageSize")]
    public async Task Listing_migrations_needs_one_id_and_valid_parameters(string query, string field)
    {
        var partner = await factory.CreateApiPartnerAsync();
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.GetAsync("/api/v1/migrations/newcommerce" + query);

        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
    }

    [Fact]
    public async Task Creating_more_than_partner_centers_limit_in_five_minutes_answers_429_with_retry_after()
    {
        var limits = factory.Services.GetRequiredService<ApiRateLimitOptions>();
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        // Refused creates count too: the limit is on calls, as Partner Center's is.
        var statuses = await RateLimitAssertions.SendAsync(limits.Create.Permits, () => client.PostJsonAsync(Base(partner), new { termDuration = "P1Y" }));
        using var over = await client.PostJsonAsync(Base(partner), new { termDuration = "P1Y" });
        using var validate = await client.PostJsonAsync(Base(partner) + "/validate", new { termDuration = "P1Y" });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        await RateLimitAssertions.AssertLimitedAsync(over, limits.Create.Window);
        Assert.Equal(HttpStatusCode.BadRequest, validate.StatusCode); // validate has its own budget
    }
}
