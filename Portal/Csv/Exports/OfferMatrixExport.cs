using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Csv.Exports;

/// <summary>
/// The offer matrix's NCE Mapping: each legacy offer with the New Commerce product and SKU it maps to and whether it
/// is enabled for migration. The catalog is shared by every partner; importing this file back changes nothing.
/// </summary>
public sealed class OfferMatrixExport(PortalDbContext db) : CsvExport<OfferMatrixRow>
{
    public const string LegacyOfferId = nameof(LegacyOfferId);
    public const string LegacyOfferName = nameof(LegacyOfferName);
    public const string NceProductId = nameof(NceProductId);
    public const string NceSkuId = nameof(NceSkuId);
    public const string NceAvailabilityId = nameof(NceAvailabilityId);
    public const string MigrationEnabled = nameof(MigrationEnabled);

    public static IReadOnlyList<string> Columns => CsvFormat.Columns<OfferMatrixRow>();

    public override string FileName => "offer-matrix-nce-mapping.csv";

    public override async IAsyncEnumerable<OfferMatrixRow> RowsAsync(Guid partnerTenantId, DateTimeOffset now, ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var offer in db.LegacyOffers.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new OfferMatrixRow
            {
                LegacyOfferId = offer.Id,
                LegacyOfferName = offer.Name,
                NceProductId = offer.Mapping?.ProductId ?? "",
                NceSkuId = offer.Mapping?.SkuId ?? "",
                NceAvailabilityId = offer.Mapping?.AvailabilityId ?? "",
                MigrationEnabled = offer.MigrationEnabled,
            };
        }
    }
}

/// <summary>
/// A row of the offer matrix's NCE Mapping as exported. The import reads the same columns as text
/// (<see cref="Uploads.OfferMatrixUploadRow"/>), so that every wrong value of a row is reported, not only the first.
/// </summary>
[CsvRecord]
public sealed partial class OfferMatrixRow
{
    public Guid LegacyOfferId { get; init; }

    public string LegacyOfferName { get; init; } = "";

    public string NceProductId { get; init; } = "";

    public string NceSkuId { get; init; } = "";

    public string NceAvailabilityId { get; init; } = "";

    public bool MigrationEnabled { get; init; }
}
