using System.Net;
using Portal.Accounts;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// Bulk migration over HTTP: what the prerendered pages answer (roles, another partner's customer) and crafted posts.
/// Picking, validating and migrating happen in the circuit: <c>Components.Migrate.BulkPagesTests</c>.
/// </summary>
public class BulkMigrationTests(PortalFactory factory)
{
    [Fact]
    public async Task A_bulk_post_without_the_antiforgery_token_is_rejected()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        using var response = await client.PostAsync(
            new Uri($"/migrate/bulk?customer={data.CustomerId}", UriKind.Relative),
            new FormUrlEncodedContent([new("_handler", "bulk-validate"), new("sub", data.E3.ToString())]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_sales_agent_cannot_bulk_migrate_across_customers_but_can_for_one()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));

        var across = await client.GetStringAsync(new Uri("/migrate/bulk", UriKind.Relative));
        var one = await client.GetStringAsync(new Uri($"/migrate/bulk?customer={data.CustomerId}", UriKind.Relative));

        Assert.Contains("across customers is for admins", across, StringComparison.Ordinal);
        Assert.Contains($"pick-{data.E3:N}", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_customer_answers_404_like_a_missing_one()
    {
        var mine = await WizardData.CreateAsync(factory);
        var theirs = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(mine.Partner.Email(PortalRoles.AdminAgent));

        using var foreign = await client.GetAsync(new Uri($"/migrate/bulk?customer={theirs.CustomerId}", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri($"/migrate/bulk?customer={Guid.NewGuid()}", UriKind.Relative));
        using var own = await client.GetAsync(new Uri($"/migrate/bulk?customer={mine.CustomerId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain(theirs.E3.ToString(), await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
