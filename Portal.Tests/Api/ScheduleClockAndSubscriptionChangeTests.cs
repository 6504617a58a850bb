using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;

namespace Portal.Tests.Api;

public class ScheduleClockAndSubscriptionChangeTests(PortalFactory factory)
{
    private async Task<(ApiPartner Partner, HttpClient Client, Guid SubscriptionId)> SubscriptionAsync(string role = PortalRoles.AdminAgent)
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        var client = factory.ApiClient(partner.Key(role));
        using var admin = factory.ApiClient(partner.Key());
        using var created = await admin.PostJsonAsync($"/api/v1/sandbox/customers/{partner.CustomerId}/subscriptions", new { offerId = DemoCatalog.Office365E3.Id, quantity = 20, commitmentEndDate = "2027-06-30" });
        return (partner, client, (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
    }

    private static string Schedules(ApiPartner partner) => $"/api/v1/customers/{partner.CustomerId}/migrations/newcommerce/schedules";

    [Fact]
    public async Task A_schedule_on_renewal_is_created_read_listed_updated_and_cancelled()
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();

        using var created = await client.PostJsonAsync(Schedules(partner), new { currentSubscriptionId = subscriptionId, migrateOnRenewal = true, termDuration = "P3Y", billingCycle = "Annual", externalReferenceId = "renewals" });
        var schedule = await created.JsonAsync(HttpStatusCode.Created);
        var id = schedule.GetProperty("id").GetGuid();
        Assert.Equal("Created", schedule.GetProperty("status").GetString());
        Assert.True(schedule.GetProperty("migrateOnRenewal").GetBoolean());
        Assert.Equal("P3Y", schedule.GetProperty("termDuration").GetString());
        Assert.Equal("2027-06-30T23:59:59Z", schedule.GetProperty("subscriptionEndDate").GetString());
        Assert.Equal("2027-07-01T00:00:00Z", schedule.GetProperty("dueTime").GetString());
        Assert.False(schedule.GetProperty("microsoftLed").GetBoolean());

        using var read = await client.GetAsync($"{Schedules(partner)}/{id}");
        Assert.Equal(id, (await read.JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetGuid());
        using var listed = await client.GetAsync("/api/v1/migrations/newcommerce/schedules?ExternalReferenceId=renewals");
        Assert.Equal(id, Assert.Single((await listed.JsonAsync(HttpStatusCode.OK)).EnumerateArray()).GetProperty("id").GetGuid());
        using var ofCustomer = await client.GetAsync(Schedules(partner));
        Assert.Equal(1, (await ofCustomer.JsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());

        using var updated = await client.SendJsonAsync(HttpMethod.Put, $"{Schedules(partner)}/{id}", $"{{\"currentSubscriptionId\":\"{subscriptionId}\",\"targetDate\":\"2027-06-01\",\"quantity\":15}}");
        var changed = await updated.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-06-01", changed.GetProperty("targetDate").GetString());
        Assert.Equal(15, changed.GetProperty("quantity").GetInt32());

        using var cancelled = await client.PostAsync(new Uri($"{Schedules(partner)}/{id}/cancel", UriKind.Relative), null);
        Assert.Equal("Cancelled", (await cancelled.JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        using var twice = await client.PostAsync(new Uri($"{Schedules(partner)}/{id}/cancel", UriKind.Relative), null);
        await twice.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"currentSubscriptionId\":\"SUB\"}", "targetDate")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"migrateOnRenewal\":true,\"targetDate\":\"2027-01-01\"}", "targetDate")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"targetDate\":\"next week\"}", "targetDate")]
    [InlineData("{\"currentSubscriptionId\":\"SUB\",\"migrateOnRenewal\":true,\"termDuration\":\"P5Y\"}", "termDuration")]
    public async Task A_schedule_needs_one_timing_and_valid_fields(string json, string field)
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();

        using var response = await client.SendJsonAsync(HttpMethod.Post, Schedules(partner), json.Replace("SUB", subscriptionId.ToString(), StringComparison.Ordinal));

        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
    }

    [Fact]
    public async Task An_ineligible_schedule_answers_400_with_the_eligibility_errors()
    {
        var (partner, client, subscriptionId) = await SubscriptionAsync();

        using var response = await client.PostJsonAsync(Schedules(partner), new { currentSubscriptionId = subscriptionId, migrateOnRenewal = true, termDuration = "P1M", billingCycle = "Annual" });

        var error = Assert.Single((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray());
        Assert.Equal(6, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Another_partners_schedule_answers_404_and_a_helpdesk_key_cannot_schedule()
    {
        var (theirs, theirClient, theirSubscription) = await SubscriptionAsync();
        using var created = await theirClient.PostJsonAsync(Schedules(theirs), new { currentSubscriptionId = theirSubscription, migrateOnRenewal = true });
        var scheduleId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (mine, client, mySubscription) = await SubscriptionAsync();

        using var get = await client.GetAsync($"{Schedules(theirs)}/{scheduleId}");
        using var viaMine = await client.GetAsync($"{Schedules(mine)}/{scheduleId}");
        using var cancel = await client.PostAsync(new Uri($"{Schedules(mine)}/{scheduleId}/cancel", UriKind.Relative), null);
        using var put = await client.SendJsonAsync(HttpMethod.Put, $"{Schedules(theirs)}/{scheduleId}", $"{{\"currentSubscriptionId\":\"{theirSubscription}\",\"migrateOnRenewal\":true}}");
        using var helpdesk = await factory.ApiClient(mine.Key(PortalRoles.HelpdeskAgent)).PostJsonAsync(Schedules(mine), new { currentSubscriptionId = mySubscription, migrateOnRenewal = true });

        await get.ProblemAsync(HttpStatusCode.NotFound);
        await viaMine.ProblemAsync(HttpStatusCode.NotFound);
        await cancel.ProblemAsync(HttpStatusCode.NotFound);
        await put.ProblemAsync(HttpStatusCode.NotFound);
        await helpdesk.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_sandbox_clock_moves_forward_by_a_duration_or_to_an_instant_and_never_back()
    {
        var partner = await factory.CreateApiPartnerAsync(sandbox: true);
        using var client = factory.ApiClient(partner.Key());

        using var before = await client.GetAsync("/api/v1/sandbox/clock");
        var start = (await before.JsonAsync(HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset();
        using var advanced = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "P2D" });
        var moved = (await advanced.JsonAsync(HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset();
        using var set = await client.PostJsonAsync("/api/v1/sandbox/clock", new { now = "2031-01-01T00:00:00Z" });
        using var back = await client.PostJsonAsync("/api/v1/sandbox/clock", new { now = "2030-01-01T00:00:00Z" });
        using var bad = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "two days" });
        using var both = await client.PostJsonAsync("/api/v1/sandbox/clock", new { advanceBy = "P1D", now = "2032-01-01T00:00:00Z" });

        Assert.InRange(moved - start, TimeSpan.FromDays(2), TimeSpan.FromDays(2).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), (await set.JsonAsync(HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset());
        Assert.Contains("only moves forward", Assert.Single((await back.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("now")), StringComparison.Ordinal);
        Assert.NotEmpty((await bad.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("advanceBy"));
        Assert.NotEmpty((await both.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("advanceBy"));
        using var production = await factory.ApiClient((await factory.CreateApiPartnerAsync()).Key()).GetAsync("/api/v1/sandbox/clock");
        await production.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_reduces_seats_and_cancels_inside_the_window_and_is_refused_after_it()
    {
        var partner = await factory.CreateApiPartnerAsync();
        var now = DateTimeOffset.UtcNow;
        var fresh = Nce(partner.CustomerId, now.AddHours(-1));
        var old = Nce(partner.CustomerId, now.AddHours(-169));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.NceSubscriptions.AddRange(fresh, old);
            await db.SaveChangesAsync();
        }

        using var client = factory.ApiClient(partner.Key(PortalRoles.SalesAgent));
        var path = $"/api/v1/customers/{partner.CustomerId}/subscriptions";

        using var reduced = await client.SendJsonAsync(HttpMethod.Patch, $"{path}/{fresh.Id}", "{\"quantity\": 7}");
        Assert.Equal(7, (await reduced.JsonAsync(HttpStatusCode.OK)).GetProperty("quantity").GetInt32());
        using var cancelled = await client.SendJsonAsync(HttpMethod.Patch, $"{path}/{fresh.Id}", "{\"status\": \"deleted\"}");
        Assert.Equal("deleted", (await cancelled.JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());

        using var late = await client.SendJsonAsync(HttpMethod.Patch, $"{path}/{old.Id}", "{\"status\": \"deleted\"}");
        var refusal = Assert.Single((await late.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray());
        Assert.Equal("CancellationWindowExpired", refusal.GetProperty("code").GetString());
        using var lateSeats = await client.SendJsonAsync(HttpMethod.Patch, $"{path}/{old.Id}", "{\"quantity\": 5}");
        await lateSeats.ProblemAsync(HttpStatusCode.BadRequest);
        using var stillThere = await client.GetAsync($"{path}/{old.Id}");
        var unchanged = await stillThere.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(10, unchanged.GetProperty("quantity").GetInt32());
        Assert.Equal("active", unchanged.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"status\": \"active\"}", "status")]
    [InlineData("{\"quantity\": 5, \"status\": \"deleted\"}", "quantity")]
    [InlineData("{}", "quantity")]
    public async Task Patch_takes_a_quantity_or_the_deleted_status(string json, string field)
    {
        var partner = await factory.CreateApiPartnerAsync();
        var subscription = Nce(partner.CustomerId, DateTimeOffset.UtcNow.AddHours(-1));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.NceSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
        }

        using var client = factory.ApiClient(partner.Key());
        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/customers/{partner.CustomerId}/subscriptions/{subscription.Id}", json);

        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
    }

    [Fact]
    public async Task Patch_of_a_legacy_subscription_or_another_partners_is_refused()
    {
        var (partner, client, legacyId) = await SubscriptionAsync();
        var other = await factory.CreateApiPartnerAsync();
        var theirs = Nce(other.CustomerId, DateTimeOffset.UtcNow.AddHours(-1));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.NceSubscriptions.Add(theirs);
            await db.SaveChangesAsync();
        }

        using var legacy = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/customers/{partner.CustomerId}/subscriptions/{legacyId}", "{\"quantity\": 5}");
        using var foreign = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/customers/{other.CustomerId}/subscriptions/{theirs.Id}", "{\"status\": \"deleted\"}");
        using var helpdesk = await factory.ApiClient(other.Key(PortalRoles.HelpdeskAgent)).SendJsonAsync(HttpMethod.Patch, $"/api/v1/customers/{other.CustomerId}/subscriptions/{theirs.Id}", "{\"status\": \"deleted\"}");

        Assert.Equal("NotNewCommerce", Assert.Single((await legacy.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
        await foreign.ProblemAsync(HttpStatusCode.NotFound);
        await helpdesk.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Custom_term_end_dates_list_month_ends_and_existing_new_commerce_end_dates()
    {
        var partner = await factory.CreateApiPartnerAsync();
        var now = DateTimeOffset.UtcNow;
        var existing = NceSubscription.Create(Guid.NewGuid(), partner.CustomerId, "CFQ7TTC0LF8R:0001:0001", "E3", 3, TermDuration.P1Y, BillingCycle.Annual, now.AddMonths(-2), TermDates.EndInstant(TermDates.UtcDate(now).AddMonths(5).AddDays(3)), now.AddMonths(-2));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.NceSubscriptions.Add(existing);
            await db.SaveChangesAsync();
        }

        using var client = factory.ApiClient(partner.Key(PortalRoles.HelpdeskAgent));
        using var response = await client.GetAsync($"/api/v1/customers/{partner.CustomerId}/subscriptions/customTermEndDates?term_duration=P1Y");
        using var missing = await client.GetAsync($"/api/v1/customers/{partner.CustomerId}/subscriptions/customTermEndDates");
        using var unknown = await client.GetAsync($"/api/v1/customers/{partner.CustomerId}/subscriptions/customTermEndDates?term_duration=P2Y");

        var dates = (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(dates, d => d.GetProperty("alignedSubscriptionIds").EnumerateArray().Any(id => id.GetGuid() == existing.Id));
        Assert.True(dates.Count(d => d.GetProperty("isEndOfMonth").GetBoolean()) >= 11);
        Assert.NotEmpty((await missing.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("term_duration"));
        Assert.NotEmpty((await unknown.ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("term_duration"));
    }

    private static NceSubscription Nce(Guid customerId, DateTimeOffset createdAt) =>
        NceSubscription.Create(Guid.NewGuid(), customerId, "CFQ7TTC0LF8R:0001:0001", "Office 365 E3", 10, TermDuration.P1Y, BillingCycle.Annual, createdAt, TermDates.EndInstant(TermDates.UtcDate(createdAt).AddYears(1)), createdAt);
}
