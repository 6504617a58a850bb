using Portal.Demo;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Demo;

/// <summary>What the seeded demo data lets a person see: every eligibility reason, bundle case, migration state and schedule kind.</summary>
public sealed class DemoCoverageTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    /// <summary>
    /// Reasons stored data cannot cause, so the demo does not try: 11 and 12 judge a custom term end date, which only
    /// a request carries; InvalidQuantity judges a requested seat count (stored subscriptions hold at least one seat);
    /// MigrationEvaluationPending is a transient Partner Center export status the evaluator never returns;
    /// PartnerProfileInvalid and PartnerOrganizationInactive would make every subscription of a demo partner ineligible.
    /// </summary>
    public static readonly IReadOnlyList<EligibilityReason> NotCausedByDemoData =
    [
        EligibilityReasons.InvalidCustomTermEndDate,
        EligibilityReasons.CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth,
        EligibilityReasons.InvalidQuantity,
        EligibilityReasons.MigrationEvaluationPending,
        EligibilityReasons.PartnerProfileInvalid,
        EligibilityReasons.PartnerOrganizationInactive,
    ];

    public static TheoryData<int> DataCodes => new(Enumerable.Range(0, 11));

    [Theory]
    [MemberData(nameof(DataCodes))]
    public void Evaluating_every_stored_legacy_subscription_yields_reason_code(int code)
    {
        Assert.Contains(demo.Verdicts.SelectMany(v => v.AllReasons), r => r.Code == code);
    }

    [Fact]
    public void Evaluating_every_stored_legacy_subscription_yields_every_reason_that_data_can_cause()
    {
        var seen = demo.Verdicts.SelectMany(v => v.AllReasons).ToList();
        var missing = EligibilityReasons.All
            .Where(kind => !NotCausedByDemoData.Contains(kind))
            .Where(kind => !seen.Any(r => r.Is(kind)))
            .Select(kind => $"{kind.Code} {kind.Name}: {kind.Description}")
            .ToList();

        Assert.Empty(missing);
        Assert.All(NotCausedByDemoData, kind => Assert.DoesNotContain(seen, r => r.Is(kind)));
    }

    [Fact]
    public void Plenty_of_subscriptions_are_eligible_too()
    {
        Assert.True(demo.Verdicts.Count(v => v.Eligibility.IsEligible) >= 15);
        Assert.Contains(demo.Verdicts, v => v.Eligibility.IsEligible && v.Customer.PartnerTenantId == DemoIds.NorthwindTenantId);
    }

    [Fact]
    public void The_sandbox_partner_skips_the_first_month_check_that_production_applies()
    {
        var sandbox = demo.Verdict("Boulder Innovations", "Project Plan 3");
        var production = demo.Verdict("Litware, Inc.", "Project Plan 3");

        Assert.True(SeededDemo.Now - sandbox.Subscription.PurchaseDate < TimeSpan.FromDays(28));
        Assert.True(sandbox.Eligibility.IsEligible);
        Assert.Contains(production.AllReasons, r => r.Is(EligibilityReasons.SubscriptionActiveForLessThanOneMonth));
    }

    [Fact]
    public void A_base_with_eligible_add_ons_migrates_as_one_bundle()
    {
        var bundle = demo.Verdict("Fabrikam, Inc.", "Office 365 E3").Eligibility;

        Assert.True(bundle.IsEligible);
        Assert.Equal(2, bundle.AddOns.Count);
    }

    [Fact]
    public void A_base_is_blocked_by_an_ineligible_add_on()
    {
        var bundle = demo.Verdict("Adventure Works Cycles", "Office 365 E3").Eligibility;

        Assert.Contains(bundle.Requested.Reasons, r => r.Is(EligibilityReasons.SubscriptionAddOnsPresent));
        Assert.Contains(Assert.Single(bundle.AddOns).Reasons, r => r.Is(EligibilityReasons.SubscriptionPromotionsPresent));
    }

    [Fact]
    public void An_add_on_bought_within_thirty_days_blocks_its_bundle()
    {
        var bundle = demo.Verdict("Boulder Innovations", "Microsoft 365 Business Standard").Eligibility;

        Assert.True(Assert.Single(bundle.AddOns).IsEligible);
        Assert.Equal([EligibilityReasons.AddOnPurchasedWithinLast30Days.Name], bundle.Requested.Reasons.Select(r => r.Name));
    }

    [Fact]
    public void An_add_on_may_migrate_alone_beside_its_legacy_base_or_a_new_commerce_base()
    {
        Assert.True(demo.Verdict("Fabrikam, Inc.", "Exchange Online Archiving").Eligibility.IsEligible);
        Assert.True(demo.Verdict("Woodgrove Credit Union", "Exchange Online Archiving for Exchange Online").Eligibility.IsEligible);
        var nceBase = demo.Verdict("VanArsdel, Ltd.", "Microsoft Defender for Office 365 (Plan 1)");
        Assert.Equal(LegacySubscriptionStatus.Cancelled, demo.Legacy.Single(s => s.Id == nceBase.Subscription.ParentSubscriptionId).Status);
        Assert.True(nceBase.Eligibility.IsEligible);
    }

    [Fact]
    public void An_add_on_whose_base_is_gone_cannot_migrate_alone()
    {
        var addOn = demo.Verdict("Consolidated Messenger", "Exchange Online Archiving").Eligibility;

        Assert.Equal([EligibilityReasons.AddOnBaseServicesMissing.Name], addOn.Requested.Reasons.Select(r => r.Name));
    }

    [Fact]
    public void Migrations_exist_in_every_phase_with_their_events()
    {
        Assert.All(Enum.GetValues<MigrationPhase>(), phase => Assert.Contains(demo.Migrations, m => m.Phase == phase));
        Assert.All(demo.Migrations, m => Assert.Contains(m.Events, e => e.Name == MigrationEventName.MigrationStarted));

        var completed = demo.Migrations.Where(m => m.Phase == MigrationPhase.Completed).ToList();
        Assert.All(completed, m => Assert.All(m.Members, member => Assert.NotNull(member.NceSubscriptionId)));
        Assert.Contains(completed, m => Enum.GetValues<MigrationEventName>().All(name => m.Events.Any(e => e.Name == name)));

        var suspended = demo.Migrations.Where(m => m.Phase == MigrationPhase.FailedLegacySuspended).ToList();
        Assert.All(suspended, m => Assert.True(SeededDemo.Now < m.ResolutionDeadline, "inside the 72 hours"));

        var migratedLegacy = demo.Legacy.Where(s => s.Status == LegacySubscriptionStatus.Migrated).Select(s => s.Id).ToHashSet();
        Assert.Equal(completed.SelectMany(m => m.Members).Select(m => m.LegacySubscriptionId).ToHashSet(), migratedLegacy);
        Assert.All(demo.Migrations.Where(m => m.Phase == MigrationPhase.Reverted).SelectMany(m => m.Members), member =>
            Assert.Equal(LegacySubscriptionStatus.Active, demo.Legacy.Single(s => s.Id == member.LegacySubscriptionId).Status));
        Assert.Contains(demo.Migrations, m => m.Phase == MigrationPhase.LegacySuspended && m.Members.Count > 1);
        Assert.Contains(demo.Migrations, m => m.IsMicrosoftLed && m.Phase == MigrationPhase.Completed);
    }

    [Fact]
    public void Some_migrations_share_an_external_reference_as_one_bulk_batch()
    {
        var batches = demo.Migrations.Where(m => m.ExternalReferenceId is not null).GroupBy(m => m.ExternalReferenceId).ToList();

        Assert.Contains(batches, b => b.Count() >= 4 && b.Any(m => m.Status == MigrationStatus.Failed) && b.Any(m => m.Status == MigrationStatus.Completed));
        Assert.True(batches.Count >= 2);
    }

    [Fact]
    public void Schedules_exist_made_by_partners_on_a_date_and_on_renewal_and_made_by_Microsoft()
    {
        var waiting = demo.Schedules.Where(s => s.Status == ScheduleStatus.Created).ToList();

        Assert.Contains(waiting, s => !s.IsMicrosoftLed && s.Timing.TargetDate is not null);
        Assert.Contains(waiting, s => !s.IsMicrosoftLed && s.Timing.MigrateOnRenewal);
        Assert.Contains(waiting, s => s.IsMicrosoftLed && s.Lines.Count > 1);
        Assert.Contains(waiting, s => s.IsMicrosoftLed && s.Lines[0].Target.Term == TermDuration.P1Y
            && demo.Legacy.Single(l => l.Id == s.SubscriptionId).Term == TermDuration.P1M);
        Assert.Contains(demo.Schedules, s => s.IsMicrosoftLed && s.Status == ScheduleStatus.Cancelled);
        Assert.Contains(demo.Schedules, s => s.Status == ScheduleStatus.Completed && demo.Migrations.Any(m => m.Id == s.NewCommerceMigrationId));
        Assert.Contains(demo.Schedules, s => s.Status == ScheduleStatus.Failed && s.ErrorDescription is not null);
        Assert.Contains(waiting.GroupBy(s => s.ExternalReferenceId).Where(g => g.Key is not null), g => g.Count() >= 2);
        Assert.Equal(waiting.Count, waiting.Select(s => s.SubscriptionId).Distinct().Count());
    }

    [Fact]
    public void New_commerce_subscriptions_are_inside_and_outside_their_cancellation_window()
    {
        Assert.Contains(demo.Nce, s => s.IsInCancellationWindow(SeededDemo.Now) && s.MigratedFromSubscriptionId is not null);
        Assert.Contains(demo.Nce, s => s.IsInCancellationWindow(SeededDemo.Now) && s.MigratedFromSubscriptionId is null);
        Assert.Contains(demo.Nce, s => !s.IsInCancellationWindow(SeededDemo.Now) && s.MigratedFromSubscriptionId is not null);
        Assert.Contains(demo.Nce, s => !s.IsInCancellationWindow(SeededDemo.Now) && s.MigratedFromSubscriptionId is null);
        Assert.All(demo.Nce, s => Assert.True(s.TermEnd > SeededDemo.Now));
    }

    [Fact]
    public void Stored_ids_are_the_documented_stable_ones()
    {
        var fabrikam = demo.Customer("Fabrikam, Inc.");

        Assert.Equal(DemoIds.Stable("customer:fabrikaminc.onmicrosoft.com"), fabrikam.TenantId);
        Assert.Equal(DemoIds.Stable("legacy:fabrikaminc.onmicrosoft.com:Office 365 E3"), demo.Subscription("Fabrikam, Inc.", "Office 365 E3").Id);
    }
}
