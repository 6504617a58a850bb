using System.Runtime.CompilerServices;
using CsvHelper;
using Portal.Dashboard;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Csv.Exports;

/// <summary>
/// Partner Center's Microsoft-led migration data export: the partner's legacy subscriptions still on legacy (Active,
/// or Suspended while a migration holds them) whose term ends in the next three months, with what Microsoft will do
/// at renewal. The decision is the domain's <see cref="MicrosoftLedMigration.Decisions"/> for the term's last day,
/// stored with the eligibility figures (ADR-030), and the status is <see cref="MigrationExport.Status(DateTimeOffset, bool, DateTimeOffset)"/>;
/// an add-on shares its base's verdict, since it migrates with it.
/// </summary>
public sealed class MicrosoftLedExport(PartnerHoldings holdings, StoredVerdicts verdicts) : CsvExport<MicrosoftLedRow>
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

        // Only subscriptions still on legacy whose term ends in the window are read, with their stored verdicts (ADR-030),
        // which carry that term end while the subscription is on legacy.
        var by = now.AddMonths(MigrationExport.WindowMonths);
        await foreach (var page in verdicts.PagesAsync(
            partner,
            now,
            s => (s.Status == LegacySubscriptionStatus.Active || s.Status == LegacySubscriptionStatus.Suspended) && s.TermEnd > now && s.TermEnd <= by,
            v => v.LedTermEnd > now && v.LedTermEnd <= by,
            StoredVerdicts.VerdictColumns.MicrosoftLed,
            cancellationToken))
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

    private static IEnumerable<MicrosoftLedRow> CustomerRows(CustomerVerdicts customer, DateTimeOffset now)
    {
        // An add-on renewing with its base shares the base's verdict, since it migrates with it; one whose base is not
        // renewing in the window (or not on legacy any more) has its own.
        var bases = customer.Subscriptions.Where(s => !s.IsAddOn).ToDictionary(s => s.Id);
        var ordered = customer.Subscriptions.ToList();
        ordered.Sort(InRenewalOrder);
        foreach (var subscription in ordered)
        {
            var judged = bases.GetValueOrDefault(subscription.ParentSubscriptionId ?? subscription.Id) ?? subscription;
            var verdict = customer.Verdicts[judged.Id];
            yield return new MicrosoftLedRow
            {
                PartnerTenantId = customer.Partner.TenantId,
                PartnerId = customer.Partner.MpnId,
                CustomerTenantId = customer.CustomerId,
                CustomerName = customer.CustomerName,
                SubscriptionId = subscription.Id,
                SubscriptionFriendlyName = subscription.FriendlyName,
                OfferId = subscription.OfferId,
                IsAddOn = subscription.IsAddOn,
                ParentSubscriptionId = subscription.ParentSubscriptionId,
                Quantity = subscription.Quantity,
                TermDuration = subscription.Term,
                BillingCycle = subscription.Billing,
                SubscriptionEndDate = TermDates.UtcDate(subscription.TermEnd),
                CatalogItemId = customer.CatalogItemOf(subscription.OfferId),
                MigrationEligibilityStatus = Status(judged, verdict, now),
                MigrationIneligibilityReasons = verdict.LedReasons,
                LastProcessedDate = now,
            };
        }
    }

    /// <summary>By term end, then each base followed by its add-ons (by name).</summary>
    private static int InRenewalOrder(ExportedSubscription x, ExportedSubscription y)
    {
        var order = x.TermEnd.CompareTo(y.TermEnd);
        order = order != 0 ? order : (x.ParentSubscriptionId ?? x.Id).CompareTo(y.ParentSubscriptionId ?? y.Id);
        order = order != 0 ? order : x.IsAddOn.CompareTo(y.IsAddOn);
        order = order != 0 ? order : string.CompareOrdinal(x.FriendlyName, y.FriendlyName);
        return order != 0 ? order : x.Id.CompareTo(y.Id);
    }

    /// <summary>
    /// Not evaluated: ScheduleCreated when Microsoft has already scheduled it, otherwise Ineligible (it will not
    /// migrate: partner schedule, inactive, no auto-renew); evaluated: by the verdict and the time to its term's end.
    /// </summary>
    private static MigrationEligibilityStatus Status(ExportedSubscription judged, SubscriptionVerdict verdict, DateTimeOffset now) =>
        verdict.LedEligible is { } eligible
            ? MigrationExport.Status(judged.TermEnd, eligible, now)
            : verdict.LedScheduled ? MigrationEligibilityStatus.ScheduleCreated : MigrationEligibilityStatus.Ineligible;
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
