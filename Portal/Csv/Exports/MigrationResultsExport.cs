using System.Runtime.CompilerServices;
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
public sealed class MigrationResultsExport(PortalDbContext db) : ICsvExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        BamColumns.PartnerTenantId, BamColumns.CustomerName, BamColumns.CustomerTenantId, BamColumns.LegacySubscriptionId,
        BamColumns.LegacySubscriptionName, BamColumns.AddOn, BamColumns.BaseSubscriptionId, "IsMicrosoftLed", "StartedTime", "CompletedTime",
        .. BamColumns.Result,
    ];

    public string FileName => "migration-results.csv";

    public IReadOnlyList<string> Header => Columns;

    public async IAsyncEnumerable<string[]> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
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

        var partner = partnerTenantId.ToString();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                partner,
                CsvFormat.Text(row.CustomerName),
                row.CustomerId.ToString(),
                row.LegacySubscriptionId.ToString(),
                CsvFormat.Text(row.FriendlyName),
                CsvFormat.Bool(row.ParentSubscriptionId is not null),
                CsvFormat.Id(row.ParentSubscriptionId),
                CsvFormat.Bool(row.IsMicrosoftLed),
                CsvFormat.Instant(row.RequestedAt),
                CsvFormat.Instant(row.CompletedAt),
                StatusOf(row.Phase).ToString(),
                row.Term.ToIso8601(),
                row.Billing.ToString(),
                CsvFormat.Number(row.Quantity),
                row.ErrorCode ?? "",
                CsvFormat.Text(row.ErrorDescription ?? ""),
                CsvFormat.Id(row.NceSubscriptionId),
                row.ExternalReferenceId ?? "",
                row.MigrationId.ToString(),
            ];
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
