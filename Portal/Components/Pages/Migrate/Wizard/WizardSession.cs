using Microsoft.AspNetCore.Components;
using Portal.Domain.Eligibility;
using Portal.Migrations.Wizard;

namespace Portal.Components.Pages.Migrate.Wizard;

/// <summary>
/// One open wizard page: the user's draft as last read or saved (the draft on the server stays the source of truth,
/// ADR-012), and the outcome of the last save or submit. Every step change saves through <see cref="DraftStore"/> and
/// every submit goes through <see cref="MigrationWizard"/>, exactly as the form posts did; one action at a time.
/// </summary>
public sealed class WizardSession(MigrationWizard wizard, DraftStore drafts, NavigationManager navigation, Guid partnerTenantId, Guid userId, string actor)
{
    public WizardWorkspace? Workspace { get; private set; }

    public BundleEligibility? Verdict { get; private set; }

    /// <summary>Messages of the last refused save or submit, each naming the member and field.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Set when another tab saved what this page was about to save; nothing of this page's entries was saved.</summary>
    public string? ConflictSaved { get; private set; }

    /// <summary>Another request is submitting the draft right now.</summary>
    public bool Submitting { get; private set; }

    /// <summary>The draft is not there (deleted, or never this user's) or no longer belongs to this customer.</summary>
    public bool Gone { get; private set; }

    public bool Busy { get; private set; }

    public string StepUrl(string step) => MigrationWizard.StepUrl(Workspace!.Picture.Customer.TenantId, Workspace.Draft.Id, step);

    /// <summary>Reads the draft afresh for <paramref name="step"/>, and judges the bundle where the step shows a verdict.</summary>
    public async Task LoadAsync(Guid customerId, Guid draftId, string step, CancellationToken ct)
    {
        Errors = [];
        ConflictSaved = null;
        Workspace = await wizard.LoadAsync(partnerTenantId, userId, customerId, draftId, ct);
        Gone = Workspace is null;
        Submitting = Workspace?.Draft is { IsSubmitted: false, SubmittingSince: not null };
        Verdict = Workspace is not null && step is "eligibility" or "review" && !Submitting && Workspace.Content.RequestedSubscriptionId is not null
            ? await wizard.ValidateAsync(Workspace, ct)
            : null;
        if (step == "review" && Verdict is not null)
        {
            Errors = WizardPlan.Errors(Verdict);
        }
    }

    /// <summary>Saves one section from the draft version this page read; moves on to <paramref name="next"/> when saved.</summary>
    public async Task SaveAsync(DraftSection section, Func<DraftContent, DraftContent> change, string next, CancellationToken ct = default)
    {
        if (Workspace is not { } ws || Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            var result = await drafts.SaveSectionAsync(partnerTenantId, userId, ws.Draft.Id, ws.Draft.Version, section, change, ct);
            switch (result.Status)
            {
                case SaveStatus.Saved:
                    Workspace = ws with { Draft = result.Draft!, Content = result.Content! };
                    navigation.NavigateTo(StepUrl(next));
                    break;
                case SaveStatus.Conflict:
                    Workspace = ws with { Draft = result.Draft!, Content = result.Content! };
                    ConflictSaved = WizardConflict.Summary(Workspace, section);
                    break;
                case SaveStatus.Submitted:
                    navigation.NavigateTo(MigrationWizard.ResultUrl(result.Draft!) ?? StepUrl("review"), forceLoad: true);
                    break;
                default:
                    Gone = true;
                    break;
            }
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Shows a refused step's messages (the same checks the server makes on every save).</summary>
    public void Refuse(IReadOnlyList<FieldError> errors)
    {
        Errors = errors;
        ConflictSaved = null;
    }

    /// <summary>Submits what the user reviewed, once: a second submit (double click, another tab) leads to what the first created.</summary>
    public async Task SubmitAsync(CancellationToken ct = default)
    {
        if (Workspace is not { } ws || Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            var result = await wizard.SubmitAsync(ws, ws.Draft.Version, actor, ct);
            switch (result.Status)
            {
                case ClaimStatus.AlreadySubmitted:
                    navigation.NavigateTo(result.RedirectTo ?? $"/customers/{ws.Picture.Customer.TenantId}", forceLoad: true);
                    return;
                case ClaimStatus.InProgress:
                    Submitting = true;
                    return;
                case ClaimStatus.NotFound:
                    Gone = true;
                    return;
            }

            await LoadAsync(ws.Picture.Customer.TenantId, ws.Draft.Id, "review", ct);
            if (result.Errors.Count > 0)
            {
                Errors = result.Errors;
            }
            else if (Workspace is not null)
            {
                ConflictSaved = $"version {Workspace.Draft.Version}";
            }
        }
        finally
        {
            Busy = false;
        }
    }
}
