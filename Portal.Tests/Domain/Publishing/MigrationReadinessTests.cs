using Portal.Domain.Publishing;

namespace Portal.Tests.Domain.Publishing;

/// <summary>The Learn page's data: the four stages and the seven questions of the source document.</summary>
public class MigrationReadinessTests
{
    [Fact]
    public void The_Learn_page_asks_the_seven_questions_of_the_source_in_its_order()
    {
        Assert.Equal(
            [
                "Am I migrating all my offers?",
                "Will my live offer continue to work?",
                "When I migrate, can I change my offers' pricing?",
                "What if my offer is in staging/publishing state?",
                "How does the new role-based access work?",
                "When I migrate is it final?",
                "Something went wrong in my migration, what should I do?",
            ],
            MigrationReadiness.Questions.Select(q => q.Question));
    }

    [Fact]
    public void Every_question_has_an_answer()
    {
        Assert.All(MigrationReadiness.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Answer)));
    }

    [Theory]
    [InlineData("Am I migrating all my offers?", "Virtual Machine")]
    [InlineData("Will my live offer continue to work?", "Staged offers become drafts")]
    [InlineData("When I migrate, can I change my offers' pricing?", "exactly the same")]
    [InlineData("What if my offer is in staging/publishing state?", "will fail")]
    [InlineData("How does the new role-based access work?", "co-admins become contributors")]
    [InlineData("When I migrate is it final?", "read-only")]
    [InlineData("Something went wrong in my migration, what should I do?", "revert")]
    public void Each_answer_says_what_the_rules_do(string question, string phrase)
    {
        var answer = MigrationReadiness.Questions.Single(q => q.Question == question).Answer;

        Assert.Contains(phrase, answer, StringComparison.Ordinal);
    }

    [Fact]
    public void The_questions_belong_to_deciding_you_are_ready_except_the_last_one_about_settling_in()
    {
        Assert.All(MigrationReadiness.Questions.SkipLast(1), q => Assert.Equal(MigrationStage.DecideYouAreReady, q.Stage));
        Assert.Equal(MigrationStage.SettleIn, MigrationReadiness.Questions[^1].Stage);
    }

    [Fact]
    public void The_four_stages_come_in_order_and_the_date_stage_states_the_Tuesday_window()
    {
        Assert.Equal(
            [MigrationStage.DecideYouAreReady, MigrationStage.SubmitToMigrate, MigrationStage.ConfirmADate, MigrationStage.SettleIn],
            MigrationReadiness.Stages.Select(s => s.Stage));
        Assert.Contains("Tuesday from 10:00 to 13:00 Pacific time", MigrationReadiness.Stages[2].Summary, StringComparison.Ordinal);
        Assert.Contains("24 hours", MigrationReadiness.Stages[2].Summary, StringComparison.Ordinal);
    }
}
