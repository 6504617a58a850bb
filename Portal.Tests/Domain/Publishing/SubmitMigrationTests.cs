using Portal.Domain.Publishing;
using static Portal.Tests.Domain.Publishing.PublishingTestData;

namespace Portal.Tests.Domain.Publishing;

/// <summary>Submitting to migrate with the publisher name and id.</summary>
public class SubmitMigrationTests
{
    [Fact]
    public void Submitting_with_the_publishers_name_and_id_creates_a_Submitted_migration()
    {
        var publisher = TypicalPublisher();

        var outcome = publisher.SubmitMigration(MigrationId, PublisherName, PublisherId, Earlier);

        Assert.True(outcome.Succeeded);
        var migration = publisher.Migration;
        Assert.NotNull(migration);
        Assert.Equal(MigrationId, migration.Id);
        Assert.Equal(PublisherId, migration.PublisherId);
        Assert.Equal(Earlier, migration.SubmittedAt);
        Assert.Equal(PublisherMigrationStatus.Submitted, migration.Status);
        Assert.Null(migration.Slot);
        Assert.Empty(migration.Notifications);
    }

    [Fact]
    public void The_name_and_id_match_regardless_of_case_and_surrounding_spaces()
    {
        var publisher = TypicalPublisher();

        var outcome = publisher.SubmitMigration(MigrationId, "  contoso ", " CONTOSO", Earlier);

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void A_wrong_publisher_id_is_refused_and_the_refusal_says_which_id_was_expected()
    {
        var publisher = TypicalPublisher();

        var outcome = publisher.SubmitMigration(MigrationId, PublisherName, "contso", Earlier);

        Assert.False(outcome.Succeeded);
        Assert.Equal(PublishingRefusals.PublisherDoesNotMatch, outcome.Refusal!.Code);
        Assert.Contains("publisher id 'contso' is not 'contoso'", outcome.Refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("publisher name", outcome.Refusal.Message, StringComparison.Ordinal);
        Assert.Null(publisher.Migration);
    }

    [Fact]
    public void A_wrong_publisher_name_is_refused()
    {
        var publisher = TypicalPublisher();

        var outcome = publisher.SubmitMigration(MigrationId, "Fabrikam", PublisherId, Earlier);

        Assert.Equal(PublishingRefusals.PublisherDoesNotMatch, outcome.Refusal?.Code);
        Assert.Contains("publisher name 'Fabrikam' is not 'Contoso'", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Null(publisher.Migration);
    }

    [Fact]
    public void When_both_are_wrong_the_refusal_names_both()
    {
        var publisher = TypicalPublisher();

        var outcome = publisher.SubmitMigration(MigrationId, "Fabrikam", "fabrikam", Earlier);

        Assert.Contains("publisher name 'Fabrikam'", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("publisher id 'fabrikam'", outcome.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_name_or_id_is_refused_as_not_matching()
    {
        var publisher = TypicalPublisher();

        Assert.Equal(PublishingRefusals.PublisherDoesNotMatch, publisher.SubmitMigration(MigrationId, "", PublisherId, Earlier).Refusal?.Code);
        Assert.Equal(PublishingRefusals.PublisherDoesNotMatch, publisher.SubmitMigration(MigrationId, PublisherName, "  ", Earlier).Refusal?.Code);
    }

    [Fact]
    public void A_second_submission_while_the_first_is_open_is_refused()
    {
        var publisher = TypicalPublisher();
        var first = Booked(publisher);

        var outcome = publisher.SubmitMigration(Guid.NewGuid(), PublisherName, PublisherId, Earlier);

        Assert.Equal(PublishingRefusals.AlreadySubmitted, outcome.Refusal?.Code);
        Assert.Same(first, publisher.Migration);
    }

    [Fact]
    public void A_publisher_that_has_migrated_cannot_submit_again()
    {
        var publisher = MigratedPublisher();

        var outcome = publisher.SubmitMigration(Guid.NewGuid(), PublisherName, PublisherId, Slot.AddDays(1));

        Assert.Equal(PublishingRefusals.AlreadyMigrated, outcome.Refusal?.Code);
    }
}
