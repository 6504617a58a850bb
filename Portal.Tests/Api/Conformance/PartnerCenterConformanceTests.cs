using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;

namespace Portal.Tests.Api.Conformance;

/// <summary>
/// The API as a Partner Center client meets it: requests in the shapes such clients send (a tool's whole record in
/// PascalCase with defaults for what it leaves unspecified; the SDK's camelCase without nulls, with read-only fields),
/// at Partner Center's base path, and the answers read back into Partner Center's resource shapes.
/// </summary>
public class PartnerCenterConformanceTests(PortalFactory factory)
{
    private const string PartnerCenterBase = "/v1";

    /// <summary>A sandbox customer with an Office 365 E3 (20 seats, P1Y billed monthly, bought 60 days ago) and its Audio Conferencing add-on (5 seats).</summary>
    private async Task<(ApiPartner Partner, HttpClient Client, Guid BaseId, Guid AddOnId)> BundleAsync()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        var client = factory.ApiClient(partner.Key());
        var bought = DateTimeOffset.UtcNow.AddDays(-60).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var path = $"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions";
        using var created = await client.PostJsonAsync(path, new { offerId = DemoCatalog.Office365E3.Id, quantity = 20, termDuration = "P1Y", billingCycle = "Monthly", purchaseDate = bought });
        var baseId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var addOn = await client.PostJsonAsync(path, new { offerId = DemoCatalog.AudioConferencing.Id, quantity = 5, purchaseDate = bought, parentSubscriptionId = baseId });
        return (partner, client, baseId, (await addOn.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
    }

    private static string Migrations(string basePath, ApiPartner partner) => $"{basePath}/customers/{partner.CustomerId}/migrations/newcommerce";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, JsonSerializerOptions options) =>
        client.SendJsonAsync(method, path, JsonSerializer.Serialize(body, body.GetType(), options));

    [Theory]
    [InlineData(PartnerCenterBase)]
    [InlineData(ApiRegistration.Prefix)]
    public async Task A_whole_migration_record_with_defaults_validates_and_carries_the_legacy_values_over(string basePath)
    {
        var (partner, client, baseId, addOnId) = await BundleAsync();
        var record = new PcMigrationRecord { CurrentSubscriptionId = baseId.ToString() };

        using var response = await SendAsync(client, HttpMethod.Post, Migrations(basePath, partner) + "/validate", record, PartnerCenterJson.PascalCase);

        var eligibility = await response.ReadAsPartnerCenterAsync<PcEligibility>(HttpStatusCode.OK);
        Assert.True(eligibility.IsEligible, string.Join(" ", eligibility.Errors.Select(e => e.Description)));
        Assert.Equal(baseId, Guid.Parse(eligibility.CurrentSubscriptionId));
        Assert.Equal(("P1Y", "monthly"), (eligibility.TermDuration, eligibility.BillingCycle.ToLowerInvariant()));
        Assert.Equal("CFQ7TTC0LF8R:0001:0001", eligibility.CatalogItemId);
        Assert.Empty(eligibility.Errors);
        var addOn = Assert.Single(eligibility.AddOnMigrations);
        Assert.Equal(addOnId, Guid.Parse(addOn.CurrentSubscriptionId));
        Assert.True(addOn.IsEligible);
    }

    [Fact]
    public async Task Zero_empty_and_false_mean_not_specified_while_a_value_given_and_wrong_is_still_refused_by_name()
    {
        var (partner, client, baseId, _) = await BundleAsync();
        var validate = Migrations(PartnerCenterBase, partner) + "/validate";
        var id = baseId.ToString();

        async Task<JsonElement> OkAsync(PcMigrationRecord record)
        {
            using var response = await SendAsync(client, HttpMethod.Post, validate, record, PartnerCenterJson.PascalCase);
            return await response.JsonAsync(HttpStatusCode.OK);
        }

        async Task<PcError> RefusedAsync(PcMigrationRecord record, string field)
        {
            using var response = await SendAsync(client, HttpMethod.Post, validate, record, PartnerCenterJson.PascalCase);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.NotEmpty(JsonDocument.Parse(text).RootElement.ErrorsFor(field));
            return JsonSerializer.Deserialize<PcError>(text, PartnerCenterJson.Strict)!;
        }

        Assert.Equal(20, (await OkAsync(new PcMigrationRecord { CurrentSubscriptionId = id, Quantity = 0 })).GetProperty("quantity").GetInt32());
        Assert.Equal(1, (await OkAsync(new PcMigrationRecord { CurrentSubscriptionId = id, Quantity = 1 })).GetProperty("quantity").GetInt32());
        Assert.Equal("P3Y", (await OkAsync(new PcMigrationRecord { CurrentSubscriptionId = id, TermDuration = "P3Y", BillingCycle = "annual" })).GetProperty("termDuration").GetString());
        Assert.Equal("P1Y", (await OkAsync(new PcMigrationRecord { CurrentSubscriptionId = id, TermDuration = " " })).GetProperty("termDuration").GetString());

        var quantity = await RefusedAsync(new PcMigrationRecord { CurrentSubscriptionId = id, Quantity = -1 }, "quantity");
        Assert.Equal(400, quantity.Code);
        Assert.Contains("from 1 to 100000", quantity.Description, StringComparison.Ordinal);
        Assert.Contains("'P2Y' is not a term duration", (await RefusedAsync(new PcMigrationRecord { CurrentSubscriptionId = id, TermDuration = "P2Y" }, "termDuration")).Description, StringComparison.Ordinal);
        await RefusedAsync(new PcMigrationRecord { CurrentSubscriptionId = id, BillingCycle = "Weekly" }, "billingCycle");
        await RefusedAsync(new PcMigrationRecord { CurrentSubscriptionId = "" }, "currentSubscriptionId");
        await RefusedAsync(new PcMigrationRecord { CurrentSubscriptionId = "E3-subscription" }, "currentSubscriptionId");
        await RefusedAsync(new PcMigrationRecord { CurrentSubscriptionId = id, AddOnMigrations = [new PcMigrationRecord { CurrentSubscriptionId = Guid.NewGuid().ToString() }] }, "addOnMigrations[0].currentSubscriptionId");
    }

    [Fact]
    public async Task A_migration_created_from_a_whole_record_reads_back_as_partner_centers_migration_with_its_add_ons()
    {
        var (partner, client, baseId, addOnId) = await BundleAsync();
        var record = new PcMigrationRecord
        {
            CurrentSubscriptionId = baseId.ToString(),
            ExternalReferenceId = "bam-batch-1",
            AddOnMigrations = [new PcMigrationRecord { CurrentSubscriptionId = addOnId.ToString() }],
        };

        using var created = await SendAsync(client, HttpMethod.Post, Migrations(PartnerCenterBase, partner), record, PartnerCenterJson.PascalCase);
        var migration = await created.ReadAsPartnerCenterAsync<PcMigration>(HttpStatusCode.Created);
        using var read = await client.GetAsync($"{Migrations(PartnerCenterBase, partner)}/{migration.Id}");
        var again = await read.ReadAsPartnerCenterAsync<PcMigration>(HttpStatusCode.OK);

        Assert.Equal((baseId, partner.CustomerId), (Guid.Parse(migration.CurrentSubscriptionId), Guid.Parse(migration.CustomerTenantId)));
        Assert.Equal((20, "P1Y", "Monthly", false), (migration.Quantity, migration.TermDuration, migration.BillingCycle, migration.PurchaseFullTerm));
        Assert.Equal("bam-batch-1", migration.ExternalReferenceId);
        Assert.Null(migration.ErrorCode);
        var addOn = Assert.Single(migration.AddOnMigrations);
        Assert.Equal((addOnId, 5), (Guid.Parse(addOn.CurrentSubscriptionId), addOn.Quantity));
        Assert.Equal((migration.Id, migration.Status, migration.AddOnMigrations.Count), (again.Id, again.Status, again.AddOnMigrations.Count));
    }

    [Fact]
    public async Task An_ineligible_create_answers_partner_centers_error_with_the_reason_number_and_the_errors_list()
    {
        var (partner, client, baseId, _) = await BundleAsync();
        var record = new PcMigrationRecord { CurrentSubscriptionId = baseId.ToString(), TermDuration = "P1M", BillingCycle = "Annual" };

        using var response = await SendAsync(client, HttpMethod.Post, Migrations(PartnerCenterBase, partner), record, PartnerCenterJson.PascalCase);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonSerializer.Deserialize<PcError>(text, PartnerCenterJson.Strict)!;
        Assert.Equal(6, error.Code);
        Assert.Contains("not eligible", error.Description, StringComparison.Ordinal);
        var reasons = JsonDocument.Parse(text).RootElement.GetProperty("errors").Deserialize<List<PcEligibilityError>>(PartnerCenterJson.Strict)!;
        Assert.Contains(reasons, r => r.Code == 6);
    }

    [Fact]
    public async Task A_schedule_made_in_the_sdks_shape_is_updated_from_a_whole_record_listed_as_an_array_and_cancelled_without_a_body()
    {
        var (partner, client, baseId, addOnId) = await BundleAsync();
        var schedules = $"{PartnerCenterBase}/customers/{partner.CustomerId}/migrations/newcommerce/schedules";
        var target = DateTime.UtcNow.Date.AddDays(10);
        var sdkRequest = new
        {
            id = "",
            status = "",
            customerTenantId = "",
            currentSubscriptionId = baseId.ToString(),
            targetDate = target,
            quantity = (int?)null,
            purchaseFullTerm = false,
            externalReferenceId = "sdk-schedules",
            attributes = new { objectType = "NewCommerceMigrationSchedule" },
            addOnMigrationSchedules = new[] { new { currentSubscriptionId = addOnId.ToString(), quantity = 0, termDuration = "" } },
        };

        using var created = await SendAsync(client, HttpMethod.Post, schedules, sdkRequest, PartnerCenterJson.SdkRequest);
        var schedule = await created.ReadAsPartnerCenterAsync<PcMigrationSchedule>(HttpStatusCode.Created);
        Assert.Equal((20, target, "Created"), (schedule.Quantity, schedule.TargetDate, schedule.Status));
        Assert.Equal((addOnId, 5), (Guid.Parse(Assert.Single(schedule.AddOnMigrationSchedules).CurrentSubscriptionId), schedule.AddOnMigrationSchedules[0].Quantity));

        var update = new PcScheduleRecord { Id = schedule.Id, CurrentSubscriptionId = baseId.ToString(), Quantity = 18, TargetDate = target.AddDays(2), CreatedTime = DateTimeOffset.MinValue };
        using var updated = await SendAsync(client, HttpMethod.Put, $"{schedules}/{schedule.Id}", update, PartnerCenterJson.PascalCase);
        var changed = await updated.ReadAsPartnerCenterAsync<PcMigrationSchedule>(HttpStatusCode.OK);
        Assert.Equal((schedule.Id, 18, target.AddDays(2)), (changed.Id, changed.Quantity, changed.TargetDate));

        using var byCustomer = await client.GetAsync($"{PartnerCenterBase}/migrations/newcommerce/schedules/?CustomerTenantId={partner.CustomerId}");
        using var bySubscription = await client.GetAsync($"{PartnerCenterBase}/migrations/newcommerce/schedules?CurrentSubscriptionId={baseId}");
        Assert.Equal(schedule.Id, Assert.Single(await byCustomer.ReadAsPartnerCenterAsync<List<PcMigrationSchedule>>(HttpStatusCode.OK)).Id);
        Assert.Equal(18, Assert.Single(await bySubscription.ReadAsPartnerCenterAsync<List<PcMigrationSchedule>>(HttpStatusCode.OK)).Quantity);

        using var cancelled = await client.PostAsync(new Uri($"{schedules}/{schedule.Id}/cancel", UriKind.Relative), content: null);
        Assert.Equal("Cancelled", (await cancelled.ReadAsPartnerCenterAsync<PcMigrationSchedule>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task Subscriptions_read_as_partner_centers_legacy_ones_by_a_guid_offer_and_new_commerce_ones_by_product_type_and_catalog_item()
    {
        var (partner, client, baseId, addOnId) = await BundleAsync();
        var created = DateTimeOffset.UtcNow.AddDays(-3);
        var nce = NceSubscription.Create(Guid.NewGuid(), partner.CustomerId, "CFQ7TTC0LH18:0001:CFQ7TTC0K5DM", "Microsoft 365 Business Basic", 7, TermDuration.P1Y, BillingCycle.Annual, created, TermDates.EndInstant(TermDates.UtcDate(created).AddYears(1).AddDays(-1)), created, baseId);
        string mpnId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.NceSubscriptions.Add(nce);
            await db.SaveChangesAsync();
            mpnId = await db.Partners.Where(p => p.TenantId == partner.TenantId).Select(p => p.MpnId).SingleAsync();
        }

        using var response = await client.GetAsync($"{PartnerCenterBase}/customers/{partner.CustomerId}/subscriptions");
        var text = await response.Content.ReadAsStringAsync();
        var all = JsonSerializer.Deserialize<PcResourceList<PcSubscription>>(text, PartnerCenterJson.Strict)!;

        var legacy = all.Items.Where(s => Guid.TryParse(s.OfferId, out _)).ToList();
        var newCommerce = all.Items.Where(s => s.ProductType.DisplayName == "OnlineServicesNCE" && s.OfferId.Contains(':', StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { baseId, addOnId }.Order(), legacy.Select(s => Guid.Parse(s.Id)).Order());
        var bundleBase = legacy.Single(s => Guid.Parse(s.Id) == baseId);
        Assert.Equal(("OnlineServices", "OnlineServices"), (bundleBase.ProductType.Id, bundleBase.ProductType.DisplayName));
        Assert.Equal((PcSubscriptionStatus.Active, PcBillingCycle.Monthly, "P1Y", mpnId), (bundleBase.Status, bundleBase.BillingCycle, bundleBase.TermDuration, bundleBase.PartnerId));
        Assert.True(bundleBase.EffectiveStartDate <= DateTime.UtcNow.AddDays(-59) && bundleBase.CommitmentEndDate > DateTime.UtcNow);
        Assert.Equal("Subscription", bundleBase.Attributes.ObjectType);
        var addOn = legacy.Single(s => Guid.Parse(s.Id) == addOnId);
        Assert.Equal(baseId, Guid.Parse(addOn.ParentSubscriptionId!));
        Assert.Equal(bundleBase.Links.Self.Uri, addOn.Links.ParentSubscription?.Uri);

        var moved = Assert.Single(newCommerce);
        Assert.Equal((nce.Id, 3, "OnlineServices"), (Guid.Parse(moved.Id), moved.OfferId.Split(':').Length, moved.ProductType.Id));
        Assert.Equal((PcBillingCycle.Annual, baseId.ToString()), (moved.BillingCycle, moved.MigratedFromSubscriptionId));
        Assert.Equal(TermDates.UtcDate(created).ToDateTime(TimeOnly.MinValue), moved.EffectiveStartDate.Date);

        // Partner Center's casing on the wire, and a self link a client can follow from its base address.
        using var document = JsonDocument.Parse(text);
        Assert.All(document.RootElement.GetProperty("items").EnumerateArray(), s =>
        {
            Assert.Equal("active", s.GetProperty("status").GetString());
            Assert.Equal(s.GetProperty("billingCycle").GetString()!.ToLowerInvariant(), s.GetProperty("billingCycle").GetString());
        });
        using var self = await client.GetAsync(PartnerCenterBase + moved.Links.Self.Uri);
        Assert.Equal(nce.Id, Guid.Parse((await self.ReadAsPartnerCenterAsync<PcSubscription>(HttpStatusCode.OK)).Id));
    }

    [Fact]
    public async Task Customers_read_as_partner_centers_collection_at_its_base_path_and_errors_there_carry_its_code_and_description()
    {
        var partner = await factory.CreateApiPartnerAsync(customers: 3);
        using var client = factory.ApiClient(partner.Key(PortalRoles.HelpdeskAgent));
        using var anonymous = factory.ApiClient(null);

        using var customers = await client.GetAsync($"{PartnerCenterBase}/customers?size=500");
        using var missing = await client.GetAsync($"{PartnerCenterBase}/customers/{Guid.NewGuid()}");
        using var unknown = await client.GetAsync($"{PartnerCenterBase}/no-such-route");
        using var unauthenticated = await anonymous.GetAsync($"{PartnerCenterBase}/customers");
        using var notAPartnerCenterPath = await client.GetAsync("/v2/customers");

        var collection = await customers.ReadAsPartnerCenterAsync<PcResourceList<PcCustomer>>(HttpStatusCode.OK);
        Assert.Equal(partner.Customers.Select(c => c.TenantId).Order(), collection.Items.Select(c => c.CompanyProfile.TenantId).Order());
        Assert.Equal(3, collection.TotalCount);
        Assert.Equal(404, (await missing.ReadAsPartnerCenterAsync<PcError>(HttpStatusCode.NotFound)).Code);
        Assert.Equal("No such API route.", (await unknown.ReadAsPartnerCenterAsync<PcError>(HttpStatusCode.NotFound)).Description);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.NotEqual("application/problem+json", notAPartnerCenterPath.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null, "/v1")]
    [InlineData("/v1/", "/v1")]
    [InlineData("/partnercenter/v1", "/partnercenter/v1")]
    [InlineData("", null)]
    [InlineData(" ", null)]
    public void The_partner_center_base_path_is_configurable_and_can_be_turned_off(string? setting, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ApiRegistration.PartnerCenterBasePathSetting] = setting }).Build();

        Assert.Equal(expected, ApiRegistration.BasePathOf(configuration)?.Value);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    [InlineData("/api/v1/customers")]
    [InlineData("/v1?x=1")]
    public void A_base_path_that_is_not_a_path_or_overlaps_the_api_is_refused_at_start_up(string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ApiRegistration.PartnerCenterBasePathSetting] = setting }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => ApiRegistration.BasePathOf(configuration));
        Assert.Contains(ApiRegistration.PartnerCenterBasePathSetting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_shows_partner_centers_shapes()
    {
        using var client = factory.ApiClient(null);
        using var response = await client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var subscription = schemas.GetProperty("SubscriptionResource").GetProperty("properties");
        foreach (var field in new[] { "offerId", "productType", "effectiveStartDate", "creationDate", "commitmentEndDate", "partnerId", "status", "billingCycle", "links", "attributes" })
        {
            Assert.True(subscription.TryGetProperty(field, out _), $"SubscriptionResource has no {field}");
        }

        var code = schemas.GetProperty("EligibilityError").GetProperty("properties").GetProperty("code");
        Assert.Contains("integer", code.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("null", code.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.True(schemas.GetProperty("ValidationResource").GetProperty("properties").TryGetProperty("addOnMigrations", out _));
        Assert.True(schemas.GetProperty("MigrationResource").GetProperty("properties").TryGetProperty("addOnMigrations", out _));
        Assert.Contains("/v1/", document.RootElement.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
