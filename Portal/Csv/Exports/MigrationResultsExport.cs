using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Domain.Terms;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>
/// Migration results in the shape of BAM's result file: one row per migrated subscription (a bundle's base and each
/// add-on), with the target it moved to, the outcome, the New Commerce subscription, and the upload batch
/// (BatchId is the migration's external reference id). Streamed straight from one untracked query.
/// </summary>
public sealed class MigrationResultsExport(PortalDbContext db) : CsvExport<MigrationResultRow>
{
    public static IReadOnlyList<string> Columns => CsvFormat.Columns<MigrationResultRow>();

    public override string FileName => "migration-results.csv";

    public override async IAsyncEnumerable<MigrationResultRow> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var migrations = db.Migrations.AsNoTracking().Where(m => db.Customers.Any(c => c.TenantId == m.CustomerId && c.PartnerTenantId == partnerTenantId));
        if (filter.BatchId is { Length: > 0 } batch)
        {
            migrations = migrations.Where(m => m.ExternalReferenceId == batch);
        }

        if (filter.CustomerId is { } customerId)
        {
            migrations = migrations.Where(m => m.CustomerId == customerId);
        }

        var rows =
            from m in migrations
            join c in db.Customers on m.CustomerId equals c.TenantId
            from member in m.Members
            join s in db.LegacySubscriptions on member.LegacySubscriptionId equals s.Id
            orderby m.RequestedAt, m.Id, member.ParentSubscriptionId != null, s.FriendlyName
            select new
            {
                CustomerName = c.Name,
                m.CustomerId,
                member.LegacySubscriptionId,
                s.FriendlyName,
                member.ParentSubscriptionId,
                m.IsMicrosoftLed,
                m.RequestedAt,
                m.CompletedAt,
                m.Phase,
                member.Target.Term,
                member.Target.Billing,
                member.Target.Quantity,
                m.ErrorCode,
                m.ErrorDescription,
                member.NceSubscriptionId,
                m.ExternalReferenceId,
                MigrationId = m.Id,
            };

        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new MigrationResultRow
            {
                PartnerTenantId = partnerTenantId,
                CustomerName = row.CustomerName,
                CustomerTenantId = row.CustomerId,
                LegacySubscriptionId = row.LegacySubscriptionId,
                LegacySubscriptionName = row.FriendlyName,
                AddOn = row.ParentSubscriptionId is not null,
                BaseSubscriptionId = row.ParentSubscriptionId,
                IsMicrosoftLed = row.IsMicrosoftLed,
                StartedTime = row.RequestedAt,
                CompletedTime = row.CompletedAt,
                MigrationStatus = StatusOf(row.Phase),
                NCETermDuration = row.Term,
                NCEBillingPlan = row.Billing,
                NCESeatCount = row.Quantity,
                ErrorCode = row.ErrorCode ?? "",
                ErrorReason = row.ErrorDescription ?? "",
                NCESubscriptionId = row.NceSubscriptionId,
                BatchId = row.ExternalReferenceId ?? "",
                MigrationId = row.MigrationId,
            };
        }
    }

    /// <summary>Partner Center's status of a phase, as <see cref="Migration.Status"/> gives it.</summary>
    private static MigrationStatus StatusOf(MigrationPhase phase) => phase switch
    {
        MigrationPhase.Requested or MigrationPhase.LegacySuspended => MigrationStatus.Processing,
        MigrationPhase.Completed => MigrationStatus.Completed,
        _ => MigrationStatus.Failed,
    };
}

/// <summary>A row of the migration results file: the subscription migrated, then BAM's result columns.</summary>
[CsvRecord]
public sealed partial class MigrationResultRow
{
    public Guid PartnerTenantId { get; init; }

    public string CustomerName { get; init; } = "";

    public Guid CustomerTenantId { get; init; }

    public Guid LegacySubscriptionId { get; init; }

    public string LegacySubscriptionName { get; init; } = "";

    public bool AddOn { get; init; }

    public Guid? BaseSubscriptionId { get; init; }

    public bool IsMicrosoftLed { get; init; }

    [CsvConverter(typeof(UtcInstantColumn))]
    public DateTimeOffset? StartedTime { get; init; }

    [CsvConverter(typeof(UtcInstantColumn))]
    public DateTimeOffset? CompletedTime { get; init; }

    public MigrationStatus MigrationStatus { get; init; }

    [CsvConverter(typeof(TermColumn))]
    public TermDuration NCETermDuration { get; init; }

    public BillingCycle NCEBillingPlan { get; init; }

    public int NCESeatCount { get; init; }

    public string ErrorCode { get; init; } = "";

    public string ErrorReason { get; init; } = "";

    public Guid? NCESubscriptionId { get; init; }

    public string BatchId { get; init; } = "";

    public Guid MigrationId { get; init; }
}
