using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Csv.Exports;
using Portal.Domain.Catalog;
using Portal.Persistence;

namespace Portal.Csv.Uploads;

/// <summary>
/// Imports the offer matrix's NCE Mapping: for each named legacy offer, the New Commerce product and SKU it maps to
/// and whether it is enabled for migration. Offers are not created here (an offer carries more than the mapping):
/// an unknown offer id is a row error. Applied in one SaveChanges, so a failure changes nothing.
/// </summary>
public sealed partial class OfferMatrixImport(PortalDbContext db, AuditLog audit)
{
    public const string Kind = "offer matrix NCE Mapping";

    public async Task<ImportReport> ImportAsync(ImportActor actor, Stream content, string fileName, ImportMode mode, CancellationToken cancellationToken)
    {
        var (table, fileError) = await CsvUpload.ReadAsync<OfferMatrixUploadRow>(content, CsvSchema.Of<OfferMatrixUploadRow>(Kind), cancellationToken);
        if (table is null)
        {
            var refused = ImportReport.Refused(Kind, fileName, mode, fileError!);
            await AuditAsync(actor, refused, cancellationToken);
            return refused;
        }

        var offers = await db.LegacyOffers.ToDictionaryAsync(o => o.Id, cancellationToken);
        var seen = new Dictionary<Guid, int>();
        var planned = new List<(ImportRowResult Row, LegacyOffer? Offer, NceProductMapping? Mapping, bool Enabled)>();
        foreach (var row in table.Rows)
        {
            var (result, offer, mapping, enabled) = Validate(row, table.Header.Count, offers, seen);
            planned.Add((result, offer, mapping, enabled));
        }

        var invalid = planned.Count(p => !p.Row.IsValid);
        var apply = mode == ImportMode.Partial || (mode == ImportMode.AllOrNothing && invalid == 0);
        var rows = new List<ImportRowResult>();
        var changed = 0;
        foreach (var (row, offer, mapping, enabled) in planned)
        {
            if (!row.IsValid || offer is null)
            {
                rows.Add(row);
                continue;
            }

            var change = Describe(offer, mapping, enabled);
            if (apply && change is not null)
            {
                var entry = db.Entry(offer);
                entry.Reference(o => o.Mapping).CurrentValue = mapping;
                entry.Property(o => o.MigrationEnabled).CurrentValue = enabled;
                changed++;
            }

            rows.Add(row with { Outcome = change is null ? "Unchanged." : apply ? "Updated: " + change : "Would update: " + change });
        }

        if (apply)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var report = new ImportReport(Kind, fileName, mode, null, rows, apply ? changed : 0);
        await AuditAsync(actor, report, cancellationToken);
        return report;
    }

    private static (ImportRowResult Row, LegacyOffer? Offer, NceProductMapping? Mapping, bool Enabled) Validate(
        CsvUploadRow<OfferMatrixUploadRow> row, int columns, Dictionary<Guid, LegacyOffer> offers, Dictionary<Guid, int> seen)
    {
        var errors = new List<ImportIssue>();
        var values = row.Record;
        var key = values.LegacyOfferId;
        if (row.FieldCount != columns)
        {
            errors.Add(new ImportIssue(null, string.Create(CultureInfo.InvariantCulture, $"The row has {row.FieldCount} fields; the header has {columns}.")));
            return (new ImportRowResult(row.Line, key, errors), null, null, false);
        }

        LegacyOffer? offer = null;
        if (!Guid.TryParse(key, out var offerId))
        {
            errors.Add(new ImportIssue(OfferMatrixExport.LegacyOfferId, $"'{key}' is not an offer id (a GUID)."));
        }
        else if (!offers.TryGetValue(offerId, out offer))
        {
            errors.Add(new ImportIssue(OfferMatrixExport.LegacyOfferId, $"Offer {offerId} was not found in the legacy catalog."));
        }
        else if (seen.TryGetValue(offerId, out var firstLine))
        {
            errors.Add(new ImportIssue(OfferMatrixExport.LegacyOfferId, string.Create(CultureInfo.InvariantCulture, $"Offer {offerId} is already on line {firstLine}.")));
        }
        else
        {
            seen[offerId] = row.Line;
        }

        var product = values.NceProductId.ToUpperInvariant();
        var sku = values.NceSkuId.ToUpperInvariant();
        var availability = values.NceAvailabilityId.ToUpperInvariant();
        NceProductMapping? mapping = null;
        if (product.Length == 0 && sku.Length == 0)
        {
            if (availability.Length > 0)
            {
                errors.Add(new ImportIssue(OfferMatrixExport.NceAvailabilityId, "An availability needs a product and a SKU."));
            }
        }
        else
        {
            if (!ProductIdPattern().IsMatch(product))
            {
                errors.Add(new ImportIssue(OfferMatrixExport.NceProductId, $"'{product}' is not a New Commerce product id (12 letters and digits, e.g. CFQ7TTC0LFLS)."));
            }

            if (!SkuIdPattern().IsMatch(sku))
            {
                errors.Add(new ImportIssue(OfferMatrixExport.NceSkuId, $"'{sku}' is not a SKU id (4 letters or digits, e.g. 0002)."));
            }

            if (availability.Length > 0 && !AvailabilityIdPattern().IsMatch(availability))
            {
                errors.Add(new ImportIssue(OfferMatrixExport.NceAvailabilityId, $"'{availability}' is not an availability id (4 to 12 letters or digits)."));
            }

            var keptAvailability = availability.Length > 0 ? availability : offer?.Mapping?.AvailabilityId ?? "0001";
            mapping = new NceProductMapping(product, sku, keptAvailability);
        }

        var enabledText = values.MigrationEnabled;
        if (!CsvFormat.TryBool(enabledText, out var enabled))
        {
            errors.Add(new ImportIssue(OfferMatrixExport.MigrationEnabled, $"'{enabledText}' is not True or False."));
        }
        else if (enabled && mapping is null)
        {
            errors.Add(new ImportIssue(OfferMatrixExport.MigrationEnabled, "An offer enabled for migration needs an NceProductId and NceSkuId."));
        }

        return (new ImportRowResult(row.Line, key, errors), errors.Count == 0 ? offer : null, mapping, enabled);
    }

    private static string? Describe(LegacyOffer offer, NceProductMapping? mapping, bool enabled)
    {
        var changes = new List<string>();
        if (offer.Mapping != mapping)
        {
            changes.Add($"mapping {offer.Mapping?.CatalogItemId ?? "(none)"} -> {mapping?.CatalogItemId ?? "(none)"}");
        }

        if (offer.MigrationEnabled != enabled)
        {
            changes.Add($"migration enabled {CsvFormat.Bool(offer.MigrationEnabled)} -> {CsvFormat.Bool(enabled)}");
        }

        return changes.Count == 0 ? null : $"{offer.Name}: {string.Join("; ", changes)}.";
    }

    private Task AuditAsync(ImportActor actor, ImportReport report, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor.PartnerTenantId, actor.Name, report.Applied > 0 ? "CsvImported" : "CsvImportNotApplied", $"{Kind} '{report.FileName}'", $"{report.Mode}: {report.Summary}", cancellationToken);

    [GeneratedRegex("^[A-Z0-9]{12}$")]
    private static partial Regex ProductIdPattern();

    [GeneratedRegex("^[A-Z0-9]{4}$")]
    private static partial Regex SkuIdPattern();

    [GeneratedRegex("^[A-Z0-9]{4,12}$")]
    private static partial Regex AvailabilityIdPattern();
}
