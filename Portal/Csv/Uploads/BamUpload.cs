using System.Globalization;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Migrations;
using Portal.Schedules;
using Portal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Portal.Csv.Uploads;

/// <summary>Which BAM upload: migrate now, or schedule (on a target date or on renewal).</summary>
public enum BamUploadKind
{
    Migrations,
    Schedules,
}

/// <summary>
/// BAM's upload files: each row names a customer's legacy subscription and the New Commerce target (Term,
/// BillingPlan, SeatCount, StartNewTermInNce, CustomTermEndDate; an empty one carries the legacy value over), and for
/// schedules a TargetDate or MigrateOnRenewal. An add-on row whose base is in the file migrates with it (one bundle);
/// otherwise alone. Every row is validated first against the customer as the desk loads it, rows of one customer
/// counted together (two rows that each fit under a seat cap but not both are both caught); only then are
/// migrations or schedules created, one by one through <see cref="MigrationDesk"/> / <see cref="ScheduleDesk"/>.
/// </summary>
public sealed class BamUpload(MigrationDesk migrations, ScheduleDesk schedules, PortalDbContext db, AuditLog audit)
{
    public static string KindName(BamUploadKind kind) => kind == BamUploadKind.Migrations ? "BAM migration upload" : "BAM schedule upload";

    public async Task<ImportReport> ImportAsync(BamUploadKind kind, ImportActor actor, Stream content, string fileName, ImportMode mode, CancellationToken ct)
    {
        var (table, fileError) = await CsvUpload.ReadAsync<BamUploadRow>(content, BamUploadRow.Schema(kind), ct);
        if (table is null)
        {
            var refused = ImportReport.Refused(KindName(kind), fileName, mode, fileError!);
            await AuditAsync(kind, actor, refused, ct);
            return refused;
        }

        var batchId = "csv-" + table.Sha256[..16].ToLowerInvariant();
        var rows = table.Rows.Select(r => Parse(r, table.Header.Count, kind)).ToList();
        MarkDuplicates(rows);
        var requests = await PlanAsync(kind, actor.PartnerTenantId, rows, ct);

        var invalid = rows.Any(r => r.Errors.Count > 0);
        var apply = mode == ImportMode.Partial || (mode == ImportMode.AllOrNothing && !invalid);
        var applied = 0;
        if (apply)
        {
            string? stoppedBy = null;
            foreach (var request in requests.Where(q => q.Rows.All(r => r.Errors.Count == 0)))
            {
                if (stoppedBy is not null)
                {
                    foreach (var row in request.Rows)
                    {
                        row.Errors.Add(new ImportIssue(null, $"Not applied: the import stopped when {stoppedBy} was refused."));
                    }

                    continue;
                }

                var done = await ApplyAsync(kind, actor, request, batchId, table.Sha256, ct);
                if (done)
                {
                    applied += request.Rows.Count;
                }
                else if (mode == ImportMode.AllOrNothing)
                {
                    stoppedBy = $"line {request.Rows[0].Line}";
                }
            }
        }
        else
        {
            foreach (var request in requests.Where(q => q.Rows.All(r => r.Errors.Count == 0)))
            {
                request.Rows[0].Outcome = kind == BamUploadKind.Migrations ? "Valid: would migrate." : "Valid: would schedule.";
            }
        }

        var report = new ImportReport(
            KindName(kind),
            fileName,
            mode,
            null,
            rows.Select(r => new ImportRowResult(r.Line, r.Key, r.Errors, r.Outcome)).ToList(),
            applied,
            applied > 0 ? batchId : null);
        await AuditAsync(kind, actor, report, ct);
        return report;
    }

    private async Task<bool> ApplyAsync(BamUploadKind kind, ImportActor actor, PlannedRequest request, string batchId, string fileHash, CancellationToken ct)
    {
        var head = request.Rows[0];
        if (kind == BamUploadKind.Migrations)
        {
            var origin = new MigrationOrigin(actor.Name, batchId, $"csv:{fileHash[..24]}:{head.SubscriptionId}");
            var answer = await migrations.CreateAsync(actor.PartnerTenantId, head.CustomerId, request.Request, origin, ct);
            if (answer.IsDone)
            {
                head.Outcome = $"Migration {answer.Value!.Id} started ({answer.Value.Status}).";
                foreach (var member in request.Rows.Skip(1))
                {
                    member.Outcome = $"Migrates with its base subscription (migration {answer.Value.Id}).";
                }

                return true;
            }

            Refuse(request, answer.IsNotFound ? [new DeskError("NotFound", "The customer or subscription was not found.")] : answer.Errors);
            return false;
        }

        var timing = head.TargetDate is { } date ? ScheduleTiming.OnDate(date) : ScheduleTiming.OnRenewal;
        var scheduled = await schedules.CreateAsync(actor.PartnerTenantId, head.CustomerId, request.Request with { At = null, OnRenewal = false }, timing, actor.Name, batchId, ct);
        if (scheduled.IsDone)
        {
            var schedule = scheduled.Value!;
            head.Outcome = $"Schedule {schedule.Id} created: runs {schedule.DueAt:yyyy-MM-dd} (UTC).";
            foreach (var member in request.Rows.Skip(1))
            {
                member.Outcome = $"Scheduled with its base subscription (schedule {schedule.Id}).";
            }

            return true;
        }

        Refuse(request, scheduled.IsNotFound ? [new DeskError("NotFound", "The customer or subscription was not found.")] : scheduled.Errors);
        return false;
    }

    private static void Refuse(PlannedRequest request, IReadOnlyList<DeskError> errors)
    {
        foreach (var error in errors)
        {
            request.Rows[0].Errors.Add(new ImportIssue(error.Field, $"Refused when applied ({error.Code}): {error.Description}"));
        }
    }

    /// <summary>Loads each customer once, checks every row against it, and evaluates each request (a base with the add-on rows of the file, or a row alone).</summary>
    private async Task<List<PlannedRequest>> PlanAsync(BamUploadKind kind, Guid partnerTenantId, List<ParsedRow> rows, CancellationToken ct)
    {
        var requests = new List<PlannedRequest>();
        var waiting = kind == BamUploadKind.Schedules ? await WaitingPartnerSchedulesAsync(rows, ct) : [];
        foreach (var customerRows in rows.Where(r => r.Errors.Count == 0).GroupBy(r => r.CustomerId))
        {
            var picture = await migrations.LoadAsync(partnerTenantId, customerRows.Key, ct);
            if (picture is null)
            {
                foreach (var row in customerRows)
                {
                    row.Errors.Add(new ImportIssue(BamColumns.CustomerTenantId, $"Customer {customerRows.Key} was not found."));
                }

                continue;
            }

            foreach (var row in customerRows)
            {
                CheckSubscription(row, picture, kind, waiting);
            }

            var inFile = customerRows.Where(r => r.Errors.Count == 0).ToDictionary(r => r.SubscriptionId);
            var planned = new List<InFlightSeats>();
            foreach (var row in customerRows.Where(r => r.Errors.Count == 0))
            {
                var legacy = picture.Legacy(row.SubscriptionId)!;
                if (legacy.ParentSubscriptionId is { } parent && inFile.ContainsKey(parent))
                {
                    continue; // goes with its base's request
                }

                var members = customerRows.Where(r => r.Errors.Count == 0 && picture.Legacy(r.SubscriptionId)!.ParentSubscriptionId == legacy.Id).ToList();
                var request = new MigrationRequest(legacy.Id)
                {
                    Target = row.TargetFor(legacy),
                    AddOnTargets = members.ToDictionary(m => m.SubscriptionId, m => m.TargetFor(picture.Legacy(m.SubscriptionId)!)),
                };
                request = kind == BamUploadKind.Migrations
                    ? request
                    : row.TargetDate is { } date ? request with { At = TermDates.StartInstant(date) } : request with { OnRenewal = true };
                var plannedRequest = new PlannedRequest(request, [row, .. members]);
                requests.Add(plannedRequest);
                Evaluate(plannedRequest, picture, kind == BamUploadKind.Migrations ? planned : null);
            }
        }

        return requests;
    }

    private static void Evaluate(PlannedRequest planned, CustomerPicture picture, List<InFlightSeats>? earlierRows)
    {
        var head = planned.Rows[0];
        var context = earlierRows is { Count: > 0 } ? picture.Context with { InFlight = [.. picture.Context.InFlight, .. earlierRows] } : picture.Context;
        BundleEligibility eligibility;
        try
        {
            eligibility = EligibilityEvaluator.Evaluate(planned.Request, context);
        }
        catch (DomainException e)
        {
            head.Errors.Add(new ImportIssue(null, e.Message));
            return;
        }

        if (!eligibility.IsEligible)
        {
            foreach (var member in eligibility.IneligibleMembers)
            {
                var row = planned.Rows.FirstOrDefault(r => r.SubscriptionId == member.SubscriptionId) ?? head;
                var prefix = ReferenceEquals(row, head) && member.SubscriptionId != head.SubscriptionId
                    ? $"Its add-on '{member.FriendlyName}' ({member.SubscriptionId}), which must migrate with it: "
                    : "";
                foreach (var reason in member.Reasons)
                {
                    row.Errors.Add(new ImportIssue(ColumnOf(reason), prefix + Describe(reason)));
                }
            }

            // One ineligible member blocks the whole bundle.
            foreach (var row in planned.Rows.Where(r => r.Errors.Count == 0))
            {
                row.Errors.Add(new ImportIssue(null, "Another subscription of its bundle is not eligible (see the other lines of the bundle)."));
            }

            return;
        }

        earlierRows?.AddRange(eligibility.Members.Select(m => new InFlightSeats(m.SubscriptionId, string.Join('/', (m.CatalogItemId ?? "").Split(':').Take(2)), m.Target.Quantity)));
    }

    private static string Describe(EligibilityReason reason) =>
        (reason.Code is { } code ? string.Create(CultureInfo.InvariantCulture, $"{code} {reason.Name}: ") : $"{reason.Name}: ") + reason.Description;

    private static string? ColumnOf(EligibilityReason reason) => reason.Code switch
    {
        6 => BamColumns.BillingPlan,
        10 => BamColumns.StartNewTermInNce,
        11 or 12 => BamColumns.CustomTermEndDate,
        _ => null,
    };

    private static void CheckSubscription(ParsedRow row, CustomerPicture picture, BamUploadKind kind, HashSet<Guid> waiting)
    {
        var legacy = picture.Legacy(row.SubscriptionId);
        if (legacy is null)
        {
            row.Errors.Add(new ImportIssue(BamColumns.LegacySubscriptionId, $"Subscription {row.SubscriptionId} was not found for customer {row.CustomerId}."));
            return;
        }

        if (row.AddOn is { } addOn && addOn != legacy.IsAddOn)
        {
            row.Errors.Add(new ImportIssue(BamColumns.AddOn, addOn ? "The subscription is a base subscription, not an add-on." : "The subscription is an add-on."));
        }

        if (row.BaseSubscriptionId is { } baseId && baseId != legacy.ParentSubscriptionId)
        {
            row.Errors.Add(new ImportIssue(BamColumns.BaseSubscriptionId, legacy.ParentSubscriptionId is { } actual
                ? $"The add-on's base subscription is {actual}, not {baseId}."
                : "The subscription is a base subscription; leave BaseSubscriptionId empty."));
        }

        if (kind == BamUploadKind.Schedules)
        {
            if (row.TargetDate is { } date && !ScheduleBook.TargetDateAllowed(date, legacy.TermEnd, picture.Now))
            {
                row.Errors.Add(new ImportIssue(BamColumns.TargetDate, $"The target date must be between today ({TermDates.UtcDate(picture.Now):yyyy-MM-dd}) and the last day of the term ({TermDates.UtcDate(legacy.TermEnd):yyyy-MM-dd})."));
            }

            if (waiting.Contains(legacy.Id))
            {
                row.Errors.Add(new ImportIssue(BamColumns.LegacySubscriptionId, "The subscription already has a migration scheduled; update or cancel that schedule instead."));
            }
        }
    }

    private async Task<HashSet<Guid>> WaitingPartnerSchedulesAsync(List<ParsedRow> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.Errors.Count == 0).Select(r => r.SubscriptionId).Distinct().ToList();
        var waiting = await db.Schedules.AsNoTracking()
            .Where(s => ids.Contains(s.SubscriptionId) && s.Status == ScheduleStatus.Created && !s.IsMicrosoftLed)
            .Select(s => s.SubscriptionId)
            .ToListAsync(ct);
        return waiting.ToHashSet();
    }

    private static void MarkDuplicates(List<ParsedRow> rows)
    {
        var first = new Dictionary<Guid, int>();
        foreach (var row in rows.Where(r => r.Errors.Count == 0))
        {
            if (first.TryGetValue(row.SubscriptionId, out var line))
            {
                row.Errors.Add(new ImportIssue(BamColumns.LegacySubscriptionId, string.Create(CultureInfo.InvariantCulture, $"Subscription {row.SubscriptionId} is already on line {line}.")));
            }
            else
            {
                first[row.SubscriptionId] = row.Line;
            }
        }
    }

    private static ParsedRow Parse(CsvUploadRow<BamUploadRow> upload, int columns, BamUploadKind kind)
    {
        var row = upload.Record;
        var parsed = new ParsedRow(upload.Line, row.LegacySubscriptionId);
        if (upload.FieldCount != columns)
        {
            parsed.Errors.Add(new ImportIssue(null, string.Create(CultureInfo.InvariantCulture, $"The row has {upload.FieldCount} fields; the header has {columns}.")));
            return parsed;
        }

        parsed.CustomerId = RequiredId(row.CustomerTenantId, BamColumns.CustomerTenantId, parsed);
        parsed.SubscriptionId = RequiredId(row.LegacySubscriptionId, BamColumns.LegacySubscriptionId, parsed);

        var term = row.Term;
        if (term.Length > 0)
        {
            if (TermDurationExtensions.TryParseTermDuration(term, out var value))
            {
                parsed.Term = value;
            }
            else
            {
                parsed.Errors.Add(new ImportIssue(BamColumns.Term, $"'{term}' is not a term: use P1M, P1Y or P3Y."));
            }
        }

        var billing = row.BillingPlan;
        if (billing.Length > 0)
        {
            if (!int.TryParse(billing, out _) && Enum.TryParse<BillingCycle>(billing, ignoreCase: true, out var cycle))
            {
                parsed.Billing = cycle;
            }
            else
            {
                parsed.Errors.Add(new ImportIssue(BamColumns.BillingPlan, $"'{billing}' is not a billing plan: use Monthly, Annual or Triennial."));
            }
        }

        var seats = row.SeatCount;
        if (seats.Length > 0)
        {
            if (int.TryParse(seats, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
            {
                parsed.Seats = count;
            }
            else
            {
                parsed.Errors.Add(new ImportIssue(BamColumns.SeatCount, $"'{seats}' is not a seat count (a whole number, 1 or more)."));
            }
        }

        parsed.FullTerm = OptionalBool(row.StartNewTermInNce, BamColumns.StartNewTermInNce, parsed) ?? false;
        parsed.AddOn = OptionalBool(row.AddOn, BamColumns.AddOn, parsed);
        var customEnd = row.CustomTermEndDate;
        if (customEnd.Length > 0)
        {
            if (CsvFormat.TryDate(customEnd, out var date))
            {
                parsed.CustomTermEndDate = date;
            }
            else
            {
                parsed.Errors.Add(new ImportIssue(BamColumns.CustomTermEndDate, $"'{customEnd}' is not a date (yyyy-MM-dd)."));
            }
        }

        var baseId = row.BaseSubscriptionId;
        if (baseId.Length > 0)
        {
            if (Guid.TryParse(baseId, out var id))
            {
                parsed.BaseSubscriptionId = id;
            }
            else
            {
                parsed.Errors.Add(new ImportIssue(BamColumns.BaseSubscriptionId, $"'{baseId}' is not a subscription id (a GUID)."));
            }
        }

        if (kind == BamUploadKind.Schedules)
        {
            var target = row.TargetDate;
            var onRenewal = OptionalBool(row.MigrateOnRenewal, BamColumns.MigrateOnRenewal, parsed) ?? false;
            if (target.Length > 0)
            {
                if (CsvFormat.TryDate(target, out var date))
                {
                    parsed.TargetDate = date;
                }
                else
                {
                    parsed.Errors.Add(new ImportIssue(BamColumns.TargetDate, $"'{target}' is not a date (yyyy-MM-dd)."));
                }
            }

            if (target.Length > 0 == onRenewal)
            {
                parsed.Errors.Add(new ImportIssue(BamColumns.TargetDate, "Give either a TargetDate or MigrateOnRenewal True, not both and not neither."));
            }
        }

        return parsed;
    }

    private static Guid RequiredId(string text, string column, ParsedRow parsed)
    {
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        parsed.Errors.Add(new ImportIssue(column, text.Length == 0 ? "Required: a tenant or subscription id (a GUID)." : $"'{text}' is not an id (a GUID)."));
        return Guid.Empty;
    }

    private static bool? OptionalBool(string text, string column, ParsedRow parsed)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (CsvFormat.TryBool(text, out var value))
        {
            return value;
        }

        parsed.Errors.Add(new ImportIssue(column, $"'{text}' is not True or False."));
        return null;
    }

    private Task AuditAsync(BamUploadKind kind, ImportActor actor, ImportReport report, CancellationToken ct) =>
        audit.RecordAsync(actor.PartnerTenantId, actor.Name, report.Applied > 0 ? "CsvImported" : "CsvImportNotApplied", $"{KindName(kind)} '{report.FileName}'", $"{report.Mode}: {report.Summary}" + (report.BatchId is { } batch ? $" Batch {batch}." : ""), ct);

    private sealed class ParsedRow(int line, string key)
    {
        public int Line { get; } = line;

        public string Key { get; } = key;

        public List<ImportIssue> Errors { get; } = [];

        public string? Outcome { get; set; }

        public Guid CustomerId { get; set; }

        public Guid SubscriptionId { get; set; }

        public TermDuration? Term { get; set; }

        public BillingCycle? Billing { get; set; }

        public int? Seats { get; set; }

        public bool FullTerm { get; set; }

        public DateOnly? CustomTermEndDate { get; set; }

        public bool? AddOn { get; set; }

        public Guid? BaseSubscriptionId { get; set; }

        public DateOnly? TargetDate { get; set; }

        /// <summary>The row's target; an empty Term, BillingPlan or SeatCount carries the legacy value over.</summary>
        public MigrationTarget TargetFor(LegacySubscription legacy) =>
            new(Term ?? legacy.Term, Billing ?? legacy.Billing, Seats ?? legacy.Quantity, FullTerm, CustomTermEndDate);
    }

    private sealed record PlannedRequest(MigrationRequest Request, List<ParsedRow> Rows);
}
