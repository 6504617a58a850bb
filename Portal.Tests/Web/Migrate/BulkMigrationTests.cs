using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;

namespace Portal.Tests.Web.Migrate;

/// <summary>Bulk migration of one customer over HTTP: pick, validate all, migrate the eligible, one result row each, the batch page.</summary>
public class BulkMigrationTests(PortalFactory factory)
{
    [Fact]
    public async Task The_eligible_picks_migrate_in_one_batch_and_the_ineligible_one_says_why()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var page = $"/migrate/bulk?customer={data.CustomerId}";

        // Validate the E3 (with its add-ons) and the trial.
        using var validated = await client.PostBulkPicksAsync(page, data.E3, data.Trial);
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        var review = new Uri(factory.ServerAddress, validated.Headers.Location!).PathAndQuery;
        Assert.Contains("/migrate/bulk/", review, StringComparison.Ordinal);
        var reviewHtml = await client.GetStringAsync(new Uri(review, UriKind.Relative));
        var rows = new HtmlParser().ParseDocument(reviewHtml).QuerySelectorAll("#bulk-rows tbody tr");
        var trialRow = rows.Single(r => r.GetAttribute("data-subscription") == data.Trial.ToString());
        Assert.Contains("Not migrated", trialRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("trial", trialRow.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("What you can do: " + Portal.Domain.Eligibility.EligibilityReasons.TrialNotAllowed.Guidance, trialRow.TextContent, StringComparison.Ordinal);
        var e3Row = rows.Single(r => r.GetAttribute("data-subscription") == data.E3.ToString());
        Assert.Contains("Eligible", e3Row.TextContent, StringComparison.Ordinal);

        // Migrate: one migration for the E3 bundle, none for the trial, all under the batch's external reference.
        var (action, values) = await client.ReadFormAsync(review, "#bulk-migrate-form");
        using var migrated = await client.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, migrated.StatusCode);
        var batchPage = new Uri(factory.ServerAddress, migrated.Headers.Location!).AbsolutePath;
        Assert.StartsWith("/batches/", batchPage, StringComparison.Ordinal);
        var batch = Uri.UnescapeDataString(batchPage["/batches/".Length..]);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var migrations = await db.Migrations.Where(m => m.CustomerId == data.CustomerId).ToListAsync(TestContext.Current.CancellationToken);
            var only = Assert.Single(migrations);
            Assert.Equal(data.E3, only.CurrentSubscriptionId);
            Assert.Equal(batch, only.ExternalReferenceId);
            Assert.Equal(3, only.Members.Count); // the base goes with both add-ons
        }

        var batchHtml = await client.GetStringAsync(new Uri(batchPage, UriKind.Relative));
        Assert.Single(new HtmlParser().ParseDocument(batchHtml).QuerySelectorAll("#batch-migrations tbody tr"));

        // Posting the same review again creates nothing more.
        using var again = await client.PostAsync(action, values);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations
            .CountAsync(m => m.CustomerId == data.CustomerId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Validating_with_nothing_picked_says_so_and_starts_nothing()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        using var response = await client.PostBulkPicksAsync($"/migrate/bulk?customer={data.CustomerId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Pick at least one subscription.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

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
        Assert.Contains($"value=\"{data.E3}\"", one, StringComparison.Ordinal);
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
