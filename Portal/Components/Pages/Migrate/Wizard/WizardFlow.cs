using Portal.Migrations.Wizard;

namespace Portal.Components.Pages.Migrate.Wizard;

/// <summary>The wizard's five steps, each with the address slug that names it in the URL, and which of them may be opened.</summary>
public static class WizardFlow
{
    public static readonly (string Slug, string Title)[] Steps =
    [
        ("bundle", "Bundle"),
        ("eligibility", "Eligibility"),
        ("targets", "Targets"),
        ("when", "When"),
        ("review", "Review"),
    ];

    /// <summary>The step's position (0 for "bundle"), or -1 for a slug that names no step.</summary>
    public static int IndexOf(string? slug) => Array.FindIndex(Steps, s => s.Slug == slug);

    /// <summary>The last step number that may be opened (every earlier step is done).</summary>
    public static int ReachableFor(DraftContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return !content.IsDone(DraftSection.Bundle) ? 1
            : !content.IsDone(DraftSection.Eligibility) ? 2
            : !content.IsDone(DraftSection.Targets) ? 3
            : !content.IsDone(DraftSection.When) ? 4
            : 5;
    }
}
