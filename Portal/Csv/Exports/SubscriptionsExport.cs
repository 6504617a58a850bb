using System.Runtime.CompilerServices;
using CsvHelper;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Csv.Exports;

/// <summary>
/// BAM's subscriptions-with-eligibility file: every legacy subscription of the partner's customers (a base followed by
/// its add-ons), the verdict on migrating it now with its properties carried over, and the target columns (Term,
/// BillingPlan, SeatCount, StartNewTermInNce, CustomTermEndDate) filled with those defaults, ready to edit and upload.
/// </summary>
public sealed class SubscriptionsExport(PartnerHoldings holdings, StoredVerdicts verdicts) : CsvExport<SubscriptionRow>
{
    public override string FileName => "subscriptions-with-eligibility.csv";

    public override async IAsyncEnumerable<SubscriptionRow> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partner = await holdings.PartnerAsync(partnerTenantId, cancellationToken);
        if (partner is null)
        {
            yield break;
        }

        // The verdicts stored with the eligibility figures (ADR-030): a plain read, not a judgement of every row.
        await foreach (var page in verdicts.PagesAsync(partner, now, shown: null, shownVerdicts: null, StoredVerdicts.VerdictColumns.MigratingNow, cancellationToken))
        {
            foreach (var customer in page)
            {
                foreach (var subscription in InBamOrder(customer.Subscriptions))
                {
                    yield return Row(customer, subscription);
                }
            }
        }
    }

    /// <summary>Bases by name, each followed by its add-ons; add-ons whose base is missing last.</summary>
    private static IEnumerable<ExportedSubscription> InBamOrder(IReadOnlyCollection<ExportedSubscription> subscriptions)
    {
        var addOns = subscriptions.Where(s => s.IsAddOn).ToLookup(s => s.ParentSubscriptionId!.Value);
        var bases = subscriptions.Where(s => !s.IsAddOn).OrderBy(s => s.FriendlyName, StringComparer.Ordinal).ThenBy(s => s.Id).ToList();
        var baseIds = bases.Select(b => b.Id).ToHashSet();
        foreach (var subscription in bases)
        {
            yield return subscription;
            foreach (var addOn in addOns[subscription.Id].OrderBy(a => a.FriendlyName, StringComparer.Ordinal).ThenBy(a => a.Id))
            {
                yield return addOn;
            }
        }

        foreach (var orphan in subscriptions.Where(s => s.IsAddOn && !baseIds.Contains(s.ParentSubscriptionId!.Value)).OrderBy(s => s.Id))
        {
            yield return orphan;
        }
    }

    private static SubscriptionRow Row(CustomerVerdicts customer, ExportedSubscription subscription)
    {
        var verdict = customer.Verdicts[subscription.Id];
        var offer = customer.Offers.GetValueOrDefault(subscription.OfferId);
        return new SubscriptionRow
        {
            PartnerTenantId = customer.Partner.TenantId,
            IndirectResellerMpnId = subscription.PartnerOfRecordId == customer.Partner.MpnId ? "" : subscription.PartnerOfRecordId,
            CustomerName = customer.CustomerName,
            CustomerTenantId = customer.CustomerId,
            LegacySubscriptionId = subscription.Id,
            LegacySubscriptionName = subscription.FriendlyName,
            LegacyProductName = offer?.Name ?? "",
            ExpirationDate = TermDates.UtcDate(subscription.TermEnd),
            AutoRenewEnabled = subscription.AutoRenewEnabled,
            MigrationEligible = verdict.Eligible,
            NcePsa = offer?.Mapping?.CatalogItemId ?? "",
            CurrentTerm = subscription.Term,
            CurrentBillingPlan = subscription.Billing,
            CurrentSeatCount = subscription.Quantity,
            StartNewTermInNce = false,
            Term = subscription.Term,
            BillingPlan = subscription.Billing,
            SeatCount = subscription.Quantity,
            CustomTermEndDate = null,
            AddOn = subscription.IsAddOn,
            BaseSubscriptionId = subscription.ParentSubscriptionId,
            MigrationIneligibilityReason = verdict.Reasons,
        };
    }
}

/// <summary>
/// A row of BAM's subscriptions-with-eligibility file, in BAM's column order; the target columns (Term, BillingPlan,
/// SeatCount, StartNewTermInNce, CustomTermEndDate) are filled with the legacy values, ready to edit and upload
/// (<see cref="Uploads.BamUploadRow"/> reads the file back).
/// </summary>
[CsvRecord]
public sealed partial class SubscriptionRow
{
    public Guid PartnerTenantId { get; init; }

    public string IndirectResellerMpnId { get; init; } = "";

    public string CustomerName { get; init; } = "";

    public Guid CustomerTenantId { get; init; }

    public Guid LegacySubscriptionId { get; init; }

    public string LegacySubscriptionName { get; init; } = "";

    public string LegacyProductName { get; init; } = "";

    public DateOnly ExpirationDate { get; init; }

    public bool AutoRenewEnabled { get; init; }

    public bool MigrationEligible { get; init; }

    public string NcePsa { get; init; } = "";

    [CsvConverter(typeof(TermColumn))]
    public TermDuration CurrentTerm { get; init; }

    public BillingCycle CurrentBillingPlan { get; init; }

    public int CurrentSeatCount { get; init; }

    public bool StartNewTermInNce { get; init; }

    [CsvConverter(typeof(TermColumn))]
    public TermDuration Term { get; init; }

    public BillingCycle BillingPlan { get; init; }

    public int SeatCount { get; init; }

    public DateOnly? CustomTermEndDate { get; init; }

    public bool AddOn { get; init; }

    public Guid? BaseSubscriptionId { get; init; }

    public string MigrationIneligibilityReason { get; init; } = "";
}
