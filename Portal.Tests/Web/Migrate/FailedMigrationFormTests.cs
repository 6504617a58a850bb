using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Pages;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// The actions after a failed migration over HTTP: retry and cancel on the status page and the legacy subscription
/// page, the advice per failed state, and a Sandbox partner's rehearsal of Microsoft correcting or reverting.
/// </summary>
public class FailedMigrationFormTests(PortalFactory factory)
{
    private const string RetryForm = "form[data-form=retry-migration]";
    private const string CancelForm = "form[data-form=cancel-legacy]";

    private async Task<(TestPartner Partner, HttpClient Client, FailedMigration Failed)> SignedInAsync(MigrationPhase phase, string role = PortalRoles.AdminAgent, bool sandbox = false)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        if (sandbox)
        {
            await factory.MakeSandboxAsync(partner.TenantId);
        }

        var failed = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, phase);
        var client = await factory.SignedInAsync(partner.Email(role));
        return (partner, client, failed);
    }

    [Fact]
    public async Task Retry_starts_a_new_migration_and_redirects_to_it_and_a_double_submit_creates_one()
    {
        var (_, client, failed) = await SignedInAsync(MigrationPhase.FailedLegacyActive);
        var (action, values) = await client.ReadFormAsync(failed.StatusPage, RetryForm);

        var first = await client.PostAsync(action, values);
        var second = await client.PostAsync(action, values);

        var target = first.Location();
        Assert.Equal(target, second.Location());
        Assert.StartsWith("/migrations/", target, StringComparison.Ordinal);
        var retryId = Guid.Parse(target["/migrations/".Length..]);
        Assert.NotEqual(failed.MigrationId, retryId);
        Assert.Equal(2, await factory.MigrationCountAsync(failed.SubscriptionId));
        var retry = await factory.MigrationAsync(retryId);
        Assert.Equal((MigrationPhase.Requested, failed.SubscriptionId), (retry.Phase, retry.CurrentSubscriptionId));
        Assert.Contains("Migration of Microsoft 365 Business Standard", await client.GetStringAsync(new Uri(target, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_retried_the_failed_migrations_page_offers_no_action_and_links_to_the_later_migration()
    {
        var (_, client, failed) = await SignedInAsync(MigrationPhase.FailedLegacyActive);
        var before = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(failed.StatusPage, UriKind.Relative)));
        Assert.NotNull(before.QuerySelector(RetryForm));
        Assert.Null(before.QuerySelector("#superseded"));
        var (action, values) = await client.ReadFormAsync(failed.StatusPage, RetryForm);
        var retryPage = (await client.PostAsync(action, values)).Location();

        var after = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(failed.StatusPage, UriKind.Relative)));

        Assert.Null(after.QuerySelector(RetryForm));
        Assert.Null(after.QuerySelector(CancelForm));
        Assert.Equal(retryPage, after.QuerySelector("#superseded a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Cancel_on_the_status_page_cancels_the_legacy_subscription_and_a_second_cancel_is_refused_with_the_reason()
    {
        var (_, client, failed) = await SignedInAsync(MigrationPhase.FailedLegacyActive);
        var (action, values) = await client.ReadFormAsync(failed.StatusPage, CancelForm);

        var cancelled = await (await client.PostAsync(action, values)).Content.ReadAsStringAsync();
        var again = await (await client.PostAsync(action, values)).Content.ReadAsStringAsync();

        Assert.Contains("Microsoft 365 Business Standard is cancelled.", cancelled, StringComparison.Ordinal);
        Assert.Contains("The legacy subscription was not cancelled.", again, StringComparison.Ordinal);
        Assert.Contains("Microsoft 365 Business Standard is already cancelled.", again, StringComparison.Ordinal);
        Assert.Equal(LegacySubscriptionStatus.Cancelled, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Once_a_retry_is_in_flight_a_cancel_is_refused()
    {
        // The legacy subscription page's cancel runs in its circuit now: Components/Subscriptions/LegacySubscriptionPageTests.
        var (_, other, retried) = await SignedInAsync(MigrationPhase.FailedLegacyActive);
        var beforeRetry = await other.ReadFormAsync(retried.StatusPage, CancelForm);
        var (retryAction, retryValues) = await other.ReadFormAsync(retried.StatusPage, RetryForm);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync(retryAction, retryValues)).StatusCode);

        var refused = await (await other.PostAsync(beforeRetry.Action, beforeRetry.Values)).Content.ReadAsStringAsync();

        Assert.Contains("The legacy subscription was not cancelled.", refused, StringComparison.Ordinal);
        Assert.Contains("it cannot be cancelled while the migration is in flight", refused, StringComparison.Ordinal);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(retried.SubscriptionId)).Status);
    }

    [Fact]
    public async Task The_status_page_says_what_the_partner_can_do_in_each_failed_state()
    {
        var (partner, client, active) = await SignedInAsync(MigrationPhase.FailedLegacyActive);
        var suspended = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacySuspended);
        var deadline = (await factory.MigrationAsync(suspended.MigrationId)).ResolutionDeadline;

        using var activePage = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(active.StatusPage, UriKind.Relative)));
        using var suspendedPage = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(suspended.StatusPage, UriKind.Relative)));

        Assert.Contains("You may retry the migration, or cancel the legacy subscription.", activePage.QuerySelector("#advice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(activePage.QuerySelector(RetryForm));
        Assert.NotNull(activePage.QuerySelector(CancelForm));
        var advice = suspendedPage.QuerySelector("#advice")!;
        Assert.Contains("Microsoft diagnoses the problem and either completes the migration or reverts it by ", advice.TextContent, StringComparison.Ordinal);
        Assert.Equal(deadline.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), advice.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Null(suspendedPage.QuerySelector(RetryForm));
        Assert.Null(suspendedPage.QuerySelector(CancelForm));
        Assert.Null(suspendedPage.QuerySelector("form[data-form=microsoft-corrects]")); // a Production partner
    }

    [Fact]
    public async Task A_sandbox_partner_rehearses_Microsoft_correcting_one_migration_and_reverting_another()
    {
        var (partner, client, toCorrect) = await SignedInAsync(MigrationPhase.FailedLegacySuspended, sandbox: true);
        var toRevert = await factory.AddFailedMigrationAsync(partner.Customers[0].TenantId, MigrationPhase.FailedLegacySuspended);
        var correct = await client.ReadFormAsync(toCorrect.StatusPage, "form[data-form=microsoft-corrects]");
        var revert = await client.ReadFormAsync(toRevert.StatusPage, "form[data-form=microsoft-reverts]");

        var corrected = await (await client.PostAsync(correct.Action, correct.Values)).Content.ReadAsStringAsync();
        var reverted = await (await client.PostAsync(revert.Action, revert.Values)).Content.ReadAsStringAsync();

        Assert.Contains("Microsoft corrected the migration: it is completed.", corrected, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Completed, (await factory.MigrationAsync(toCorrect.MigrationId)).Phase);
        Assert.Equal(LegacySubscriptionStatus.Migrated, (await factory.LegacyAsync(toCorrect.SubscriptionId)).Status);
        Assert.Contains("Microsoft reverted the migration", reverted, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Reverted, (await factory.MigrationAsync(toRevert.MigrationId)).Phase);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(toRevert.SubscriptionId)).Status);
        // After the revert the partner may retry.
        Assert.Contains("data-form=\"retry-migration\"", reverted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_nothing_changes()
    {
        var (_, client, failed) = await SignedInAsync(MigrationPhase.FailedLegacyActive);

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "cancel-legacy" });
        var response = await client.PostAsync(new Uri(failed.StatusPage, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
    }

    [Fact]
    public async Task Another_partners_migration_answers_404_to_reads_and_posts_and_nothing_changes()
    {
        var (_, _, theirs) = await SignedInAsync(MigrationPhase.FailedLegacyActive);
        var (_, mine, own) = await SignedInAsync(MigrationPhase.FailedLegacyActive);

        var read = await mine.GetAsync(new Uri(theirs.StatusPage, UriKind.Relative));
        var post = await mine.PostAsAsync(theirs.StatusPage, "cancel-legacy", new Dictionary<string, string>(), tokenPage: own.StatusPage);
        var subscriptionRead = await mine.GetAsync(new Uri(theirs.SubscriptionPage, UriKind.Relative)); // its cancel runs in the circuit now

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode); // ADR-016: a form posted at a foreign id answers 404 too
        Assert.Equal(HttpStatusCode.NotFound, subscriptionRead.StatusCode);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(theirs.SubscriptionId)).Status);
        Assert.Equal(1, await factory.MigrationCountAsync(theirs.SubscriptionId));
    }

    [Fact]
    public async Task A_helpdesk_agent_reads_the_advice_but_sees_no_action_and_a_crafted_post_changes_nothing()
    {
        var (_, helpdesk, failed) = await SignedInAsync(MigrationPhase.FailedLegacyActive, PortalRoles.HelpdeskAgent);

        var html = await helpdesk.GetStringAsync(new Uri(failed.StatusPage, UriKind.Relative));
        var cancel = await helpdesk.PostAsAsync(failed.StatusPage, "cancel-legacy", new Dictionary<string, string>());
        var retry = await helpdesk.PostAsAsync(failed.StatusPage, "retry-migration", new Dictionary<string, string>());

        Assert.Contains("You may retry the migration, or cancel the legacy subscription.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-form=\"cancel-legacy\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-form=\"retry-migration\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode); // the page renders no such form for this role
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
        Assert.Equal(1, await factory.MigrationCountAsync(failed.SubscriptionId));
    }
}
