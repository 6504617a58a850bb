namespace Portal.Csv;

/// <summary>
/// The column names of the bulk migration tool's (BAM) files, so its users' spreadsheets work unchanged:
/// the subscriptions-with-eligibility file (exported, edited, uploaded to migrate), the schedule upload (the same
/// plus TargetDate and MigrateOnRenewal) and the result file (the upload's columns plus the outcome). The files'
/// formats are the row types <see cref="Exports.SubscriptionRow"/>, <see cref="Uploads.BamUploadRow"/>,
/// <see cref="Uploads.BamScheduleRow"/> and <see cref="Exports.MigrationResultRow"/>.
/// </summary>
public static class BamColumns
{
    public const string PartnerTenantId = nameof(PartnerTenantId);
    public const string IndirectResellerMpnId = nameof(IndirectResellerMpnId);
    public const string CustomerName = nameof(CustomerName);
    public const string CustomerTenantId = nameof(CustomerTenantId);
    public const string LegacySubscriptionId = nameof(LegacySubscriptionId);
    public const string LegacySubscriptionName = nameof(LegacySubscriptionName);
    public const string LegacyProductName = nameof(LegacyProductName);
    public const string ExpirationDate = nameof(ExpirationDate);
    public const string AutoRenewEnabled = nameof(AutoRenewEnabled);
    public const string MigrationEligible = nameof(MigrationEligible);
    public const string NcePsa = nameof(NcePsa);
    public const string CurrentTerm = nameof(CurrentTerm);
    public const string CurrentBillingPlan = nameof(CurrentBillingPlan);
    public const string CurrentSeatCount = nameof(CurrentSeatCount);
    public const string StartNewTermInNce = nameof(StartNewTermInNce);
    public const string Term = nameof(Term);
    public const string BillingPlan = nameof(BillingPlan);
    public const string SeatCount = nameof(SeatCount);
    public const string CustomTermEndDate = nameof(CustomTermEndDate);
    public const string AddOn = nameof(AddOn);
    public const string BaseSubscriptionId = nameof(BaseSubscriptionId);
    public const string MigrationIneligibilityReason = nameof(MigrationIneligibilityReason);
    public const string TargetDate = nameof(TargetDate);
    public const string MigrateOnRenewal = nameof(MigrateOnRenewal);

    /// <summary>The subscriptions-with-eligibility file, in BAM's order.</summary>
    public static IReadOnlyList<string> Subscriptions => CsvFormat.Columns<Exports.SubscriptionRow>();
}
