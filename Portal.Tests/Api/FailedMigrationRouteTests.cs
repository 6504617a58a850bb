using System.Net;
using Portal.Accounts;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Tests.Web;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Api;

/// <summary>POST .../migrations/newcommerce/{id}/retry and POST .../subscriptions/{id}/cancel after a failed migration.</summary>
public class FailedMigrationRouteTests(PortalFactory factory)
{
    private static string Retry(FailedMigration failed) => $"/api/v1/customers/{failed.CustomerId}/migrations/newcommerce/{failed.MigrationId}/retry";

    private static string Cancel(FailedMigration failed) => $"/api/v1/customers/{failed.CustomerId}/subscriptions/{failed.SubscriptionId}/cancel";

    private async Task<(ApiPartner Partner, FailedMigration Failed)> FailedAsync(MigrationPhase phase = MigrationPhase.FailedLegacyActive)
    {
        var partner = await factory.CreateApiPartnerAsync();
        return (partner, await factory.AddFailedMigrationAsync(partner.CustomerId, phase));
    }

    [Fact]
    public async Task A_retry_answers_201_with_the_new_migration_and_a_second_retry_answers_the_same_one()
    {
        var (partner, failed) = await FailedAsync();
        using var client = factory.ApiClient(partner.Key());

        using var first = await client.PostJsonAsync(Retry(failed), new { });
        var created = await first.JsonAsync(HttpStatusCode.Created);
        using var second = await client.PostJsonAsync(Retry(failed), new { });
        var again = await second.JsonAsync(HttpStatusCode.Created);

        var id = created.GetProperty("id").GetGuid();
        Assert.NotEqual(failed.MigrationId, id);
        Assert.Equal(id, again.GetProperty("id").GetGuid());
        Assert.Equal("Processing", created.GetProperty("status").GetString());
        Assert.Equal(failed.SubscriptionId, created.GetProperty("currentSubscriptionId").GetGuid());
        Assert.Equal($"/api/v1/customers/{failed.CustomerId}/migrations/newcommerce/{id}", first.Headers.Location!.OriginalString);
        Assert.Equal(2, await factory.MigrationCountAsync(failed.SubscriptionId));
    }

    [Fact]
    public async Task A_retry_while_Microsoft_has_the_migration_is_refused_with_the_reason()
    {
        var (partner, failed) = await FailedAsync(MigrationPhase.FailedLegacySuspended);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.PostJsonAsync(Retry(failed), new { });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(AfterFailure.WaitForMicrosoftCode, problem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains("Microsoft completes or reverts it by", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.MigrationCountAsync(failed.SubscriptionId));
    }

    [Fact]
    public async Task Cancel_answers_the_cancelled_subscription_and_then_400_already_cancelled()
    {
        var (partner, failed) = await FailedAsync();
        using var client = factory.ApiClient(partner.Key());

        using var first = await client.PostJsonAsync(Cancel(failed), new { });
        var subscription = await first.JsonAsync(HttpStatusCode.OK);
        using var second = await client.PostJsonAsync(Cancel(failed), new { });
        var problem = await second.ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(failed.SubscriptionId, subscription.GetProperty("id").GetGuid());
        Assert.Equal(LegacySubscriptionStatus.Cancelled, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
        Assert.Equal(AfterFailure.AlreadyCancelledCode, problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cancel_of_a_subscription_suspended_by_a_failed_migration_is_refused_and_nothing_changes()
    {
        var (partner, failed) = await FailedAsync(MigrationPhase.FailedLegacySuspended);
        using var client = factory.ApiClient(partner.Key());

        using var response = await client.PostJsonAsync(Cancel(failed), new { });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(AfterFailure.WaitForMicrosoftCode, problem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(LegacySubscriptionStatus.Suspended, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Another_partners_ids_answer_404_and_a_helpdesk_key_403()
    {
        var (_, theirs) = await FailedAsync();
        var (mine, own) = await FailedAsync();
        using var client = factory.ApiClient(mine.Key());
        using var helpdesk = factory.ApiClient(mine.Key(PortalRoles.HelpdeskAgent));

        using var foreignRetry = await client.PostJsonAsync(Retry(theirs), new { });
        using var foreignCancel = await client.PostJsonAsync(Cancel(theirs), new { });
        using var wrongCustomer = await client.PostJsonAsync($"/api/v1/customers/{own.CustomerId}/migrations/newcommerce/{theirs.MigrationId}/retry", new { });
        using var helpdeskRetry = await helpdesk.PostJsonAsync(Retry(own), new { });
        using var helpdeskCancel = await helpdesk.PostJsonAsync(Cancel(own), new { });

        await foreignRetry.ProblemAsync(HttpStatusCode.NotFound);
        await foreignCancel.ProblemAsync(HttpStatusCode.NotFound);
        await wrongCustomer.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, helpdeskRetry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, helpdeskCancel.StatusCode);
        Assert.Equal(1, await factory.MigrationCountAsync(theirs.SubscriptionId));
        Assert.Equal(1, await factory.MigrationCountAsync(own.SubscriptionId));
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(theirs.SubscriptionId)).Status);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(own.SubscriptionId)).Status);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_both_routes()
    {
        using var client = factory.ApiClient(null);

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("\"RetryMigration\"", document, StringComparison.Ordinal);
        Assert.Contains("\"CancelLegacySubscriptionAfterFailedMigration\"", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/customers/{customerId}/migrations/newcommerce/{migrationId}/retry", document, StringComparison.Ordinal);
    }
}
