using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>
/// The offer matrix's NCE Mapping: each legacy offer with the New Commerce product and SKU it maps to and whether it
/// is enabled for migration. The catalog is shared by every partner; importing this file back changes nothing.
/// </summary>
public sealed class OfferMatrixExport(PortalDbContext db) : ICsvExport
{
    public const string LegacyOfferId = nameof(LegacyOfferId);
    public const string LegacyOfferName = nameof(LegacyOfferName);
    public const string NceProductId = nameof(NceProductId);
    public const string NceSkuId = nameof(NceSkuId);
    public const string NceAvailabilityId = nameof(NceAvailabilityId);
    public const string MigrationEnabled = nameof(MigrationEnabled);

    public static readonly IReadOnlyList<string> Columns = [LegacyOfferId, LegacyOfferName, NceProductId, NceSkuId, NceAvailabilityId, MigrationEnabled];

    public static CsvSchema Schema { get; } = new(
        "offer matrix NCE Mapping",
        Columns.Select(c => new CsvColumn(c, Required: c is not (LegacyOfferName or NceAvailabilityId))).ToList());

    public string FileName => "offer-matrix-nce-mapping.csv";

    public IReadOnlyList<string> Header => Columns;

    public async IAsyncEnumerable<string[]> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var offer in db.LegacyOffers.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                offer.Id.ToString(),
                CsvFormat.Text(offer.Name),
                offer.Mapping?.ProductId ?? "",
                offer.Mapping?.SkuId ?? "",
                offer.Mapping?.AvailabilityId ?? "",
                CsvFormat.Bool(offer.MigrationEnabled),
            ];
        }
    }
}
