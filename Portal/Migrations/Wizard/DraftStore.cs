using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Migrations.Wizard;

/// <summary>The outcome of saving one section of a draft.</summary>
public enum SaveStatus
{
    Saved,

    /// <summary>Another tab changed this section, or the bundle it builds on, after the form was shown: nothing was saved.</summary>
    Conflict,

    /// <summary>The draft was submitted already; it cannot change any more.</summary>
    Submitted,

    NotFound,
}

public sealed record SaveResult(SaveStatus Status, MigrationDraft? Draft, DraftContent? Content);

/// <summary>The outcome of claiming a draft for submission.</summary>
public enum ClaimStatus
{
    /// <summary>This request may submit; it must then call <see cref="DraftStore.MarkSubmittedAsync"/> or <see cref="DraftStore.ReleaseAsync"/>.</summary>
    Claimed,

    /// <summary>Another request is submitting it right now.</summary>
    InProgress,

    AlreadySubmitted,

    /// <summary>The draft changed after the review page was shown: it must be reviewed again.</summary>
    Changed,

    NotFound,
}

/// <summary>
/// Reads and writes migration drafts (ADR-012). Every call is scoped to the partner and the user who own the draft:
/// a draft of another user or partner answers exactly like a missing one.
/// </summary>
public sealed class DraftStore(PortalDbContext db, TimeProvider time)
{
    /// <summary>A submission that has not finished within this time is taken to have died; the draft may be submitted again.</summary>
    public static readonly TimeSpan SubmissionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Which sections a save of each section must find unchanged since its form was shown.</summary>
    private static readonly Dictionary<DraftSection, DraftSection[]> DependsOn = new Dictionary<DraftSection, DraftSection[]>
    {
        [DraftSection.Bundle] = [DraftSection.Bundle],
        [DraftSection.Eligibility] = [DraftSection.Bundle],
        [DraftSection.Targets] = [DraftSection.Bundle, DraftSection.Targets],
        [DraftSection.When] = [DraftSection.Bundle, DraftSection.When],
    };

    public Task<MigrationDraft?> FindAsync(Guid partnerTenantId, Guid userId, Guid draftId, CancellationToken ct)
    {
        // A long-lived context (an interactive circuit's) may still track the copy it read earlier, which a query would
        // return unchanged: forget it, so every read sees what another tab or request saved since.
        foreach (var earlier in db.ChangeTracker.Entries<MigrationDraft>().Where(e => e.Entity.Id == draftId && e.State == EntityState.Unchanged).ToList())
        {
            earlier.State = EntityState.Detached;
        }

        return db.Set<MigrationDraft>().SingleOrDefaultAsync(d => d.Id == draftId && d.PartnerTenantId == partnerTenantId && d.OwnerUserId == userId, ct);
    }

    public Task<MigrationDraft?> FindByBatchAsync(Guid partnerTenantId, string batchId, CancellationToken ct) =>
        db.Set<MigrationDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.PartnerTenantId == partnerTenantId && d.BatchId == batchId, ct);

    /// <summary>
    /// The user's open wizard draft for the subscription, or a new one: opening the wizard again (a reload, a second
    /// tab) continues the same draft instead of starting a second.
    /// </summary>
    public async Task<MigrationDraft> OpenWizardAsync(Guid partnerTenantId, Guid userId, Guid customerId, Guid subscriptionId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var open = await db.Set<MigrationDraft>().SingleOrDefaultAsync(
                d => d.PartnerTenantId == partnerTenantId && d.OwnerUserId == userId && d.Kind == DraftKind.Wizard
                    && d.SubscriptionId == subscriptionId && d.SubmittedAt == null,
                ct);
            if (open is not null)
            {
                return open;
            }

            var now = time.GetUtcNow();
            var draft = new MigrationDraft
            {
                Id = Guid.NewGuid(),
                PartnerTenantId = partnerTenantId,
                OwnerUserId = userId,
                Kind = DraftKind.Wizard,
                CustomerId = customerId,
                SubscriptionId = subscriptionId,
                Content = DraftJson.Write(new DraftContent()),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(draft);
            try
            {
                await db.SaveChangesAsync(ct);
                return draft;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two tabs opened the wizard at the same moment: the unique index kept one draft; use it.
                db.Entry(draft).State = EntityState.Detached;
            }
        }
    }

    public async Task<MigrationDraft> CreateBulkAsync(Guid partnerTenantId, Guid userId, Guid? customerId, BulkContent content, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var draft = new MigrationDraft
        {
            Id = Guid.NewGuid(),
            PartnerTenantId = partnerTenantId,
            OwnerUserId = userId,
            Kind = DraftKind.Bulk,
            CustomerId = customerId,
            Content = DraftJson.Write(content),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>
    /// Saves one section, changed by <paramref name="change"/>, of the draft as it was at <paramref name="baseVersion"/>
    /// when its form was shown. Saved when neither the section nor a section it builds on changed since; otherwise
    /// nothing is saved and the current draft is returned, so the page can show both.
    /// </summary>
    public async Task<SaveResult> SaveSectionAsync(
        Guid partnerTenantId,
        Guid userId,
        Guid draftId,
        int baseVersion,
        DraftSection section,
        Func<DraftContent, DraftContent> change,
        CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var draft = await FindAsync(partnerTenantId, userId, draftId, ct);
            if (draft is null || draft.Kind != DraftKind.Wizard)
            {
                return new SaveResult(SaveStatus.NotFound, null, null);
            }

            var content = DraftJson.Read<DraftContent>(draft.Content);
            if (draft.IsSubmitted || draft.SubmittingSince is not null)
            {
                return new SaveResult(SaveStatus.Submitted, draft, content);
            }

            if (DependsOn[section].Any(s => content.ChangedAt(s) > baseVersion))
            {
                return new SaveResult(SaveStatus.Conflict, draft, content);
            }

            var changed = change(content);
            var stamps = new Dictionary<DraftSection, int>(changed.Changed) { [section] = draft.Version + 1 };
            changed = changed with { Changed = stamps };
            draft.Content = DraftJson.Write(changed);
            draft.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(ct);
                return new SaveResult(SaveStatus.Saved, draft, changed);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another request saved between our read and our write: judge again against what it saved.
                db.Entry(draft).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Claims a draft for submission when it is still at <paramref name="reviewedVersion"/> (what the person reviewed),
    /// so that two submits (a double click, two tabs) submit once.
    /// </summary>
    public async Task<(ClaimStatus Status, MigrationDraft? Draft)> ClaimAsync(Guid partnerTenantId, Guid userId, Guid draftId, int? reviewedVersion, CancellationToken ct)
    {
        var draft = await FindAsync(partnerTenantId, userId, draftId, ct);
        if (draft is null)
        {
            return (ClaimStatus.NotFound, null);
        }

        if (draft.IsSubmitted)
        {
            return (ClaimStatus.AlreadySubmitted, draft);
        }

        var now = time.GetUtcNow();
        if (draft.SubmittingSince is { } since && now - since < SubmissionTimeout)
        {
            return (ClaimStatus.InProgress, draft);
        }

        if (reviewedVersion is { } version && draft.Version != version)
        {
            return (ClaimStatus.Changed, draft);
        }

        draft.SubmittingSince = now;
        try
        {
            await db.SaveChangesAsync(ct);
            return (ClaimStatus.Claimed, draft);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(draft).State = EntityState.Detached;
            var current = await FindAsync(partnerTenantId, userId, draftId, ct);
            return (current?.IsSubmitted == true ? ClaimStatus.AlreadySubmitted : ClaimStatus.InProgress, current);
        }
    }

    /// <summary>Records what the submission created; the draft is closed for good.</summary>
    public async Task MarkSubmittedAsync(MigrationDraft draft, Guid? migrationId, Guid? scheduleId, string? batchId, string? content, CancellationToken ct)
    {
        draft.SubmittedAt = time.GetUtcNow();
        draft.SubmittingSince = null;
        draft.MigrationId = migrationId;
        draft.ScheduleId = scheduleId;
        draft.BatchId = batchId;
        draft.Content = content ?? draft.Content;
        draft.UpdatedAt = draft.SubmittedAt.Value;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The submission was refused: the draft is open again, unchanged.</summary>
    public async Task ReleaseAsync(MigrationDraft draft, CancellationToken ct)
    {
        draft.SubmittingSince = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Replaces a bulk draft's rows (after validating), from the version the page showed.</summary>
    public async Task<bool> SaveBulkAsync(MigrationDraft draft, BulkContent content, CancellationToken ct)
    {
        draft.Content = DraftJson.Write(content);
        draft.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Throws the draft away (start over); a submitted draft stays as the record of what was submitted.</summary>
    public async Task<bool> DiscardAsync(Guid partnerTenantId, Guid userId, Guid draftId, CancellationToken ct)
    {
        var draft = await FindAsync(partnerTenantId, userId, draftId, ct);
        if (draft is null || draft.IsSubmitted || draft.SubmittingSince is not null)
        {
            return false;
        }

        db.Remove(draft);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
