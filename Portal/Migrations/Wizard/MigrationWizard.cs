using Portal.Domain.Eligibility;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Schedules;

namespace Portal.Migrations.Wizard;

/// <summary>Everything a wizard page shows: the draft, its choices so far, and the customer as eligibility sees it now.</summary>
public sealed record WizardWorkspace(MigrationDraft Draft, DraftContent Content, CustomerPicture Picture, LegacySubscription Start)
{
    public EligibilityContext Context => Picture.Context;

    /// <summary>The subscription the request names (the base of the bundle, or the add-on alone), once step 1 is done.</summary>
    public LegacySubscription? Requested => Content.RequestedSubscriptionId is { } id ? Picture.Legacy(id) : null;

    public IReadOnlyList<LegacySubscription> Members => Content.RequestedSubscriptionId is { } id ? WizardPlan.MembersOf(id, Context) : [];

    public IReadOnlyList<MemberChoice> Choices => WizardPlan.Choices(Content, Members);
}

/// <summary>What submitting a draft led to.</summary>
public sealed record SubmitResult(ClaimStatus Status, string? RedirectTo, IReadOnlyList<FieldError> Errors, BundleEligibility? Eligibility = null);

/// <summary>
/// The wizard's application service: loads a draft with the customer it is about (both scoped to the signed-in user
/// and partner) and submits it through <see cref="MigrationDesk"/> or <see cref="ScheduleDesk"/>, once.
/// </summary>
public sealed class MigrationWizard(DraftStore drafts, MigrationDesk migrations, ScheduleDesk schedules)
{
    public static string StepUrl(Guid customerId, Guid draftId, string step) => $"/customers/{customerId}/migrate/{draftId}/{step}";

    /// <summary>Where a submitted draft's result is shown.</summary>
    public static string? ResultUrl(MigrationDraft draft) =>
        draft.MigrationId is { } migrationId ? $"/migrations/{migrationId}"
        : draft.ScheduleId is { } scheduleId ? $"/schedules/{scheduleId}"
        : draft.BatchId is { } batch ? $"/batches/{Uri.EscapeDataString(batch)}"
        : null;

    /// <summary>The user's draft for this customer with the customer's picture; null when any of it is not theirs.</summary>
    public async Task<WizardWorkspace?> LoadAsync(Guid partnerTenantId, Guid userId, Guid customerId, Guid draftId, CancellationToken ct)
    {
        var draft = await drafts.FindAsync(partnerTenantId, userId, draftId, ct);
        if (draft is null || draft.Kind != DraftKind.Wizard || draft.CustomerId != customerId || draft.SubscriptionId is not { } startId)
        {
            return null;
        }

        var picture = await migrations.LoadAsync(partnerTenantId, customerId, ct);
        var start = picture?.Legacy(startId);
        return picture is null || start is null ? null : new WizardWorkspace(draft, DraftJson.Read<DraftContent>(draft.Content), picture, start);
    }

    /// <summary>The verdict on the draft as it stands (members not yet given a target carry over; no timing yet means now).</summary>
    public async Task<BundleEligibility?> ValidateAsync(WizardWorkspace workspace, CancellationToken ct)
    {
        var answer = await migrations.ValidateAsync(
            workspace.Draft.PartnerTenantId, workspace.Picture.Customer.TenantId, WizardPlan.ToRequest(workspace.Content, workspace.Context), ct);
        return answer.Value;
    }

    /// <summary>
    /// Submits the draft the user reviewed at <paramref name="reviewedVersion"/>: migrates now, or schedules. A second
    /// submit (double click, another tab) leads to what the first created; the draft id is the desk's idempotency key.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(WizardWorkspace workspace, int reviewedVersion, string actor, CancellationToken ct)
    {
        var partnerId = workspace.Draft.PartnerTenantId;
        var (status, draft) = await drafts.ClaimAsync(partnerId, workspace.Draft.OwnerUserId, workspace.Draft.Id, reviewedVersion, ct);
        if (status != ClaimStatus.Claimed || draft is null)
        {
            return new SubmitResult(status, draft is not null && status == ClaimStatus.AlreadySubmitted ? ResultUrl(draft) : null, []);
        }

        var content = DraftJson.Read<DraftContent>(draft.Content);
        var request = WizardPlan.ToRequest(content, workspace.Context);
        var customerId = workspace.Picture.Customer.TenantId;
        if (content.When is WhenChoice.OnDate or WhenChoice.OnRenewal)
        {
            var timing = content.When == WhenChoice.OnDate ? ScheduleTiming.OnDate(content.TargetDate!.Value) : ScheduleTiming.OnRenewal;
            var scheduled = await schedules.CreateAsync(partnerId, customerId, request with { At = null, OnRenewal = false }, timing, actor, null, ct);
            if (scheduled.IsDone)
            {
                await drafts.MarkSubmittedAsync(draft, null, scheduled.Value!.Id, null, null, ct);
                return new SubmitResult(ClaimStatus.AlreadySubmitted, ResultUrl(draft), []);
            }

            await drafts.ReleaseAsync(draft, ct);
            return Refused(scheduled.IsNotFound, scheduled.Eligibility, scheduled.Errors);
        }

        var created = await migrations.CreateAsync(partnerId, customerId, request, new MigrationOrigin(actor, IdempotencyKey: $"wizard:{draft.Id:N}"), ct);
        if (created.IsDone)
        {
            await drafts.MarkSubmittedAsync(draft, created.Value!.Id, null, null, null, ct);
            return new SubmitResult(ClaimStatus.AlreadySubmitted, ResultUrl(draft), []);
        }

        await drafts.ReleaseAsync(draft, ct);
        return Refused(created.IsNotFound, created.Eligibility, created.Errors);
    }

    private static SubmitResult Refused(bool notFound, BundleEligibility? eligibility, IReadOnlyList<DeskError> errors)
    {
        if (notFound)
        {
            return new SubmitResult(ClaimStatus.NotFound, null, []);
        }

        var messages = eligibility is not null
            ? WizardPlan.Errors(eligibility)
            : errors.Select(e => new FieldError(null, "", e.Field == "TargetDate" ? "Target date" : "Request", e.Field == "TargetDate" ? WizardPlan.TargetDateField : "", e.Description)).ToList();
        return new SubmitResult(ClaimStatus.Changed, null, messages, eligibility);
    }
}
