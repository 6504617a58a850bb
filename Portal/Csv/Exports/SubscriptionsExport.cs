using System.Runtime.CompilerServices;
using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Csv.Exports;

/// <summary>
/// BAM's subscriptions-with-eligibility file: every legacy subscription of the partner's customers (a base followed by
/// its add-ons), the verdict on migrating it now with its properties carried over, and the target columns (Term,
/// BillingPlan, SeatCount, StartNewTermInNce, CustomTermEndDate) filled with those defaults, ready to edit and upload.
/// </summary>
public sealed class SubscriptionsExport(PartnerHoldings holdings) : ICsvExport
{
    public string FileName => "subscriptions-with-eligibility.csv";

    public IReadOnlyList<string> Header => BamColumns.Subscriptions;

    public async IAsyncEnumerable<string[]> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partner = await holdings.PartnerAsync(partnerTenantId, cancellationToken);
        if (partner is null)
        {
            yield break;
        }

        await foreach (var page in holdings.PagesAsync(partner, now, withSchedules: false, cancellationToken))
        {
            foreach (var customer in page)
            {
                foreach (var subscription in InBamOrder(customer.Context.LegacySubscriptions))
                {
                    yield return Row(customer.Context, subscription);
                }
            }
        }
    }

    /// <summary>Bases by name, each followed by its add-ons; add-ons whose base is missing last.</summary>
    private static IEnumerable<LegacySubscription> InBamOrder(IReadOnlyCollection<LegacySubscription> subscriptions)
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

    private static string[] Row(EligibilityContext context, LegacySubscription subscription)
    {
        var eligibility = EligibilityEvaluator.Evaluate(new MigrationRequest(subscription.Id), context);
        var offer = context.Offer(subscription.OfferId);
        return
        [
            context.Partner.TenantId.ToString(),
            subscription.PartnerOfRecordId == context.Partner.MpnId ? "" : subscription.PartnerOfRecordId,
            CsvFormat.Text(context.Customer.Name),
            context.Customer.TenantId.ToString(),
            subscription.Id.ToString(),
            CsvFormat.Text(subscription.FriendlyName),
            CsvFormat.Text(offer?.Name ?? ""),
            CsvFormat.Date(subscription.TermEnd),
            CsvFormat.Bool(subscription.AutoRenewEnabled),
            CsvFormat.Bool(eligibility.IsEligible),
            offer?.Mapping?.CatalogItemId ?? "",
            subscription.Term.ToIso8601(),
            subscription.Billing.ToString(),
            CsvFormat.Number(subscription.Quantity),
            CsvFormat.Bool(false),
            subscription.Term.ToIso8601(),
            subscription.Billing.ToString(),
            CsvFormat.Number(subscription.Quantity),
            "",
            CsvFormat.Bool(subscription.IsAddOn),
            CsvFormat.Id(subscription.ParentSubscriptionId),
            PartnerHoldings.Reasons(eligibility),
        ];
    }
}
