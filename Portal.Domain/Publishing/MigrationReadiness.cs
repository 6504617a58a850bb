namespace Portal.Domain.Publishing;

/// <summary>The four stages of a migration as the Learn page walks a publisher through them.</summary>
public enum MigrationStage
{
    DecideYouAreReady = 1,
    SubmitToMigrate = 2,
    ConfirmADate = 3,
    SettleIn = 4,
}

/// <summary>A step of the migration with what the publisher does in it.</summary>
public sealed record MigrationStageGuide(MigrationStage Stage, string Title, string Summary);

/// <summary>A question a publisher asks before (or after) migrating, with the answer.</summary>
public sealed record ReadinessQuestion(MigrationStage Stage, string Question, string Answer);

/// <summary>
/// What a publisher should know before migrating to the new Cloud Partner Portal: the stages and the questions and
/// answers of the source document, as data for the Learn page. The answers say what the rules in this folder do.
/// </summary>
public static class MigrationReadiness
{
    public static IReadOnlyList<MigrationStageGuide> Stages { get; } =
    [
        new(
            MigrationStage.DecideYouAreReady,
            "Decide you are ready",
            "Before migrating your offers to the new Cloud Partner Portal, make sure you are fully aware of what is going to happen."),
        new(
            MigrationStage.SubmitToMigrate,
            "Submit to migrate",
            "Once you have decided you are ready to plan your migration, submit to migrate on the Learn page with your publisher name and publisher id."),
        new(
            MigrationStage.ConfirmADate,
            "Confirm a date",
            "We migrate offers every week on Tuesday from 10:00 to 13:00 Pacific time, in one-hour slots, and ask the owner of the publishing account to confirm the time at least 24 hours in advance. If you need to migrate at a different time so that it does not interfere with your workflow, we will work with you to find the best time. You will get an email when the migration is finished and you can continue to work on the new portal."),
        new(
            MigrationStage.SettleIn,
            "Settle in and enjoy",
            "After the migration you are good to go on the new portal. From now on your migrated offers are read-only on the old portal, and all future creations and edits happen on the new portal."),
    ];

    public static IReadOnlyList<ReadinessQuestion> Questions { get; } =
    [
        new(
            MigrationStage.DecideYouAreReady,
            "Am I migrating all my offers?",
            "Today we are migrating all Virtual Machine offers: each of your draft, staged and listed Virtual Machine offers will be migrated. Every other type of offer (Solution Templates, Test Drives and the rest) continues to function on the old portal for the time being."),
        new(
            MigrationStage.DecideYouAreReady,
            "Will my live offer continue to work?",
            "Yes, the migration does not affect your live offers. Your publisher account information is pre-populated so that you can update your offers in the new portal as soon as the migration is done. Staged offers become drafts, and you need to publish them in the new portal."),
        new(
            MigrationStage.DecideYouAreReady,
            "When I migrate, can I change my offers' pricing?",
            "No. The pricing of all your live offers must stay exactly the same, as the migration does not support price changes: once your slot is booked, the price of a live offer cannot be changed until the migration is done."),
        new(
            MigrationStage.DecideYouAreReady,
            "What if my offer is in staging/publishing state?",
            "Your migration will fail if any of your offers is being published or staged on the old portal when it runs. When you pick your time to migrate, make sure that all your offers have finished publishing or staging."),
        new(
            MigrationStage.DecideYouAreReady,
            "How does the new role-based access work?",
            "In the new portal your admin becomes the owner of the publishing profile and all co-admins become contributors. To edit anything in your publishing profile, go to the new portal. To add someone to work on an offer on the old portal, you still add them as a co-admin on the old portal; to add someone to work on an offer on the new portal, add them as a contributor on the new portal."),
        new(
            MigrationStage.DecideYouAreReady,
            "When I migrate is it final?",
            "Yes. When we migrate your offers, all old portal actions on those offers become read-only and creating offers on the old portal is blocked. You continue to edit and work with all your migrated offers right where you left off, but only in the new portal."),
        new(
            MigrationStage.SettleIn,
            "Something went wrong in my migration, what should I do?",
            "If your migration fails, we revert the changes, so nothing is half-moved, and you book another time to migrate (or we arrange one with you). Feel free to reach out to us through the feedback tool if you have any questions once your migration is finished."),
    ];
}
