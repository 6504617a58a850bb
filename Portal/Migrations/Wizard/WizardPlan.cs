using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Migrations.Wizard;

/// <summary>A message about one field, of one member of the bundle when <see cref="SubscriptionId"/> is set.</summary>
public sealed record FieldError(Guid? SubscriptionId, string Member, string Field, string FieldId, string Message)
{
    public override string ToString() => Member.Length > 0 ? $"{Member}, {Field}: {Message}" : $"{Field}: {Message}";
}

/// <summary>A choice of step 1: what would migrate, or why it cannot be chosen.</summary>
public sealed record BundleOption(BundleScope Scope, Guid RequestedSubscriptionId, IReadOnlyList<LegacySubscription> Members, string? Unavailable)
{
    public string Value => Scope.ToString();
}

/// <summary>
/// The wizard's rules, derived from the domain's: which bundles and targets may be chosen, what the HTML constraint
/// attributes of each field are, and the messages that name the member and field at fault. Pure: everything comes
/// from the <see cref="EligibilityContext"/> (read at the partner's now) and the draft.
/// </summary>
public static class WizardPlan
{
    public const string PairField = "pair";
    public const string SeatsField = "seats";
    public const string EndField = "end";
    public const string CustomEndField = "custom";
    public const string WhenField = "when";
    public const string TargetDateField = "targetDate";

    /// <summary>The members that migrate together when <paramref name="requestedId"/> is requested: a base with its active add-ons, or an add-on alone.</summary>
    public static IReadOnlyList<LegacySubscription> MembersOf(Guid requestedId, EligibilityContext context)
    {
        var requested = context.Legacy(requestedId);
        if (requested is null)
        {
            return [];
        }

        return requested.IsAddOn ? [requested] : [requested, .. context.ActiveAddOnsOf(requested.Id)];
    }

    /// <summary>Step 1's choices for the subscription the wizard was opened for.</summary>
    public static IReadOnlyList<BundleOption> BundleOptions(LegacySubscription start, EligibilityContext context)
    {
        if (!start.IsAddOn)
        {
            return [new BundleOption(BundleScope.Bundle, start.Id, MembersOf(start.Id, context), null)];
        }

        var parent = context.Legacy(start.ParentSubscriptionId!.Value);
        var withBase = parent is { Status: LegacySubscriptionStatus.Active }
            ? new BundleOption(BundleScope.Bundle, parent.Id, MembersOf(parent.Id, context), null)
            : new BundleOption(BundleScope.Bundle, parent?.Id ?? Guid.Empty, [], parent is null
                ? "The base subscription is not one of this customer's subscriptions."
                : $"The base subscription '{parent.FriendlyName}' is {parent.Status}, so it cannot migrate with its add-ons.");
        return [new BundleOption(BundleScope.AddOnAlone, start.Id, [start], null), withBase];
    }

    /// <summary>The term/billing pairs the member's New Commerce product sells: the only ones offered.</summary>
    public static IReadOnlyList<TermBilling> Pairs(LegacySubscription member, EligibilityContext context) =>
        (context.Offer(member.OfferId)?.AllowedTargets ?? TermBilling.NewCommercePairs).Where(p => p.IsSoldInNewCommerce).ToList();

    public static string PairValue(TermBilling pair) => $"{pair.Term.ToIso8601()}:{pair.Billing}";

    public static string Describe(TermBilling pair) => $"{pair.Term.Describe()} term, billed {pair.Billing.ToString().ToLowerInvariant()}";

    /// <summary>
    /// The most seats the member may migrate with: what its product's per-customer seat cap leaves, after the seats in
    /// New Commerce and in flight; null when the product has no cap. (The evaluator also counts the other members.)
    /// </summary>
    public static int? MaxSeats(LegacySubscription member, EligibilityContext context)
    {
        var offer = context.Offer(member.OfferId);
        if (offer?.SeatCap is not { } cap || offer.Mapping is null)
        {
            return null;
        }

        var product = offer.Mapping.ProductSku;
        var active = context.NceSubscriptions.Where(s => s.Status == NceSubscriptionStatus.Active && s.ProductSku == product).ToList();
        var created = context.NceSubscriptions.Where(s => s.ProductSku == product && s.MigratedFromSubscriptionId is not null).Select(s => s.MigratedFromSubscriptionId!.Value).ToHashSet();
        var held = active.Sum(s => s.Quantity)
            + context.InFlight.Where(f => f.ProductSku == product && !created.Contains(f.LegacySubscriptionId)).Sum(f => f.Quantity);
        return Math.Max(0, cap - held);
    }

    /// <summary>When the migration would run: now, 00:00 UTC of the target date, or the day after the term ends.</summary>
    public static DateTimeOffset MigrationAt(DraftContent content, LegacySubscription requested, EligibilityContext context) => content.When switch
    {
        WhenChoice.OnDate when content.TargetDate is { } date => TermDates.StartInstant(date),
        WhenChoice.OnRenewal => ScheduleTiming.OnRenewal.DueAt(requested.TermEnd),
        _ => context.Now,
    };

    /// <summary>Co-term dates a member may choose for each term length its product sells, for a migration on <paramref name="migrationDay"/>.</summary>
    public static IReadOnlyList<(TermDuration Term, IReadOnlyList<CoTermDate> Dates)> CoTermDates(
        LegacySubscription member, DateOnly migrationDay, EligibilityContext context) =>
        Pairs(member, context).Select(p => p.Term).Distinct()
            .Select(term => (term, CoTerming.AllowedDates(term, migrationDay, context.NceSubscriptions)))
            .ToList();

    /// <summary>Step 3's starting values: each member's legacy properties carried over, keeping its end date.</summary>
    public static IReadOnlyList<MemberChoice> DefaultChoices(IEnumerable<LegacySubscription> members) =>
        members.Select(m => new MemberChoice(m.Id, m.Term, m.Billing, m.Quantity)).ToList();

    /// <summary>The choices of step 3 for the bundle of <paramref name="content"/>: saved ones, or the defaults for members without.</summary>
    public static IReadOnlyList<MemberChoice> Choices(DraftContent content, IReadOnlyList<LegacySubscription> members) =>
        members.Select(m => content.Member(m.Id) ?? DefaultChoices([m])[0]).ToList();

    /// <summary>The migration request the draft describes, for the desk's validate and create.</summary>
    public static MigrationRequest ToRequest(DraftContent content, EligibilityContext context)
    {
        var requestedId = content.RequestedSubscriptionId ?? throw new InvalidOperationException("The bundle has not been chosen.");
        var members = MembersOf(requestedId, context);
        var choices = Choices(content, members).ToDictionary(c => c.SubscriptionId, Target);
        var requested = context.Legacy(requestedId)!;
        return new MigrationRequest(requestedId)
        {
            Target = choices.GetValueOrDefault(requestedId),
            AddOnTargets = members.Skip(1).ToDictionary(m => m.Id, m => choices[m.Id]),
            At = content.When == WhenChoice.OnDate ? MigrationAt(content, requested, context) : null,
            OnRenewal = content.When == WhenChoice.OnRenewal,
        };
    }

    public static MigrationTarget Target(MemberChoice choice) => new(
        choice.Term,
        choice.Billing,
        choice.Quantity,
        PurchaseFullTerm: choice.End == EndDateChoice.NewFullTerm,
        CustomTermEndDate: choice.End == EndDateChoice.CustomEndDate ? choice.CustomEndDate : null);

    public static string FieldId(string field, Guid subscriptionId) => $"{field}-{subscriptionId:N}";

    /// <summary>
    /// Reads step 3's form: one term/billing pair, seat count and end-date choice per member. Every field is checked
    /// with the same rules the HTML constraint attributes state, and each message names the member and the field.
    /// </summary>
    public static (IReadOnlyList<MemberChoice> Choices, IReadOnlyList<FieldError> Errors) ReadTargets(
        IReadOnlyList<LegacySubscription> members, Func<string, string?> form, DraftContent content, EligibilityContext context)
    {
        var choices = new List<MemberChoice>();
        var errors = new List<FieldError>();
        var migrationDay = MigrationDay(members, content, context);
        foreach (var member in members)
        {
            var saved = content.Member(member.Id) ?? DefaultChoices([member])[0];
            void Error(string field, string label, string message) =>
                errors.Add(new FieldError(member.Id, member.FriendlyName, label, FieldId(field, member.Id), message));

            var pairs = Pairs(member, context);
            var pairText = form(FieldId(PairField, member.Id));
            var pair = pairs.FirstOrDefault(p => PairValue(p) == pairText);
            if (PairError(pairs, pairText) is { } pairError)
            {
                Error(PairField, "Term and billing", pairError);
                pair = new TermBilling(saved.Term, saved.Billing);
            }

            var seatsText = form(FieldId(SeatsField, member.Id));
            if (SeatsError(seatsText, MaxSeats(member, context)) is { } seatsError)
            {
                Error(SeatsField, "Seats", seatsError);
            }

            if (!int.TryParse(seatsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seats))
            {
                seats = saved.Quantity;
            }

            if (!Enum.TryParse<EndDateChoice>(form(FieldId(EndField, member.Id)), out var end) || !Enum.IsDefined(end))
            {
                Error(EndField, "Term end", "Choose whether to keep the end date, start a new full term or co-term to a date.");
                end = saved.End;
            }

            DateOnly? custom = null;
            if (end == EndDateChoice.CustomEndDate)
            {
                var customText = form(FieldId(CustomEndField, member.Id));
                custom = DateOnly.TryParseExact(customText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
                if (CustomEndError(custom, pair.Term, migrationDay, context) is { } customError)
                {
                    Error(CustomEndField, "Custom end date", customError);
                }
            }

            choices.Add(new MemberChoice(member.Id, pair.Term, pair.Billing, seats, end, custom));
        }

        return (choices, errors);
    }

    /// <summary>The first and last target date step 4 offers, as the schedule rules allow them: today (UTC, at the partner's now) to the last day of the current term.</summary>
    public static (DateOnly Min, DateOnly Max) TargetDateRange(LegacySubscription requested, EligibilityContext context) =>
        (TermDates.UtcDate(context.Now), TermDates.UtcDate(requested.TermEnd));

    /// <summary>Reads step 4's form: now, on a target date inside the current term, or on renewal.</summary>
    public static (WhenChoice? When, DateOnly? TargetDate, IReadOnlyList<FieldError> Errors) ReadWhen(
        LegacySubscription requested, Func<string, string?> form, EligibilityContext context)
    {
        if (!Enum.TryParse<WhenChoice>(form(WhenField), out var when) || !Enum.IsDefined(when))
        {
            return (null, null, [new FieldError(null, "", "When", WhenField, "Choose now, on a date, or on the renewal date.")]);
        }

        if (when != WhenChoice.OnDate)
        {
            return (when, null, []);
        }

        var text = form(TargetDateField);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (when, null, [new FieldError(null, "", "Target date", TargetDateField,
                string.IsNullOrWhiteSpace(text) ? "Enter the date to migrate on." : $"'{text}' is not a date (yyyy-mm-dd).")]);
        }

        return TargetDateError(date, requested, context) is { } error
            ? (when, date, [new FieldError(null, "", "Target date", TargetDateField, error)])
            : (when, date, []);
    }

    /// <summary>Step 3's rule for a member's term and billing: one of the <paramref name="pairs"/> its product sells; null when allowed.</summary>
    public static string? PairError(IReadOnlyList<TermBilling> pairs, string? value)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Any(p => PairValue(p) == value) ? null
            : pairs.Count == 0 ? "This product has no New Commerce term to migrate to."
            : $"Choose one of the terms this product is sold with: {string.Join("; ", pairs.Select(Describe))}.";
    }

    /// <summary>Step 3's rule for a member's seat count as typed: a whole number from 1 to the seat cap (<paramref name="max"/>, if any); null when allowed.</summary>
    public static string? SeatsError(string? text, int? max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seats))
        {
            return string.IsNullOrWhiteSpace(text) ? "Enter the number of seats." : $"'{text}' is not a whole number of seats.";
        }

        return seats < 1 ? "At least 1 seat must migrate."
            : max is { } cap && seats > cap ? $"At most {cap} seats can migrate: the product's per-customer seat cap is nearly reached."
            : null;
    }

    /// <summary>Step 3's rule for a co-term date (customTermEndDates): one of the dates allowed for the term on the migration day; null when allowed.</summary>
    public static string? CustomEndError(DateOnly? date, TermDuration term, DateOnly migrationDay, EligibilityContext context) =>
        date is not { } chosen ? "Choose one of the co-term dates offered."
        : CoTerming.Check(chosen, term, migrationDay, context.NceSubscriptions)?.Description;

    /// <summary>The day (UTC) the bundle of <paramref name="members"/> would migrate on, as the draft's timing says.</summary>
    public static DateOnly MigrationDay(IReadOnlyList<LegacySubscription> members, DraftContent content, EligibilityContext context)
    {
        var requested = members.Count > 0 ? context.Legacy(content.RequestedSubscriptionId ?? members[0].Id) ?? members[0] : null;
        return requested is null ? TermDates.UtcDate(context.Now) : TermDates.UtcDate(MigrationAt(content, requested, context));
    }

    /// <summary>Step 4's rule for a target date: inside the current term, from today (UTC); null when allowed.</summary>
    public static string? TargetDateError(DateOnly date, LegacySubscription requested, EligibilityContext context)
    {
        var (min, max) = TargetDateRange(requested, context);
        return ScheduleBook.TargetDateAllowed(date, requested.TermEnd, context.Now) ? null
            : $"Choose a date from {min:yyyy-MM-dd} to {max:yyyy-MM-dd} (UTC), inside the current term; to migrate when the term ends, choose the renewal date.";
    }

    /// <summary>
    /// The eligibility verdict as messages on fields: a reason the member's target causes is put on the field that
    /// fixes it, a reason about timing on step 4's field, any other on the member itself.
    /// </summary>
    public static IReadOnlyList<FieldError> Errors(BundleEligibility verdict) =>
        verdict.Members.SelectMany(m => m.Reasons.Select(r =>
        {
            var (field, label) = FieldOf(r);
            var id = field == WhenField ? WhenField : field.Length == 0 ? $"member-{m.SubscriptionId:N}" : FieldId(field, m.SubscriptionId);
            return new FieldError(m.SubscriptionId, m.FriendlyName, label, id, $"{r.Description} {r.Guidance}");
        })).ToList();

    /// <summary>The form field (and its label) a reason is about; empty for reasons no field can fix.</summary>
    public static (string Field, string Label) FieldOf(EligibilityReason reason) => reason.Name switch
    {
        nameof(EligibilityReasons.TermDurationBillingCycleCombinationNotSupported) => (PairField, "Term and billing"),
        nameof(EligibilityReasons.InvalidQuantity) or nameof(EligibilityReasons.LicenseLimitReached) => (SeatsField, "Seats"),
        nameof(EligibilityReasons.MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm) => (EndField, "Term end"),
        nameof(EligibilityReasons.InvalidCustomTermEndDate)
            or nameof(EligibilityReasons.CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth) => (CustomEndField, "Custom end date"),
        nameof(EligibilityReasons.SubscriptionActiveForLessThanOneMonth)
            or nameof(EligibilityReasons.AddOnPurchasedWithinLast30Days)
            or nameof(EligibilityReasons.SubscriptionTooCloseToTermEnd) => (WhenField, "When"),
        _ => ("", "Eligibility"),
    };
}
