using Portal.Domain.Eligibility;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using static Portal.Tests.Domain.MicrosoftLed.MicrosoftLedTestData;

namespace Portal.Tests.Domain.MicrosoftLed;

/// <summary>MigrationEligibilityStatus and MigrationIneligibilityReasons of the Microsoft-led migration data export.</summary>
public class ExportStatusTests
{
    private static readonly DateTimeOffset AWeekBefore = TermEnd.AddDays(-7);

    private static MemberEligibility Member(LegacySubscription subscription, params EligibilityReason[] reasons) => new(
        subscription.Id,
        subscription.ParentSubscriptionId,
        subscription.FriendlyName,
        MigrationTarget.CarryOver(subscription),
        A.Office365E3.Mapping!.CatalogItemId,
        reasons.Length == 0 ? new DateOnly(2025, 1, 17) : null,
        reasons);

    private static BundleEligibility Eligible(LegacySubscription subscription) => new(Member(subscription), [], TermEnd.AddSeconds(1));

    private static BundleEligibility Ineligible(LegacySubscription subscription, params EligibilityReason[] reasons) =>
        new(Member(subscription, reasons), [], TermEnd.AddSeconds(1));

    [Fact]
    public void A_subscription_not_evaluated_yet_is_PendingValidation()
    {
        Assert.Equal(MigrationEligibilityStatus.PendingValidation, MigrationExport.Status(Base().Build(), null, AWeekBefore));
    }

    [Fact]
    public void A_subscription_not_evaluated_yet_stays_PendingValidation_in_the_last_48_hours()
    {
        Assert.Equal(MigrationEligibilityStatus.PendingValidation, MigrationExport.Status(Base().Build(), null, TermEnd.AddHours(-1)));
    }

    [Fact]
    public void An_ineligible_subscription_is_Ineligible()
    {
        var subscription = Base().Build();

        var status = MigrationExport.Status(subscription, Ineligible(subscription, EligibilityReasons.NewCommerceProductUnavailable), AWeekBefore);

        Assert.Equal(MigrationEligibilityStatus.Ineligible, status);
    }

    [Fact]
    public void An_ineligible_subscription_stays_Ineligible_in_the_last_48_hours()
    {
        var subscription = Base().Build();

        var status = MigrationExport.Status(subscription, Ineligible(subscription, EligibilityReasons.SubscriptionPromotionsPresent), TermEnd.AddHours(-1));

        Assert.Equal(MigrationEligibilityStatus.Ineligible, status);
    }

    [Fact]
    public void An_eligible_subscription_is_Eligible_until_its_last_48_hours()
    {
        var subscription = Base().Build();

        Assert.Equal(MigrationEligibilityStatus.Eligible, MigrationExport.Status(subscription, Eligible(subscription), AWeekBefore));
    }

    [Theory]
    [InlineData(-1, MigrationEligibilityStatus.Eligible)]
    [InlineData(0, MigrationEligibilityStatus.ScheduleCreated)]
    [InlineData(1, MigrationEligibilityStatus.ScheduleCreated)]
    public void ScheduleCreated_shows_only_from_48_hours_before_the_term_ends(int secondsFrom48HoursBefore, MigrationEligibilityStatus expected)
    {
        var subscription = Base().Build();
        var now = TermEnd.AddHours(-48).AddSeconds(secondsFrom48HoursBefore);

        Assert.Equal(expected, MigrationExport.Status(subscription, Eligible(subscription), now));
    }

    [Fact]
    public void An_eligible_subscription_in_its_last_second_is_ScheduleCreated()
    {
        var subscription = Base().Build();

        Assert.Equal(MigrationEligibilityStatus.ScheduleCreated, MigrationExport.Status(subscription, Eligible(subscription), TermEnd));
    }

    [Fact]
    public void The_ineligibility_reasons_list_every_distinct_reason_of_every_member()
    {
        var @base = Base().Build();
        var addOn = AddOnOf(@base).Build();
        var eligibility = new BundleEligibility(
            Member(@base, EligibilityReasons.SubscriptionAddOnsPresent, EligibilityReasons.InvalidPartnerIdOnRecord),
            [Member(addOn, EligibilityReasons.SubscriptionPromotionsPresent, EligibilityReasons.InvalidPartnerIdOnRecord)],
            TermEnd.AddSeconds(1));

        var text = MigrationExport.IneligibilityReasons(eligibility);

        Assert.Equal(
            string.Join("; ", EligibilityReasons.SubscriptionAddOnsPresent.Description, EligibilityReasons.InvalidPartnerIdOnRecord.Description, EligibilityReasons.SubscriptionPromotionsPresent.Description),
            text);
    }

    [Fact]
    public void The_ineligibility_reasons_of_an_evaluated_subscription_read_as_the_evaluator_wrote_them()
    {
        var subscription = Base().Of(A.AzureInformationProtectionP1Unmapped).Build();
        var eligibility = Assert.Single(Plan(subscription)).Eligibility;

        var text = MigrationExport.IneligibilityReasons(eligibility);

        Assert.Contains("has no New Commerce equivalent", text, StringComparison.Ordinal);
        Assert.Equal(MigrationEligibilityStatus.Ineligible, MigrationExport.Status(subscription, eligibility, AWeekBefore));
    }

    [Fact]
    public void An_eligible_subscription_has_no_ineligibility_reasons()
    {
        Assert.Equal("", MigrationExport.IneligibilityReasons(Eligible(Base().Build())));
    }

    [Fact]
    public void A_subscription_not_evaluated_yet_has_no_ineligibility_reasons()
    {
        Assert.Equal("", MigrationExport.IneligibilityReasons(null));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void The_export_includes_terms_ending_up_to_three_months_ahead(int secondsFromThreeMonthsBefore, bool listed)
    {
        var subscription = Base().Build();
        var now = TermEnd.AddMonths(-3).AddSeconds(secondsFromThreeMonthsBefore);

        Assert.Equal(listed, MigrationExport.InWindow(subscription, now));
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(-1)]
    public void The_export_includes_a_term_that_has_not_ended_yet(int daysFromTermEnd)
    {
        Assert.True(MigrationExport.InWindow(Base().Build(), TermEnd.AddDays(daysFromTermEnd)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(86400)]
    public void The_export_leaves_out_a_term_that_has_already_ended(int secondsAfterTermEnd)
    {
        Assert.False(MigrationExport.InWindow(Base().Build(), TermEnd.AddSeconds(secondsAfterTermEnd)));
    }

    [Fact]
    public void The_export_leaves_out_a_term_ending_further_ahead()
    {
        Assert.False(MigrationExport.InWindow(Base().Build(), TermEnd.AddMonths(-4)));
    }
}
