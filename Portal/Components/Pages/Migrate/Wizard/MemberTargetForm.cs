using System.Globalization;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Migrations.Wizard;

namespace Portal.Components.Pages.Migrate.Wizard;

/// <summary>What the person has entered for one member in step 3, as typed; read by <see cref="WizardPlan.ReadTargets"/> like a posted form.</summary>
public sealed class MemberTargetForm(LegacySubscription member, MemberChoice saved)
{
    public LegacySubscription Member { get; } = member;

    public string? Pair { get; set; } = WizardPlan.PairValue(new TermBilling(saved.Term, saved.Billing));

    public string? Seats { get; set; } = saved.Quantity.ToString(CultureInfo.InvariantCulture);

    public EndDateChoice End { get; set; } = saved.End;

    public DateOnly? CustomEnd { get; set; } = saved.CustomEndDate;

    /// <summary>The term of the chosen pair (the saved one until a pair is chosen).</summary>
    public TermDuration Term { get; } = saved.Term;

    public TermDuration ChosenTerm(IReadOnlyList<TermBilling> pairs) =>
        pairs.FirstOrDefault(p => WizardPlan.PairValue(p) == Pair) is { Term: var term } pair && pair != default ? term : Term;

    public string FieldId(string field) => WizardPlan.FieldId(field, Member.Id);

    /// <summary>The entries under the field names a posted form used.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Fields() =>
    [
        new(FieldId(WizardPlan.PairField), Pair),
        new(FieldId(WizardPlan.SeatsField), Seats),
        new(FieldId(WizardPlan.EndField), End.ToString()),
        new(FieldId(WizardPlan.CustomEndField), CustomEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];
}
