using System.Runtime.CompilerServices;
using Portal.Domain.Eligibility;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Csv.Exports;

/// <summary>
/// Partner Center's Microsoft-led migration data export: the partner's legacy subscriptions still on legacy (Active,
/// or Suspended while a migration holds them) whose term ends in the next three months, with what Microsoft will do
/// at renewal. The decision is the domain's <see cref="MicrosoftLedMigration.Plan"/> for the term's last day and the
/// status is <see cref="MigrationExport.Status"/>; an add-on shares its base's verdict, since it migrates with it.
/// </summary>
public sealed class MicrosoftLedExport(PartnerHoldings holdings) : ICsvExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "PartnerTenantId", "PartnerId", "CustomerTenantId", "CustomerName", "SubscriptionId", "SubscriptionFriendlyName",
        "OfferId", "IsAddOn", "ParentSubscriptionId", "Quantity", "TermDuration", "BillingCycle", "SubscriptionEndDate",
        "CatalogItemId", "MigrationEligibilityStatus", "MigrationIneligibilityReasons", "LastProcessedDate",
    ];

    public string FileName => "microsoft-led-migrations.csv";

    public IReadOnlyList<string> Header => Columns;

    public async IAsyncEnumerable<string[]> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partner = await holdings.PartnerAsync(partnerTenantId, cancellationToken);
        if (partner is null)
        {
            yield break;
        }

        // Only customers with a term ending in the window have rows: the others are not read at all.
        await foreach (var page in holdings.PagesWithTermsEndingAsync(partner, now, now.AddMonths(MigrationExport.WindowMonths), cancellationToken))
        {
            foreach (var customer in page)
            {
                foreach (var row in CustomerRows(customer, now))
                {
                    yield return row;
                }
            }
        }
    }

    private static IEnumerable<string[]> CustomerRows(CustomerHoldings holdings, DateTimeOffset now)
    {
        var context = holdings.Context;
        var inWindow = context.LegacySubscriptions
            .Where(s => s.Status is LegacySubscriptionStatus.Active or LegacySubscriptionStatus.Suspended && MigrationExport.InWindow(s, now))
            .ToList();
        if (inWindow.Count == 0)
        {
            yield break;
        }

        var decisions = inWindow.Where(s => !s.IsAddOn)
            .Select(s => TermDates.UtcDate(s.TermEnd))
            .Distinct()
            .SelectMany(day => MicrosoftLedMigration.Plan(day, context, holdings.WaitingSchedules))
            .ToDictionary(d => d.Subscription.Id);

        foreach (var subscription in inWindow.OrderBy(s => s.TermEnd).ThenBy(s => s.ParentSubscriptionId ?? s.Id).ThenBy(s => s.IsAddOn).ThenBy(s => s.FriendlyName, StringComparer.Ordinal))
        {
            var baseId = subscription.ParentSubscriptionId ?? subscription.Id;
            var (status, reasons) = decisions.TryGetValue(baseId, out var decision)
                ? Verdict(decision, holdings, now)
                : AloneVerdict(subscription, context, now);
            yield return
            [
                context.Partner.TenantId.ToString(),
                context.Partner.MpnId,
                context.Customer.TenantId.ToString(),
                CsvFormat.Text(context.Customer.Name),
                subscription.Id.ToString(),
                CsvFormat.Text(subscription.FriendlyName),
                subscription.OfferId.ToString(),
                CsvFormat.Bool(subscription.IsAddOn),
                CsvFormat.Id(subscription.ParentSubscriptionId),
                CsvFormat.Number(subscription.Quantity),
                subscription.Term.ToIso8601(),
                subscription.Billing.ToString(),
                CsvFormat.Date(subscription.TermEnd),
                PartnerHoldings.CatalogItemOf(context, subscription.OfferId),
                status.ToString(),
                reasons,
                CsvFormat.Instant(now),
            ];
        }
    }

    private static (MigrationEligibilityStatus Status, string Reasons) Verdict(MicrosoftLedDecision decision, CustomerHoldings holdings, DateTimeOffset now)
    {
        if (decision.Eligibility is { } eligibility)
        {
            return (MigrationExport.Status(decision.Subscription, eligibility, now), MigrationExport.IneligibilityReasons(eligibility));
        }

        // Not evaluated: Microsoft has already scheduled it, or it will not migrate (partner schedule, inactive, no auto-renew).
        var scheduledByMicrosoft = holdings.WaitingSchedules.Any(s => s.IsMicrosoftLed && s.SubscriptionId == decision.Subscription.Id);
        return scheduledByMicrosoft
            ? (MigrationEligibilityStatus.ScheduleCreated, "")
            : (MigrationEligibilityStatus.Ineligible, decision.SkipReason ?? "");
    }

    /// <summary>An add-on whose base is not on legacy any more: judged alone, with Microsoft's renewal target.</summary>
    private static (MigrationEligibilityStatus Status, string Reasons) AloneVerdict(LegacySubscription subscription, EligibilityContext context, DateTimeOffset now)
    {
        var eligibility = EligibilityEvaluator.Evaluate(
            new MigrationRequest(subscription.Id) { Target = MicrosoftLedMigration.TargetFor(subscription), OnRenewal = true },
            context);
        return (MigrationExport.Status(subscription, eligibility, now), MigrationExport.IneligibilityReasons(eligibility));
    }
}
