using Portal.Csv.Exports;
using Portal.Domain.Eligibility;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Dashboard;

/// <summary>
/// One customer judged once, with everything stored from it: the dashboard's counts (ADR-022) and every legacy
/// subscription's verdicts for the exports (ADR-030).
/// </summary>
public sealed record CustomerJudgement(CustomerCount Count, long Stamp, IReadOnlyList<SubscriptionVerdict> Verdicts)
{
    /// <summary>
    /// Judges the customer by the rules at its context's now, with the facts read at the figure's <paramref name="stamp"/>:
    /// each subscription's verdict on migrating now; for those still on legacy (Active or Suspended), what
    /// Microsoft would do at its term's end (<see cref="MicrosoftLedMigration.Decisions"/> for a base, the add-on
    /// alone for an add-on); and the count of active bases that could migrate now.
    /// </summary>
    public static CustomerJudgement Of(CustomerHoldings customer, long stamp)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var context = customer.Context;
        var led = MicrosoftLedMigration.Decisions(context, customer.WaitingSchedules).ToDictionary(d => d.Subscription.Id);
        var verdicts = new List<SubscriptionVerdict>(context.LegacySubscriptions.Count);
        var (eligible, ineligible) = (0, 0);
        foreach (var subscription in context.LegacySubscriptions)
        {
            var now = EligibilityEvaluator.Evaluate(new MigrationRequest(subscription.Id), context);
            if (subscription.Status == LegacySubscriptionStatus.Active && !subscription.IsAddOn)
            {
                (eligible, ineligible) = now.IsEligible ? (eligible + 1, ineligible) : (eligible, ineligible + 1);
            }

            var (ledEligible, ledReasons, ledScheduled) = subscription.Status is LegacySubscriptionStatus.Active or LegacySubscriptionStatus.Suspended
                ? Led(subscription, customer, led)
                : (null, "", false);
            verdicts.Add(new SubscriptionVerdict
            {
                SubscriptionId = subscription.Id,
                CustomerId = customer.Customer.TenantId,
                Stamp = stamp,
                Eligible = now.IsEligible,
                Reasons = MigrationExport.IneligibilityReasons(now),
                LedEligible = ledEligible,
                LedReasons = ledReasons,
                LedScheduled = ledScheduled,
                LedTermEnd = subscription.Status is LegacySubscriptionStatus.Active or LegacySubscriptionStatus.Suspended ? subscription.TermEnd : null,
            });
        }

        var holdsUntil = EligibilityEvaluator.VerdictsHoldUntil(context) ?? CustomerEligibilityFigure.Never;
        return new CustomerJudgement(new CustomerCount(customer.Customer.TenantId, eligible, ineligible, holdsUntil), stamp, verdicts);
    }

    private static (bool? Eligible, string Reasons, bool Scheduled) Led(LegacySubscription subscription, CustomerHoldings customer, Dictionary<Guid, MicrosoftLedDecision> decisions)
    {
        if (subscription.IsAddOn)
        {
            // A base still on legacy with the same term end renews in the same window: the export shows the base's verdict.
            if (customer.Context.Legacy(subscription.ParentSubscriptionId!.Value) is { Status: LegacySubscriptionStatus.Active or LegacySubscriptionStatus.Suspended } @base
                && @base.TermEnd == subscription.TermEnd)
            {
                return (null, "", false);
            }

            // Its verdict alone, with Microsoft's renewal target: the export uses it when the base is not renewing with it.
            var alone = EligibilityEvaluator.Evaluate(
                new MigrationRequest(subscription.Id) { Target = MicrosoftLedMigration.TargetFor(subscription), OnRenewal = true },
                customer.Context);
            return (alone.IsEligible, MigrationExport.IneligibilityReasons(alone), false);
        }

        var decision = decisions[subscription.Id];
        if (decision.Eligibility is { } eligibility)
        {
            return (eligibility.IsEligible, MigrationExport.IneligibilityReasons(eligibility), false);
        }

        // Not evaluated: Microsoft has already scheduled it, or it will not migrate (partner schedule, inactive, no auto-renew).
        var scheduledByMicrosoft = customer.WaitingSchedules.Any(s => s.IsMicrosoftLed && s.SubscriptionId == subscription.Id);
        return (null, scheduledByMicrosoft ? "" : decision.SkipReason ?? "", scheduledByMicrosoft);
    }
}
