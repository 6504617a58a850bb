using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Pages;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// What the interactive status page answers to reads and crafted posts after a failed migration. Its actions (retry,
/// cancel, Microsoft's rehearsal) and advice per state are tested in its circuit by
/// <c>Components.Migrate.MigrationStatusPageTests</c>; the legacy subscription page's cancel by its own page tests.
/// </summary>
public class FailedMigrationFormTests(PortalFactory factory)
{
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
        var subscriptionPost = await mine.PostAsAsync(theirs.SubscriptionPage, "cancel-legacy", new Dictionary<string, string>(), tokenPage: own.StatusPage);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode); // ADR-016: a form posted at a foreign id answers 404 too
        Assert.Equal(HttpStatusCode.NotFound, subscriptionPost.StatusCode);
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
        Assert.DoesNotContain("id=\"cancel-legacy\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"retry-migration\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode); // the page renders no such form for this role
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
        Assert.Equal(LegacySubscriptionStatus.Active, (await factory.LegacyAsync(failed.SubscriptionId)).Status);
        Assert.Equal(1, await factory.MigrationCountAsync(failed.SubscriptionId));
    }
}
