using Microsoft.EntityFrameworkCore;
using Portal.Domain.Terms;
using Portal.Migrations.Wizard;
using Portal.Persistence;
using Portal.Tests.Demo;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;

namespace Portal.Tests.Migrations.Wizard;

/// <summary>
/// The wizard's server-side draft on SQLite and PostgreSQL: reloads and second tabs continue one draft, a form posted
/// from an outdated copy is merged when what it changes is untouched and refused (nothing lost, nothing overwritten)
/// when another tab changed the same section, and a draft is submitted once.
/// </summary>
public class DraftStoreTests(PostgresServer postgres)
{
    private static readonly Guid User = Guid.Parse("05e70000-0000-4000-8000-000000000001");
    private static readonly Guid OtherUser = Guid.Parse("05e70000-0000-4000-8000-000000000002");
    private static readonly Guid Customer = Guid.Parse("c0570000-0000-4000-8000-0000000000aa");
    private static readonly Guid Subscription = Guid.Parse("5b570000-0000-4000-8000-0000000000aa");
    private static readonly Guid AddOn = Guid.Parse("5b570000-0000-4000-8000-0000000000bb");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly FixedTimeProvider Clock = new(A.Now);

    [Theory, OnBothProviders]
    public async Task Opening_the_wizard_again_continues_the_same_draft(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);

        var first = await OpenAsync(store, User);
        var again = await OpenAsync(store, User);
        var otherUsers = await OpenAsync(store, OtherUser);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherUsers);
        await using var db = store.NewContext();
        Assert.Equal(2, await db.MigrationDrafts.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Two_tabs_opening_the_wizard_at_the_same_moment_get_one_draft(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(store, User)));

        Assert.Single(ids.Distinct());
        await using var db = store.NewContext();
        Assert.Equal(1, await db.MigrationDrafts.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task A_draft_of_another_user_or_partner_is_not_found(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);

        await using var db = store.NewContext();
        var drafts = new DraftStore(db, Clock);
        Assert.NotNull(await drafts.FindAsync(A.PartnerTenantId, User, id, Ct));
        Assert.Null(await drafts.FindAsync(A.PartnerTenantId, OtherUser, id, Ct));
        Assert.Null(await drafts.FindAsync(Guid.NewGuid(), User, id, Ct));
        var saved = await drafts.SaveSectionAsync(A.PartnerTenantId, OtherUser, id, 0, DraftSection.Bundle, ChooseBundle, Ct);
        Assert.Equal(SaveStatus.NotFound, saved.Status);
    }

    [Theory, OnBothProviders]
    public async Task Two_tabs_changing_the_same_step_the_second_is_told_and_the_first_is_kept(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);
        var shown = await SaveAsync(store, id, 0, DraftSection.Bundle, ChooseBundle);
        Assert.Equal(SaveStatus.Saved, shown.Status);
        var version = await VersionAsync(store, id);

        // Both tabs show step 3 at the same version; tab A saves 10 seats, then tab B (still at that version) 20.
        var tabA = await SaveAsync(store, id, version, DraftSection.Targets, Seats(10));
        var tabB = await SaveAsync(store, id, version, DraftSection.Targets, Seats(20));

        Assert.Equal(SaveStatus.Saved, tabA.Status);
        Assert.Equal(SaveStatus.Conflict, tabB.Status);
        Assert.Equal(10, tabB.Content!.Member(Subscription)!.Quantity); // what the other tab saved, to show beside B's input
        Assert.Equal(10, (await ContentAsync(store, id)).Member(Subscription)!.Quantity);

        // Tab B, having seen the other tab's values, saves again from the current version: its input wins deliberately.
        var retry = await SaveAsync(store, id, tabB.Draft!.Version, DraftSection.Targets, Seats(20));
        Assert.Equal(SaveStatus.Saved, retry.Status);
        Assert.Equal(20, (await ContentAsync(store, id)).Member(Subscription)!.Quantity);
    }

    [Theory, OnBothProviders]
    public async Task Two_tabs_changing_different_steps_are_both_kept(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);
        await SaveAsync(store, id, 0, DraftSection.Bundle, ChooseBundle);
        var version = await VersionAsync(store, id);

        var targets = await SaveAsync(store, id, version, DraftSection.Targets, Seats(12));
        var when = await SaveAsync(store, id, version, DraftSection.When, c => c with { When = WhenChoice.OnRenewal });

        Assert.Equal(SaveStatus.Saved, targets.Status);
        Assert.Equal(SaveStatus.Saved, when.Status);
        var stored = await ContentAsync(store, id);
        Assert.Equal(12, stored.Member(Subscription)!.Quantity);
        Assert.Equal(WhenChoice.OnRenewal, stored.When);
    }

    [Theory, OnBothProviders]
    public async Task Changing_the_bundle_in_another_tab_makes_an_older_targets_form_a_conflict(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);
        await SaveAsync(store, id, 0, DraftSection.Bundle, ChooseBundle);
        var version = await VersionAsync(store, id);

        await SaveAsync(store, id, version, DraftSection.Bundle, c => c with { Scope = BundleScope.AddOnAlone, RequestedSubscriptionId = AddOn, Members = [] });
        var targets = await SaveAsync(store, id, version, DraftSection.Targets, Seats(12));

        Assert.Equal(SaveStatus.Conflict, targets.Status);
        Assert.Empty((await ContentAsync(store, id)).Members);
    }

    [Theory, OnBothProviders]
    public async Task Saves_racing_between_read_and_write_are_each_judged_and_none_is_lost(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);
        await SaveAsync(store, id, 0, DraftSection.Bundle, ChooseBundle);
        var version = await VersionAsync(store, id);

        var results = await Task.WhenAll(
            SaveAsync(store, id, version, DraftSection.Targets, Seats(7)),
            SaveAsync(store, id, version, DraftSection.When, c => c with { When = WhenChoice.Now }));

        Assert.All(results, r => Assert.Equal(SaveStatus.Saved, r.Status));
        var stored = await ContentAsync(store, id);
        Assert.Equal(7, stored.Member(Subscription)!.Quantity);
        Assert.Equal(WhenChoice.Now, stored.When);
        Assert.Equal(version + 2, await VersionAsync(store, id));
    }

    [Theory, OnBothProviders]
    public async Task A_draft_is_claimed_for_submission_once_and_is_closed_once_submitted(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);
        var version = await VersionAsync(store, id);

        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var db = store.NewContext();
            return (await new DraftStore(db, Clock).ClaimAsync(A.PartnerTenantId, User, id, version, Ct)).Status;
        }));
        Assert.Single(claims, s => s == ClaimStatus.Claimed);
        Assert.All(claims.Where(s => s != ClaimStatus.Claimed), s => Assert.Equal(ClaimStatus.InProgress, s));

        var migrationId = Guid.NewGuid();
        await using (var db = store.NewContext())
        {
            var drafts = new DraftStore(db, Clock);
            var draft = await drafts.FindAsync(A.PartnerTenantId, User, id, Ct);
            await drafts.MarkSubmittedAsync(draft!, migrationId, null, null, null, Ct);
        }

        await using (var db = store.NewContext())
        {
            var drafts = new DraftStore(db, Clock);
            var (status, draft) = await drafts.ClaimAsync(A.PartnerTenantId, User, id, version, Ct);
            Assert.Equal(ClaimStatus.AlreadySubmitted, status);
            Assert.Equal(migrationId, draft!.MigrationId);
            var save = await drafts.SaveSectionAsync(A.PartnerTenantId, User, id, draft.Version, DraftSection.Targets, Seats(3), Ct);
            Assert.Equal(SaveStatus.Submitted, save.Status);
        }

        // Opening the wizard for the subscription again starts a new draft: the submitted one stays as it was.
        Assert.NotEqual(id, await OpenAsync(store, User));
    }

    [Theory, OnBothProviders]
    public async Task A_draft_changed_after_its_review_cannot_be_submitted_before_it_is_reviewed_again(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var id = await OpenAsync(store, User);
        var reviewed = await VersionAsync(store, id);
        await SaveAsync(store, id, reviewed, DraftSection.Bundle, ChooseBundle);

        await using var db = store.NewContext();
        var drafts = new DraftStore(db, Clock);
        Assert.Equal(ClaimStatus.Changed, (await drafts.ClaimAsync(A.PartnerTenantId, User, id, reviewed, Ct)).Status);
        var (status, draft) = await drafts.ClaimAsync(A.PartnerTenantId, User, id, reviewed + 1, Ct);
        Assert.Equal(ClaimStatus.Claimed, status);

        // A refused submission releases the draft, unchanged, for another try.
        await drafts.ReleaseAsync(draft!, Ct);
        Assert.Equal(ClaimStatus.Claimed, (await drafts.ClaimAsync(A.PartnerTenantId, User, id, draft!.Version, Ct)).Status);
    }

    private static DraftContent ChooseBundle(DraftContent content) =>
        content with { Scope = BundleScope.Bundle, RequestedSubscriptionId = Subscription };

    private static Func<DraftContent, DraftContent> Seats(int seats) => content => content with
    {
        Members = [new MemberChoice(Subscription, TermDuration.P1Y, BillingCycle.Annual, seats)],
    };

    private async Task<TestStore> NewStoreAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        await store.SaveAsync(db => db.Partners.Add(A.Partner()));
        return store;
    }

    private static async Task<Guid> OpenAsync(TestStore store, Guid user)
    {
        await using var db = store.NewContext();
        return (await new DraftStore(db, Clock).OpenWizardAsync(A.PartnerTenantId, user, Customer, Subscription, Ct)).Id;
    }

    private static async Task<SaveResult> SaveAsync(TestStore store, Guid id, int version, DraftSection section, Func<DraftContent, DraftContent> change)
    {
        await using var db = store.NewContext();
        return await new DraftStore(db, Clock).SaveSectionAsync(A.PartnerTenantId, User, id, version, section, change, Ct);
    }

    private static async Task<int> VersionAsync(TestStore store, Guid id)
    {
        await using var db = store.NewContext();
        return (await db.MigrationDrafts.AsNoTracking().SingleAsync(d => d.Id == id, Ct)).Version;
    }

    private static async Task<DraftContent> ContentAsync(TestStore store, Guid id)
    {
        await using var db = store.NewContext();
        return DraftJson.Read<DraftContent>((await db.MigrationDrafts.AsNoTracking().SingleAsync(d => d.Id == id, Ct)).Content);
    }
}
