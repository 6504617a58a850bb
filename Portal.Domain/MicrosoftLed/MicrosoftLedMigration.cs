using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Domain.MicrosoftLed;

/// <summary>What Microsoft will do with one subscription whose term ends on the planned day.</summary>
public sealed record MicrosoftLedDecision(
    LegacySubscription Subscription,
    bool WillMigrate,
    string? SkipReason,
    BundleEligibility? Eligibility)
{
    /// <summary>The Microsoft-led schedule to create for a subscription that will migrate.</summary>
    public MigrationSchedule CreateSchedule(Guid scheduleId, DateTimeOffset now)
    {
        if (!WillMigrate || Eligibility is null)
        {
            throw new Common.DomainException($"Microsoft does not migrate subscription {Subscription.Id}: {SkipReason}");
        }

        return MigrationSchedule.Create(
            scheduleId,
            Subscription.CustomerId,
            Subscription.Id,
            Subscription.TermEnd,
            ScheduleTiming.OnRenewal,
            Eligibility.ToLines(),
            now,
            isMicrosoftLed: true);
    }
}

/// <summary>
/// Microsoft-led migration: from 2024-01-11, active, migration-enabled commercial base subscriptions (with
/// their add-ons) get a schedule on the last day of their term and migrate the day after, carrying seats, term and
/// billing, except that a monthly term becomes annual. Skipped when the partner already scheduled the
/// subscription, when an add-on is ineligible, and for cancelled or inactive subscriptions; those renew in legacy.
/// </summary>
public static class MicrosoftLedMigration
{
    /// <summary>The first term end Microsoft migrates.</summary>
    public static readonly DateOnly FirstTermEnd = new(2024, 1, 11);

    /// <summary>Microsoft-led migrations run within three days after the term ends.</summary>
    public const int ExecutionDays = 3;

    /// <summary>The properties Microsoft migrates with: the legacy ones, a monthly term made annual, as a new term.</summary>
    public static MigrationTarget TargetFor(LegacySubscription subscription) => new(
        subscription.Term == TermDuration.P1M ? TermDuration.P1Y : subscription.Term,
        subscription.Billing,
        subscription.Quantity,
        PurchaseFullTerm: true);

    /// <summary>The schedule is created on the term's last (UTC) day.</summary>
    public static DateOnly ScheduleCreationDay(DateTimeOffset termEnd) => TermDates.UtcDate(termEnd);

    /// <summary>From 00:00 UTC the day after the term ends to 23:59:59 UTC two days later.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) ExecutionWindow(DateTimeOffset termEnd)
    {
        var firstDay = TermDates.UtcDate(termEnd).AddDays(1);
        return (TermDates.StartInstant(firstDay), TermDates.EndInstant(firstDay.AddDays(ExecutionDays - 1)));
    }

    /// <summary>
    /// The instant Microsoft runs the migration of <paramref name="subscriptionId"/> whose term ends at
    /// <paramref name="termEnd"/>: a second of the execution window picked by a stable hash of the subscription id
    /// (FNV-1a over its bytes, then SplitMix64's finaliser so that ids differing in one byte land far apart), so that many subscriptions ending on one day spread over the three days, and the same
    /// subscription always gets the same instant, in every process. Never before the window starts nor after it ends.
    /// </summary>
    public static DateTimeOffset ExecutionInstant(Guid subscriptionId, DateTimeOffset termEnd)
    {
        var (from, to) = ExecutionWindow(termEnd);
        var seconds = (ulong)(to - from).TotalSeconds + 1;
        return from.AddSeconds(StableHash(subscriptionId) % seconds);
    }

    private static ulong StableHash(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9UL;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }

    /// <summary>
    /// Decides, on <paramref name="day"/>, the Microsoft-led schedules for one customer's base subscriptions whose
    /// term ends that day (UTC).
    /// </summary>
    public static IReadOnlyList<MicrosoftLedDecision> Plan(
        DateOnly day,
        EligibilityContext context,
        IEnumerable<MigrationSchedule> customerSchedules)
    {
        var waiting = customerSchedules.Where(s => s.Status == ScheduleStatus.Created).ToList();
        return context.LegacySubscriptions
            .Where(s => !s.IsAddOn && TermDates.UtcDate(s.TermEnd) == day)
            .OrderBy(s => s.FriendlyName, StringComparer.Ordinal)
            .Select(s => Decide(s, context, waiting))
            .ToList();
    }

    /// <summary>
    /// What Microsoft would decide for each of the customer's base subscriptions on its own term's last day, judged
    /// with the facts of <paramref name="context"/>: <see cref="Plan"/> for every day at once.
    /// </summary>
    public static IReadOnlyList<MicrosoftLedDecision> Decisions(EligibilityContext context, IEnumerable<MigrationSchedule> customerSchedules)
    {
        ArgumentNullException.ThrowIfNull(context);
        var waiting = customerSchedules.Where(s => s.Status == ScheduleStatus.Created).ToList();
        return context.LegacySubscriptions.Where(s => !s.IsAddOn).Select(s => Decide(s, context, waiting)).ToList();
    }

    private static MicrosoftLedDecision Decide(LegacySubscription subscription, EligibilityContext context, List<MigrationSchedule> waiting)
    {
        if (TermDates.UtcDate(subscription.TermEnd) < FirstTermEnd)
        {
            return Skip(subscription, $"Its term ends before {FirstTermEnd:yyyy-MM-dd}, when Microsoft-led migration began.");
        }

        if (subscription.Status != LegacySubscriptionStatus.Active)
        {
            return Skip(subscription, $"It is {subscription.Status}; Microsoft migrates only Active subscriptions.");
        }

        // Microsoft migrates at renewal; a subscription with auto-renew off expires instead of renewing.
        if (!subscription.AutoRenewEnabled)
        {
            return Skip(subscription, "Auto-renew is off, so it expires at the end of its term instead of renewing.");
        }

        // A waiting schedule of the base, or of any add-on that would go with it (an add-on the partner scheduled
        // alone), already covers the bundle: a second schedule would migrate the same subscription twice.
        var addOns = context.ActiveAddOnsOf(subscription.Id);
        var bundle = addOns.Select(a => a.Id).Prepend(subscription.Id).ToHashSet();
        var schedule = waiting.FirstOrDefault(s => s.SubscriptionId == subscription.Id)
            ?? waiting.FirstOrDefault(s => bundle.Contains(s.SubscriptionId) || s.Lines.Any(l => bundle.Contains(l.LegacySubscriptionId)));
        if (schedule is not null)
        {
            return Skip(subscription, schedule.IsMicrosoftLed
                ? "Microsoft has already scheduled its migration."
                : schedule.SubscriptionId == subscription.Id
                    ? "The partner has scheduled its migration; Microsoft leaves partner-led schedules in place."
                    : $"The partner has scheduled the migration of its add-on {schedule.SubscriptionId}; Microsoft leaves partner-led schedules in place.");
        }

        var request = new MigrationRequest(subscription.Id)
        {
            Target = TargetFor(subscription),
            AddOnTargets = addOns.ToDictionary(a => a.Id, TargetFor),
            OnRenewal = true,
        };
        var eligibility = EligibilityEvaluator.Evaluate(request, context);
        return eligibility.IsEligible
            ? new MicrosoftLedDecision(subscription, true, null, eligibility)
            : new MicrosoftLedDecision(
                subscription,
                false,
                "It is not eligible, so it renews to a new legacy term: " + string.Join(" ", eligibility.IneligibleMembers.SelectMany(m => m.Reasons).Select(r => r.Description).Distinct()),
                eligibility);
    }

    private static MicrosoftLedDecision Skip(LegacySubscription subscription, string reason) => new(subscription, false, reason, null);
}
