using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Migrations.Wizard;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;

namespace Portal.Tests.Migrations.Wizard;

/// <summary>
/// Old drafts are deleted (ADR-017), on SQLite and PostgreSQL: an unsubmitted draft once nobody has saved it for 14
/// days, a submitted one 90 days after its submission, never one being submitted; each rule on both sides of its cutoff.
/// </summary>
public class DraftRetentionTests(PostgresServer postgres)
{
    private static readonly Guid User = Guid.Parse("05e70000-0000-4000-8000-0000000000d1");
    private static readonly Guid Customer = Guid.Parse("c0570000-0000-4000-8000-0000000000d1");
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OpenFor = TimeSpan.FromDays(14);
    private static readonly TimeSpan SubmittedFor = TimeSpan.FromDays(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(A.Now);

    [Theory, OnBothProviders]
    public async Task An_open_draft_is_kept_for_14_days_after_its_last_save_and_deleted_after(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var draft = await OpenAsync(store);

        await AssertKeptUntilAsync(store, draft, A.Now + OpenFor, new DraftPurge(1, 0));
    }

    [Theory, OnBothProviders]
    public async Task Saving_a_step_starts_the_14_days_again(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var draft = await OpenAsync(store);
        _clock.SetUtcNow(A.Now.AddDays(10));
        await using (var db = store.NewContext())
        {
            var saved = await new DraftStore(db, _clock).SaveSectionAsync(A.PartnerTenantId, User, draft, 0, DraftSection.Eligibility, c => c with { EligibilitySeen = true }, Ct);
            Assert.Equal(SaveStatus.Saved, saved.Status);
        }

        await AssertKeptUntilAsync(store, draft, A.Now.AddDays(10) + OpenFor, new DraftPurge(1, 0));
    }

    [Theory, OnBothProviders]
    public async Task A_submitted_draft_is_kept_for_90_days_after_its_submission_and_deleted_after(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var open = await OpenAsync(store);
        var submitted = await BulkAsync(store);
        await SubmitAsync(store, submitted, "portal-batch-retention");

        // Past the 14 days only the open draft goes; the submitted one is the batch page's record of its not-migrated rows.
        _clock.SetUtcNow(A.Now + OpenFor + Second);
        Assert.Equal(new DraftPurge(1, 0), await PurgeAsync(store));
        Assert.False(await ExistsAsync(store, open));
        await using (var db = store.NewContext())
        {
            Assert.NotNull(await new DraftStore(db, _clock).FindByBatchAsync(A.PartnerTenantId, "portal-batch-retention", Ct));
        }

        await AssertKeptUntilAsync(store, submitted, A.Now + SubmittedFor, new DraftPurge(0, 1));
    }

    [Theory, OnBothProviders]
    public async Task A_draft_being_submitted_is_not_deleted_until_its_claim_has_lapsed(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var draft = await BulkAsync(store);
        var claimedAt = A.Now + OpenFor + TimeSpan.FromDays(1);
        _clock.SetUtcNow(claimedAt);
        await using (var db = store.NewContext())
        {
            var (status, _) = await new DraftStore(db, _clock).ClaimAsync(A.PartnerTenantId, User, draft, null, Ct);
            Assert.Equal(ClaimStatus.Claimed, status);
        }

        // Once the claim lapses (the submission died; the draft may be submitted again) it is an old open draft.
        await AssertKeptUntilAsync(store, draft, claimedAt + DraftStore.SubmissionTimeout, new DraftPurge(1, 0));
    }

    [Theory, OnBothProviders]
    public async Task Instances_cleaning_up_at_the_same_moment_delete_each_old_draft_once(DatabaseProvider provider)
    {
        await using var store = await NewStoreAsync(provider);
        var old = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            old.Add(await BulkAsync(store));
        }

        _clock.SetUtcNow(A.Now + OpenFor - Second);
        var recent = await BulkAsync(store);
        _clock.SetUtcNow(A.Now + OpenFor + Second);

        var purges = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PurgeAsync(store)));

        Assert.Equal(old.Count, purges.Sum(p => p.Open));
        await using var db = store.NewContext();
        Assert.Equal(new[] { recent }, await db.MigrationDrafts.Select(d => d.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_worker_cleans_up_when_it_starts_and_again_after_each_interval()
    {
        await using var store = await NewStoreAsync(DatabaseProvider.Sqlite);
        var first = await OpenAsync(store);
        _clock.SetUtcNow(A.Now + OpenFor + Second);
        await using var services = WorkerServices(store, new DraftRetentionOptions { Interval = TimeSpan.FromHours(1) });
        using var worker = services.GetRequiredService<DraftRetentionWorker>();

        await worker.StartAsync(Ct);
        Assert.True(await EventuallyAsync(async () => !await ExistsAsync(store, first)));

        // A draft that grows old while the worker waits goes at a later run (each day the clock moves passes an interval).
        var second = await OpenAsync(store);
        Assert.True(await EventuallyAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromDays(1));
            return !await ExistsAsync(store, second);
        }));
        Assert.True(_clock.GetUtcNow() > A.Now + OpenFor + Second + OpenFor);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task A_worker_turned_off_deletes_nothing()
    {
        await using var store = await NewStoreAsync(DatabaseProvider.Sqlite);
        var draft = await OpenAsync(store);
        _clock.SetUtcNow(A.Now + OpenFor + Second);
        await using var services = WorkerServices(store, new DraftRetentionOptions { Enabled = false });
        using var worker = services.GetRequiredService<DraftRetentionWorker>();

        await worker.StartAsync(Ct);
        await worker.ExecuteTask!;

        Assert.True(await ExistsAsync(store, draft));
    }

    private ServiceProvider WorkerServices(TestStore store, DraftRetentionOptions options) => new ServiceCollection()
        .AddScoped(_ => store.NewContext())
        .AddSingleton<TimeProvider>(_clock)
        .AddSingleton(Options.Create(options))
        .AddScoped<DraftRetention>()
        .AddSingleton<DraftRetentionWorker>()
        .AddSingleton<ILogger<DraftRetentionWorker>>(NullLogger<DraftRetentionWorker>.Instance)
        .BuildServiceProvider();

    /// <summary>True once <paramref name="condition"/> holds, trying for up to 10 seconds (the worker runs in the background).</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return false;
    }

    /// <summary>
    /// A clean-up at <paramref name="lastKept"/> keeps the draft and deletes nothing; one a second later deletes it
    /// (<paramref name="deleted"/> is what that clean-up reports).
    /// </summary>
    private async Task AssertKeptUntilAsync(TestStore store, Guid draftId, DateTimeOffset lastKept, DraftPurge deleted)
    {
        _clock.SetUtcNow(lastKept);
        Assert.Equal(new DraftPurge(0, 0), await PurgeAsync(store));
        Assert.True(await ExistsAsync(store, draftId));

        _clock.SetUtcNow(lastKept + Second);
        Assert.Equal(deleted, await PurgeAsync(store));
        Assert.False(await ExistsAsync(store, draftId));
    }

    private async Task<TestStore> NewStoreAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        await store.SaveAsync(db => db.Partners.Add(A.Partner()));
        return store;
    }

    private async Task<DraftPurge> PurgeAsync(TestStore store)
    {
        await using var db = store.NewContext();
        return await new DraftRetention(db, _clock, Options.Create(new DraftRetentionOptions())).PurgeAsync(Ct);
    }

    private async Task<Guid> OpenAsync(TestStore store)
    {
        await using var db = store.NewContext();
        return (await new DraftStore(db, _clock).OpenWizardAsync(A.PartnerTenantId, User, Customer, Guid.NewGuid(), Ct)).Id;
    }

    private async Task<Guid> BulkAsync(TestStore store)
    {
        await using var db = store.NewContext();
        return (await new DraftStore(db, _clock).CreateBulkAsync(A.PartnerTenantId, User, Customer, new BulkContent(), Ct)).Id;
    }

    private async Task SubmitAsync(TestStore store, Guid draftId, string batchId)
    {
        await using var db = store.NewContext();
        var drafts = new DraftStore(db, _clock);
        var (status, draft) = await drafts.ClaimAsync(A.PartnerTenantId, User, draftId, null, Ct);
        Assert.Equal(ClaimStatus.Claimed, status);
        await drafts.MarkSubmittedAsync(draft!, null, null, batchId, null, Ct);
    }

    private static async Task<bool> ExistsAsync(TestStore store, Guid draftId)
    {
        await using var db = store.NewContext();
        return await db.MigrationDrafts.AnyAsync(d => d.Id == draftId, Ct);
    }
}
