using System.Runtime.CompilerServices;
using CsvHelper;
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
public sealed class MicrosoftLedExport(PartnerHoldings holdings) : CsvExport<MicrosoftLedRow>
{
    /// <summary>Partner Center's 17 columns, in its order.</summary>
    public static IReadOnlyList<string> Columns => CsvFormat.Columns<MicrosoftLedRow>();

    public override string FileName => "microsoft-led-migrations.csv";

    public override async IAsyncEnumerable<MicrosoftLedRow> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
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

    private static IEnumerable<MicrosoftLedRow> CustomerRows(CustomerHoldings holdings, DateTimeOffset now)
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
            yield return new MicrosoftLedRow
            {
                PartnerTenantId = context.Partner.TenantId,
                PartnerId = context.Partner.MpnId,
                CustomerTenantId = context.Customer.TenantId,
                CustomerName = context.Customer.Name,
                SubscriptionId = subscription.Id,
                SubscriptionFriendlyName = subscription.FriendlyName,
                OfferId = subscription.OfferId,
                IsAddOn = subscription.IsAddOn,
                ParentSubscriptionId = subscription.ParentSubscriptionId,
                Quantity = subscription.Quantity,
                TermDuration = subscription.Term,
                BillingCycle = subscription.Billing,
                SubscriptionEndDate = TermDates.UtcDate(subscription.TermEnd),
                CatalogItemId = PartnerHoldings.CatalogItemOf(context, subscription.OfferId),
                MigrationEligibilityStatus = status,
                MigrationIneligibilityReasons = reasons,
                LastProcessedDate = now,
            };
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

/// <summary>A row of the Microsoft-led migration data export: Partner Center's 17 columns, names and order.</summary>
[CsvRecord]
public sealed partial class MicrosoftLedRow
{
    public Guid PartnerTenantId { get; init; }

    public string PartnerId { get; init; } = "";

    public Guid CustomerTenantId { get; init; }

    public string CustomerName { get; init; } = "";

    public Guid SubscriptionId { get; init; }

    public string SubscriptionFriendlyName { get; init; } = "";

    public Guid OfferId { get; init; }

    public bool IsAddOn { get; init; }

    public Guid? ParentSubscriptionId { get; init; }

    public int Quantity { get; init; }

    [CsvConverter(typeof(TermColumn))]
    public TermDuration TermDuration { get; init; }

    public BillingCycle BillingCycle { get; init; }

    public DateOnly SubscriptionEndDate { get; init; }

    public string CatalogItemId { get; init; } = "";

    public MigrationEligibilityStatus MigrationEligibilityStatus { get; init; }

    public string MigrationIneligibilityReasons { get; init; } = "";

    [CsvConverter(typeof(UtcInstantColumn))]
    public DateTimeOffset? LastProcessedDate { get; init; }
}
