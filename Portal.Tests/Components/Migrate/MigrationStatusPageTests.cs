using Bunit;
using Portal.Accounts;
using Portal.Components.Pages.Migrate;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Migrations.Live;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Migrate;

/// <summary>
/// A migration's status page in its circuit: each state, live updates from the hub (no reload, a snackbar when it
/// finishes), and the actions after a failure, each confirmed in a dialog, calling the desks (ADR-015, ADR-026).
/// </summary>
public class MigrationStatusPageTests(PortalFactory factory) : LivePageContext(factory)
{
    private async Task<(TestPartner Partner, FailedMigration Failed)> FailedAsync(MigrationPhase phase, string role = PortalRoles.AdminAgent, bool sandbox = false)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        if (sandbox)
        {
            await Factory.MakeSandboxAsync(partner.TenantId);
        }

        var failed = await Factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, phase);
        SignInAs(partner.TenantId, role);
        RenderProviders();
        return (partner, failed);
    }

    private IRenderedComponent<MigrationStatusPage> Page(Guid migrationId)
    {
        var page = Render<MigrationStatusPage>(p => p.Add(x => x.MigrationId, migrationId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")), Patience);
        return page;
    }

    [Fact]
    public async Task A_migration_in_progress_says_so_and_follows_the_engine_to_completion_without_a_reload()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var (_, id) = await Factory.AddInFlightMigrationAsync(partner.Customers[0].TenantId);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);
        RenderProviders();

        var page = Page(id);
        Assert.Contains("Migration of Microsoft 365 Business Standard", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Processing (Requested)", page.Find("#status").TextContent, StringComparison.Ordinal);
        Assert.Contains("no need to reload", page.Find("#live-note").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#next-steps"));
        Assert.Single(page.FindAll("#events tr[data-event=MigrationStarted]"));

        await Factory.FinishAsync(id);
        Hub.Publish(new MigrationUpdate(partner.TenantId, MigrationUpdateKind.MigrationCompleted, id, Phase: MigrationPhase.Completed));

        page.WaitForAssertion(() => Assert.Contains("Completed (Completed)", page.Find("#status").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("#live-note"));
        Assert.Single(page.FindAll("#events tr[data-event=MigrationCompleted]"));
        Snackbars.WaitForAssertion(() => Assert.Contains("The migration of Microsoft 365 Business Standard is completed.", Snackbars.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Another_partners_update_does_not_touch_the_page()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var (_, id) = await Factory.AddInFlightMigrationAsync(partner.Customers[0].TenantId);
        SignInAs(partner.TenantId, PortalRoles.SalesAgent);
        RenderProviders();
        var page = Page(id);

        await Factory.FinishAsync(id);
        Hub.Publish(new MigrationUpdate(Guid.NewGuid(), MigrationUpdateKind.MigrationCompleted, id, Phase: MigrationPhase.Completed));
        await Task.Delay(500, Xunit.TestContext.Current.CancellationToken);

        Assert.Contains("Processing", page.Find("#status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_migration_shows_its_members_and_events_and_offers_nothing_to_do()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 1);
        var (_, id) = await Factory.AddInFlightMigrationAsync(partner.Customers[0].TenantId, "batch-x");
        await Factory.FinishAsync(id);
        SignInAs(partner.TenantId, PortalRoles.AdminAgent);
        RenderProviders();

        var page = Page(id);

        Assert.Contains("Completed", page.Find("#status").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#next-steps"));
        Assert.Empty(page.FindAll("#live-note"));
        Assert.DoesNotContain("not yet", page.Find("#members").TextContent, StringComparison.Ordinal);
        Assert.Equal("batches/batch-x", page.FindAll("a").Single(a => a.TextContent == "batch-x").GetAttribute("href"));
        Assert.Single(page.FindAll("#events tr[data-event=MigrationCompleted]"));
    }

    [Fact]
    public async Task Failed_while_Active_it_offers_retry_and_cancel_and_a_confirmed_retry_opens_the_new_migration()
    {
        var (_, failed) = await FailedAsync(MigrationPhase.FailedLegacyActive);
        var page = Page(failed.MigrationId);
        Assert.Contains("You may retry the migration, or cancel the legacy subscription.", page.Find("#advice").TextContent, StringComparison.Ordinal);
        Assert.Contains("Cancel the legacy subscription Microsoft 365 Business Standard", page.Find("#cancel-legacy").TextContent, StringComparison.Ordinal);

        // Kept as it is: nothing happens.
        page.Find("#retry-migration").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("A new migration of Microsoft 365 Business Standard starts now", DialogText, StringComparison.Ordinal), Patience);
        Answer("Keep it as it is");
        Assert.Equal(1, await Factory.MigrationCountAsync(failed.SubscriptionId));

        page.Find("#retry-migration").Click();
        Answer("Retry the migration");

        page.WaitForAssertion(() => Assert.Matches("/migrations/[0-9a-f-]{36}$", CurrentUri), Patience);
        var retryId = Guid.Parse(CurrentUri[(CurrentUri.LastIndexOf('/') + 1)..]);
        Assert.NotEqual(failed.MigrationId, retryId);
        Assert.Equal(2, await Factory.MigrationCountAsync(failed.SubscriptionId));
        var retry = await Factory.MigrationAsync(retryId);
        Assert.Equal((MigrationPhase.Requested, failed.SubscriptionId), (retry.Phase, retry.CurrentSubscriptionId));

        // The failed migration's page now leads to the later one and offers no action.
        var again = Page(failed.MigrationId);
        Assert.Equal($"migrations/{retryId}", again.Find("#superseded a").GetAttribute("href"));
        Assert.Empty(again.FindAll("#retry-migration"));
        Assert.Empty(again.FindAll("#cancel-legacy"));
    }

    [Fact]
    public async Task A_confirmed_cancel_cancels_the_legacy_subscription_and_a_second_cancel_is_refused_with_the_reason()
    {
        var (_, failed) = await FailedAsync(MigrationPhase.FailedLegacyActive);
        var page = Page(failed.MigrationId);

        page.Find("#cancel-legacy").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("will be cancelled now", DialogText, StringComparison.Ordinal), Patience);
        Answer("Cancel the subscription");
        page.WaitForAssertion(() => Assert.Contains("Microsoft 365 Business Standard is cancelled.", page.Find("#action-message").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(LegacySubscriptionStatus.Cancelled, (await Factory.LegacyAsync(failed.SubscriptionId)).Status);

        page.Find("#cancel-legacy").Click();
        Answer("Cancel the subscription");
        page.WaitForAssertion(() => Assert.Contains("The legacy subscription was not cancelled.", page.Find("#action-message").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Microsoft 365 Business Standard is already cancelled.", page.Find("#action-message").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_the_advice_but_sees_no_action()
    {
        var (_, failed) = await FailedAsync(MigrationPhase.FailedLegacyActive, PortalRoles.HelpdeskAgent);

        var page = Page(failed.MigrationId);

        Assert.Contains("You may retry the migration, or cancel the legacy subscription.", page.Find("#advice").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#retry-migration"));
        Assert.Empty(page.FindAll("#cancel-legacy"));
        Assert.Equal(LegacySubscriptionStatus.Active, (await Factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Failed_while_Suspended_it_gives_Microsofts_deadline_and_offers_no_retry_nor_cancel()
    {
        var (_, failed) = await FailedAsync(MigrationPhase.FailedLegacySuspended);
        var deadline = (await Factory.MigrationAsync(failed.MigrationId)).ResolutionDeadline;

        var page = Page(failed.MigrationId);

        var advice = page.Find("#advice");
        Assert.Contains("Microsoft diagnoses the problem and either completes the migration or reverts it by ", advice.TextContent, StringComparison.Ordinal);
        Assert.Equal(deadline.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), advice.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("Failed (FailedLegacySuspended)", page.Find("#status").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#retry-migration"));
        Assert.Empty(page.FindAll("#cancel-legacy"));
        Assert.Empty(page.FindAll("#microsoft-corrects")); // a Production partner
    }

    [Fact]
    public async Task A_sandbox_partner_rehearses_Microsoft_correcting_one_migration_and_reverting_another()
    {
        var (partner, toCorrect) = await FailedAsync(MigrationPhase.FailedLegacySuspended, sandbox: true);
        var toRevert = await Factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacySuspended);

        var correcting = Page(toCorrect.MigrationId);
        Assert.Contains("Sandbox rehearsal", correcting.Find("#rehearsal-note").TextContent, StringComparison.Ordinal);
        correcting.Find("#microsoft-corrects").Click();
        Answer("Correct it now");
        correcting.WaitForAssertion(() => Assert.Contains("Microsoft corrected the migration: it is completed.", correcting.Find("#action-message").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Completed", correcting.Find("#status").TextContent, StringComparison.Ordinal);
        Assert.Equal(LegacySubscriptionStatus.Migrated, (await Factory.LegacyAsync(toCorrect.SubscriptionId)).Status);

        var reverting = Page(toRevert.MigrationId);
        reverting.Find("#microsoft-reverts").Click();
        Answer("Revert it now");
        reverting.WaitForAssertion(() => Assert.Contains("Microsoft reverted the migration", reverting.Find("#action-message").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(MigrationPhase.Reverted, (await Factory.MigrationAsync(toRevert.MigrationId)).Phase);
        Assert.Equal(LegacySubscriptionStatus.Active, (await Factory.LegacyAsync(toRevert.SubscriptionId)).Status);
        Assert.Single(reverting.FindAll("#retry-migration")); // after the revert the partner may retry
    }

    [Fact]
    public async Task Another_partners_migration_shows_the_not_found_page_and_its_actions_are_out_of_reach()
    {
        var theirs = await Factory.CreatePartnerAsync(customers: 1);
        var failed = await Factory.AddFailedMigrationAsync(theirs.Customers[0].TenantId, MigrationPhase.FailedLegacyActive);
        var mine = await Factory.CreatePartnerAsync(customers: 1);
        SignInAs(mine.TenantId, PortalRoles.GlobalAdmin);
        RenderProviders();

        var page = Page(failed.MigrationId);
        var missing = Page(Guid.NewGuid());

        Assert.Equal("Page not found", page.Find("h1").TextContent);
        Assert.Equal(missing.Markup, page.Markup);
        Assert.Empty(page.FindAll("button"));
        Assert.Equal(LegacySubscriptionStatus.Active, (await Factory.LegacyAsync(failed.SubscriptionId)).Status);
    }
}
