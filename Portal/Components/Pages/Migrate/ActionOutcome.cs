using Portal.Migrations;

namespace Portal.Components.Pages.Migrate;

/// <summary>What an action on a failed migration did: the words to show, the desk's reasons, or the migration to open next.</summary>
public sealed record ActionOutcome(bool Succeeded, string Text, IReadOnlyList<DeskError> Errors, Guid? NextMigrationId = null)
{
    public static ActionOutcome Of<T>(DeskAnswer<T> answer, string done, string refused) =>
        new(answer.IsDone, answer.IsDone ? done : refused, answer.Errors);
}
