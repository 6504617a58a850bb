using Portal.Domain.Catalog;
using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Migrations.Wizard;
using Portal.Tests.Domain;

namespace Portal.Tests.Migrations.Wizard;

/// <summary>The wizard's rules: what each step offers, and how its form is read and judged (member and field named).</summary>
public class WizardPlanTests
{
    private static readonly LegacySubscription E3 = A.Subscription().Of(A.Office365E3).WithSeats(40).Build();
    private static readonly LegacySubscription Archiving = A.Subscription().Of(A.ExchangeArchiving).Named("Archiving").WithSeats(40).AddOnOf(E3).Build();

    [Fact]
    public void A_base_migrates_with_all_its_active_add_ons_and_offers_no_other_scope()
    {
        var cancelled = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(E3).WithStatus(LegacySubscriptionStatus.Cancelled).Build();
        var context = A.Context().With(E3, Archiving, cancelled).Build();

        var option = Assert.Single(WizardPlan.BundleOptions(E3, context));

        Assert.Equal(BundleScope.Bundle, option.Scope);
        Assert.Equal([E3.Id, Archiving.Id], option.Members.Select(m => m.Id));
    }

    [Fact]
    public void An_add_on_may_go_alone_or_with_its_whole_bundle()
    {
        var context = A.Context().With(E3, Archiving).Build();

        var options = WizardPlan.BundleOptions(Archiving, context);

        Assert.Equal([BundleScope.AddOnAlone, BundleScope.Bundle], options.Select(o => o.Scope));
        Assert.Equal([Archiving.Id], options[0].Members.Select(m => m.Id));
        Assert.Equal(E3.Id, options[1].RequestedSubscriptionId);
        Assert.All(options, o => Assert.Null(o.Unavailable));
    }

    [Fact]
    public void An_add_on_whose_base_is_cancelled_cannot_take_the_bundle_and_says_why()
    {
        var cancelledBase = A.Subscription().Of(A.Office365E3).WithStatus(LegacySubscriptionStatus.Cancelled).Build();
        var orphan = A.Subscription().Of(A.ExchangeArchiving).AddOnOf(cancelledBase).Build();
        var context = A.Context().With(cancelledBase, orphan).Build();

        var bundle = WizardPlan.BundleOptions(orphan, context)[1];

        Assert.Contains("Cancelled", bundle.Unavailable);
        Assert.Empty(bundle.Members);
    }

    [Fact]
    public void Only_the_term_and_billing_pairs_the_product_sells_are_offered()
    {
        var annualOnly = A.Office365E3 with
        {
            AllowedTargets = [new(TermDuration.P1Y, BillingCycle.Annual), new(TermDuration.P1Y, BillingCycle.Monthly), new(TermDuration.P1M, BillingCycle.Annual)],
        };
        var context = A.Context().WithOffer(annualOnly).With(E3).Build();

        var pairs = WizardPlan.Pairs(E3, context);

        // P1M billed annually is not sold in New Commerce at all, whatever the product says.
        Assert.Equal(["P1Y:Annual", "P1Y:Monthly"], pairs.Select(WizardPlan.PairValue));
    }

    [Fact]
    public void The_seat_limit_offered_is_what_the_smb_cap_leaves_after_seats_held_and_in_flight()
    {
        var standard = A.Subscription().Of(A.BusinessStandard).WithSeats(10).Build();
        var held = A.NceSubscription().Of(A.BusinessStandard).WithSeats(200).Build();
        var context = A.Context().With(standard).With(held)
            .WithInFlight(new InFlightSeats(Guid.NewGuid(), A.BusinessStandard.Mapping!.ProductSku, 40)).Build();

        Assert.Equal(60, WizardPlan.MaxSeats(standard, context));
        Assert.Null(WizardPlan.MaxSeats(E3, A.Context().With(E3).Build()));
    }

    [Fact]
    public void Valid_targets_are_read_for_every_member()
    {
        var context = A.Context().With(E3, Archiving).Build();
        var content = Bundle();
        var form = Form(
            (WizardPlan.FieldId("pair", E3.Id), "P3Y:Annual"), (WizardPlan.FieldId("seats", E3.Id), "45"), (WizardPlan.FieldId("end", E3.Id), "NewFullTerm"),
            (WizardPlan.FieldId("pair", Archiving.Id), "P1Y:Annual"), (WizardPlan.FieldId("seats", Archiving.Id), "40"), (WizardPlan.FieldId("end", Archiving.Id), "KeepEndDate"));

        var (choices, errors) = WizardPlan.ReadTargets([E3, Archiving], form, content, context);

        Assert.Empty(errors);
        Assert.Equal(new MemberChoice(E3.Id, TermDuration.P3Y, BillingCycle.Annual, 45, EndDateChoice.NewFullTerm), choices[0]);
        Assert.Equal(new MemberChoice(Archiving.Id, TermDuration.P1Y, BillingCycle.Annual, 40), choices[1]);
    }

    [Theory]
    [InlineData("0", "At least 1 seat")]
    [InlineData("", "Enter the number of seats")]
    [InlineData("4.5", "not a whole number")]
    [InlineData("-3", "not a whole number")]
    public void Bad_seats_are_refused_naming_the_member_and_the_field(string seats, string message)
    {
        var context = A.Context().With(E3, Archiving).Build();
        var form = Form(
            (WizardPlan.FieldId("pair", E3.Id), "P1Y:Annual"), (WizardPlan.FieldId("seats", E3.Id), "40"), (WizardPlan.FieldId("end", E3.Id), "KeepEndDate"),
            (WizardPlan.FieldId("pair", Archiving.Id), "P1Y:Annual"), (WizardPlan.FieldId("seats", Archiving.Id), seats), (WizardPlan.FieldId("end", Archiving.Id), "KeepEndDate"));

        var error = Assert.Single(WizardPlan.ReadTargets([E3, Archiving], form, Bundle(), context).Errors);

        Assert.Equal("Archiving", error.Member);
        Assert.Equal("Seats", error.Field);
        Assert.Equal(WizardPlan.FieldId("seats", Archiving.Id), error.FieldId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seats_up_to_the_cap_are_accepted_and_one_more_is_refused()
    {
        var standard = A.Subscription().Of(A.BusinessStandard).WithSeats(10).Build();
        var context = A.Context().With(standard).With(A.NceSubscription().Of(A.BusinessStandard).WithSeats(250).Build()).Build();
        var content = new DraftContent { Scope = BundleScope.Bundle, RequestedSubscriptionId = standard.Id };
        IReadOnlyList<Portal.Migrations.Wizard.FieldError> Read(string seats) => WizardPlan.ReadTargets([standard], Form(
            (WizardPlan.FieldId("pair", standard.Id), "P1Y:Annual"), (WizardPlan.FieldId("seats", standard.Id), seats), (WizardPlan.FieldId("end", standard.Id), "KeepEndDate")),
            content, context).Errors;

        Assert.Empty(Read("50"));
        Assert.Contains("At most 50", Assert.Single(Read("51")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pair_the_product_does_not_sell_is_refused_on_the_term_field()
    {
        var context = A.Context().With(E3).Build();
        var form = Form((WizardPlan.FieldId("pair", E3.Id), "P1M:Triennial"), (WizardPlan.FieldId("seats", E3.Id), "40"), (WizardPlan.FieldId("end", E3.Id), "KeepEndDate"));

        var error = Assert.Single(WizardPlan.ReadTargets([E3], form, Bundle(), context).Errors);

        Assert.Equal("Term and billing", error.Field);
        Assert.Equal(E3.FriendlyName, error.Member);
    }

    [Fact]
    public void A_custom_end_date_must_be_one_of_the_co_term_dates_of_the_chosen_term()
    {
        var context = A.Context().With(E3).Build();
        var migrationDay = TermDates.UtcDate(A.Now);
        var allowed = CoTerming.AllowedDates(TermDuration.P1Y, migrationDay, [])[0].Date;
        var notAllowed = allowed.AddDays(-1);
        IReadOnlyList<Portal.Migrations.Wizard.FieldError> Read(DateOnly date) => WizardPlan.ReadTargets([E3], Form(
            (WizardPlan.FieldId("pair", E3.Id), "P1Y:Annual"), (WizardPlan.FieldId("seats", E3.Id), "40"), (WizardPlan.FieldId("end", E3.Id), "CustomEndDate"),
            (WizardPlan.FieldId("custom", E3.Id), date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), Bundle(), context).Errors;

        Assert.Empty(Read(allowed));
        var error = Assert.Single(Read(notAllowed));
        Assert.Equal("Custom end date", error.Field);
        Assert.Equal(WizardPlan.FieldId("custom", E3.Id), error.FieldId);
    }

    [Fact]
    public void A_target_date_is_accepted_from_today_to_the_last_day_of_the_term()
    {
        var context = A.Context().With(E3).Build();
        var (min, max) = WizardPlan.TargetDateRange(E3, context);
        (WhenChoice? When, DateOnly? Date, IReadOnlyList<Portal.Migrations.Wizard.FieldError> Errors) Read(DateOnly date) =>
            WizardPlan.ReadWhen(E3, Form(("when", "OnDate"), ("targetDate", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), context);

        Assert.Equal(TermDates.UtcDate(A.Now), min);
        Assert.Equal(TermDates.UtcDate(E3.TermEnd), max);
        Assert.Empty(Read(min).Errors);
        Assert.Empty(Read(max).Errors);
        Assert.Equal("Target date", Assert.Single(Read(min.AddDays(-1)).Errors).Field);
        Assert.Equal("Target date", Assert.Single(Read(max.AddDays(1)).Errors).Field);
        Assert.Equal("When", Assert.Single(WizardPlan.ReadWhen(E3, Form(), context).Errors).Field);
    }

    [Fact]
    public void The_request_carries_each_members_target_and_the_timing()
    {
        var context = A.Context().With(E3, Archiving).Build();
        var content = Bundle() with
        {
            Members = [new MemberChoice(E3.Id, TermDuration.P1Y, BillingCycle.Monthly, 41, EndDateChoice.NewFullTerm), new MemberChoice(Archiving.Id, TermDuration.P1Y, BillingCycle.Annual, 5)],
            When = WhenChoice.OnRenewal,
        };

        var request = WizardPlan.ToRequest(content, context);

        Assert.Equal(E3.Id, request.SubscriptionId);
        Assert.True(request.Target!.PurchaseFullTerm);
        Assert.Equal(41, request.Target.Quantity);
        Assert.Equal(5, request.AddOnTargets[Archiving.Id].Quantity);
        Assert.True(request.OnRenewal);
        Assert.Null(request.At);
    }

    [Fact]
    public void Eligibility_reasons_land_on_the_field_that_fixes_them()
    {
        var standard = A.Subscription().Of(A.BusinessStandard).WithSeats(400).Build();
        var context = A.Context().With(standard).Build();

        var verdict = EligibilityEvaluator.Evaluate(new MigrationRequest(standard.Id), context);
        var error = Assert.Single(WizardPlan.Errors(verdict));

        Assert.Equal("Seats", error.Field);
        Assert.Equal(standard.FriendlyName, error.Member);
        Assert.Equal(WizardPlan.FieldId("seats", standard.Id), error.FieldId);
    }

    private static DraftContent Bundle() => new() { Scope = BundleScope.Bundle, RequestedSubscriptionId = E3.Id };

    private static Func<string, string?> Form(params (string Name, string Value)[] fields) =>
        name => fields.Where(f => f.Name == name).Select(f => f.Value).FirstOrDefault();
}
