using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages.Migrate;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Migrations.Live;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Migrate;

/// <summary>
/// Bulk migration in its circuit: pick, validate all (the ineligible say why and what to do), migrate the eligible
/// after a dialog, one batch whose page follows the engine live.
/// </summary>
public class BulkPagesTests(PortalFactory factory) : LivePageContext(factory)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private void GoTo(string relative) => Services.GetRequiredService<NavigationManager>().NavigateTo(relative);

    private static IElement Pick(IRenderedComponent<BulkPage> page, Guid subscriptionId)
    {
        var element = page.Find($"#pick-{subscriptionId:N}");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input[type=checkbox]")!;
    }

    private async Task<int> MigrationsOfAsync(Guid customerId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations.CountAsync(m => m.CustomerId == customerId, Ct);
    }

    [Fact]
    public async Task The_eligible_picks_migrate_in_one_batch_the_ineligible_one_says_why_and_a_second_submit_creates_nothing_more()
    {
        var data = await WizardData.CreateAsync(Factory);
        SignInAs(data.Partner.TenantId, PortalRoles.AdminAgent);
        RenderProviders();
        GoTo($"migrate/bulk?customer={data.CustomerId}");

        // Pick the E3 (its add-ons go with it) and the trial; validate.
        var bulk = Render<BulkPage>();
        bulk.WaitForAssertion(() => Assert.Equal(2, bulk.FindAll("#candidates tbody tr").Count), Patience);
        Pick(bulk, data.E3).Change(true);
        Pick(bulk, data.Trial).Change(true);
        bulk.FindAll("button").Single(b => b.TextContent.Contains("Validate the picked subscriptions", StringComparison.Ordinal)).Click();
        bulk.WaitForAssertion(() => Assert.Matches("/migrate/bulk/[0-9a-f-]{36}$", CurrentUri), Patience);
        var draftId = Guid.Parse(CurrentUri[(CurrentUri.LastIndexOf('/') + 1)..]);

        // The review: one row each, the trial with its reason and what to do.
        var review = Render<BulkReview>(p => p.Add(x => x.DraftId, draftId));
        review.WaitForAssertion(() => Assert.Equal("1 of 2 subscriptions can migrate now.", review.Find("#bulk-summary").TextContent), Patience);
        var trialRow = review.Find($"#bulk-rows tbody tr[data-subscription='{data.Trial}']");
        Assert.Contains("Not migrated", trialRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("What you can do: " + EligibilityReasons.TrialNotAllowed.Guidance, trialRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Eligible", review.Find($"#bulk-rows tbody tr[data-subscription='{data.E3}']").TextContent, StringComparison.Ordinal);

        // Migrate, after the dialog says what starts.
        review.FindAll("button").Single(b => b.TextContent.Trim() == "Migrate the 1 eligible").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("1 migrations start now, in one batch", DialogText, StringComparison.Ordinal), Patience);
        Answer("Migrate the 1 eligible");
        review.WaitForAssertion(() => Assert.Contains("/batches/portal-", CurrentUri, StringComparison.Ordinal), Patience);
        var batch = Uri.UnescapeDataString(CurrentUri[(CurrentUri.LastIndexOf('/') + 1)..]);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var migration = Assert.Single(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations
                .Where(m => m.CustomerId == data.CustomerId).ToListAsync(Ct));
            Assert.Equal((data.E3, batch, 3), (migration.CurrentSubscriptionId, migration.ExternalReferenceId, migration.Members.Count));
        }

        // The same review opened again (a second tab, a double submit) leads to the same batch and creates nothing.
        GoTo("/");
        Render<BulkReview>(p => p.Add(x => x.DraftId, draftId));
        Assert.EndsWith($"/batches/{batch}", CurrentUri, StringComparison.Ordinal);
        Assert.Equal(1, await MigrationsOfAsync(data.CustomerId));
    }

    [Fact]
    public async Task Validating_with_nothing_picked_says_so_and_stores_nothing()
    {
        var data = await WizardData.CreateAsync(Factory);
        SignInAs(data.Partner.TenantId, PortalRoles.AdminAgent);
        RenderProviders();
        GoTo($"migrate/bulk?customer={data.CustomerId}");
        var bulk = Render<BulkPage>();
        bulk.WaitForAssertion(() => Assert.NotEmpty(bulk.FindAll("#candidates tbody tr")), Patience);

        bulk.FindAll("button").Single(b => b.TextContent.Contains("Validate the picked subscriptions", StringComparison.Ordinal)).Click();

        bulk.WaitForAssertion(() => Assert.Equal("Pick at least one subscription.", bulk.Find("#error-summary").TextContent.Trim()), Patience);
        Assert.DoesNotContain("/migrate/bulk/", CurrentUri, StringComparison.Ordinal);
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().MigrationDrafts.AnyAsync(d => d.PartnerTenantId == data.Partner.TenantId, Ct));
    }

    [Fact]
    public async Task A_sales_agent_is_sent_to_a_customer_for_bulk_migration_across_customers()
    {
        var data = await WizardData.CreateAsync(Factory);
        SignInAs(data.Partner.TenantId, PortalRoles.SalesAgent);
        RenderProviders();
        GoTo("migrate/bulk");

        var bulk = Render<BulkPage>();

        bulk.WaitForAssertion(() => Assert.Contains("across customers is for admins", bulk.Find("#pick-customer").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(bulk.FindAll("#candidates"));
    }

    [Fact]
    public async Task The_batch_page_shows_progress_and_follows_the_engine_live_with_a_snackbar_per_finished_migration()
    {
        var data = await WizardData.CreateAsync(Factory);
        var customer = data.Partner.Customers[0].TenantId;
        var (_, first) = await Factory.AddInFlightMigrationAsync(customer, "batch-live-1");
        var (_, second) = await Factory.AddInFlightMigrationAsync(customer, "batch-live-1");
        SignInAs(data.Partner.TenantId, PortalRoles.HelpdeskAgent);
        RenderProviders();

        var page = Render<BatchPage>(p => p.Add(x => x.BatchId, "batch-live-1"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#batch-migrations tbody tr[data-status=Processing]").Count), Patience);
        Assert.Contains("0 of 2 migrations finished: 0 completed, 0 failed, 2 in progress.", page.Find("#progress [role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", page.Find("#progress [role=progressbar]").GetAttribute("aria-valuenow"));

        await Factory.FinishAsync(first);
        Hub.Publish(new MigrationUpdate(data.Partner.TenantId, MigrationUpdateKind.MigrationCompleted, first, "batch-live-1", MigrationPhase.Completed));
        page.WaitForAssertion(() => Assert.Equal("50", page.Find("#progress [role=progressbar]").GetAttribute("aria-valuenow")), Patience);
        await Factory.FinishAsync(second, fail: true);
        Hub.Publish(new MigrationUpdate(data.Partner.TenantId, MigrationUpdateKind.MigrationFailed, second, "batch-live-1", MigrationPhase.FailedLegacyActive));

        page.WaitForAssertion(() => Assert.Contains("2 of 2 migrations finished: 1 completed, 1 failed, 0 in progress.", page.Find("#progress [role=status]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("100", page.Find("#progress [role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Contains("Failed (900013)", page.Find("#batch-migrations tbody tr[data-status=Failed]").TextContent, StringComparison.Ordinal);
        Snackbars.WaitForAssertion(() =>
        {
            Assert.Contains("is migrated.", Snackbars.Markup, StringComparison.Ordinal);
            Assert.Contains("failed (900013).", Snackbars.Markup, StringComparison.Ordinal);
        }, Patience);
    }

    [Fact]
    public async Task Another_partners_batch_shows_the_not_found_page()
    {
        var theirs = await WizardData.CreateAsync(Factory);
        await Factory.AddInFlightMigrationAsync(theirs.CustomerId, "batch-theirs-1");
        var mine = await WizardData.CreateAsync(Factory);
        SignInAs(mine.Partner.TenantId, PortalRoles.GlobalAdmin);
        RenderProviders();

        var page = Render<BatchPage>(p => p.Add(x => x.BatchId, "batch-theirs-1"));

        page.WaitForAssertion(() => Assert.Equal("Page not found", page.Find("h1").TextContent), Patience);
        Assert.Empty(page.FindAll("#batch-migrations"));
    }
}
