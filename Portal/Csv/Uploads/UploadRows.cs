using CsvHelper;

namespace Portal.Csv.Uploads;

/// <summary>
/// A row of BAM's migration and schedule uploads: the subscriptions-with-eligibility file (<see cref="Exports.SubscriptionRow"/>)
/// as a partner edited it, or a result file uploaded again. The columns that say what to migrate are required; the
/// informational ones and the result columns may be there and are not read. Every value is read as text so that the
/// import reports each wrong value of a row with its column, not only the first (see <see cref="BamUpload"/>).
/// </summary>
[CsvRecord]
public sealed partial class BamUploadRow
{
    [CsvColumn(Optional = true)]
    public string PartnerTenantId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string IndirectResellerMpnId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string CustomerName { get; set; } = "";

    public string CustomerTenantId { get; set; } = "";

    public string LegacySubscriptionId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string LegacySubscriptionName { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string LegacyProductName { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string ExpirationDate { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string AutoRenewEnabled { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string MigrationEligible { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string NcePsa { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string CurrentTerm { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string CurrentBillingPlan { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string CurrentSeatCount { get; set; } = "";

    public string StartNewTermInNce { get; set; } = "";

    public string Term { get; set; } = "";

    public string BillingPlan { get; set; } = "";

    public string SeatCount { get; set; } = "";

    public string CustomTermEndDate { get; set; } = "";

    public string AddOn { get; set; } = "";

    public string BaseSubscriptionId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string MigrationIneligibilityReason { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string MigrationStatus { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string NCETermDuration { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string NCEBillingPlan { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string NCESeatCount { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string ErrorCode { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string ErrorReason { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string NCESubscriptionId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string BatchId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string MigrationId { get; set; } = "";

    /// <summary>Schedule upload only (required there): the date to migrate on.</summary>
    [CsvColumn(Optional = true)]
    public string TargetDate { get; set; } = "";

    /// <summary>Schedule upload only (required there): True to migrate at the end of the term.</summary>
    [CsvColumn(Optional = true)]
    public string MigrateOnRenewal { get; set; } = "";

    /// <summary>
    /// The columns of <paramref name="kind"/>'s file: a schedule upload needs TargetDate and MigrateOnRenewal, a
    /// migration upload does not know them.
    /// </summary>
    public static CsvSchema Schema(BamUploadKind kind)
    {
        var all = CsvSchema.Of<BamUploadRow>(BamUpload.KindName(kind));
        return all with
        {
            Columns = kind == BamUploadKind.Schedules
                ? all.Columns.Select(c => c.Name is BamColumns.TargetDate or BamColumns.MigrateOnRenewal ? c with { Required = true } : c).ToList()
                : all.Columns.Where(c => c.Name is not (BamColumns.TargetDate or BamColumns.MigrateOnRenewal)).ToList(),
        };
    }
}


/// <summary>
/// A row of the offer matrix NCE Mapping upload, read as text (see <see cref="OfferMatrixImport"/>); the format
/// <see cref="Exports.OfferMatrixRow"/> writes.
/// </summary>
[CsvRecord]
public sealed partial class OfferMatrixUploadRow
{
    public string LegacyOfferId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string LegacyOfferName { get; set; } = "";

    public string NceProductId { get; set; } = "";

    public string NceSkuId { get; set; } = "";

    [CsvColumn(Optional = true)]
    public string NceAvailabilityId { get; set; } = "";

    public string MigrationEnabled { get; set; } = "";
}
