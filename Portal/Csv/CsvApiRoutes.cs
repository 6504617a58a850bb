using Portal.Accounts;
using Portal.Api;
using Portal.Csv.Exports;
using Portal.Csv.Uploads;

namespace Portal.Csv;

/// <summary>
/// The CSV files through the API (the api helper's Bearer key scheme and rate limits): exports stream
/// <c>text/csv</c>; imports take the file as the raw body (<c>Content-Type: text/csv</c>) and answer the per-row report
/// as JSON: 200 when applied (or, with <c>mode=ValidateOnly</c>, valid), 422 when rows are wrong, a 400/413
/// ProblemDetails when the file itself is refused. Each import counts as one create call against the rate limit.
/// </summary>
public static class CsvApiRoutes
{
    public static IEndpointRouteBuilder MapCsvApiRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiRegistration.Prefix)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Read))
            .ProducesProblem(401)
            .ProducesProblem(403)
            .ProducesProblem(429)
            .WithTags("CSV");

        api.MapGet("/exports/microsoft-led", (HttpContext http, MicrosoftLedExport export) => CsvRegistration.DownloadAsync(http, export))
            .WithName("ExportMicrosoftLedMigrations")
            .WithSummary("Microsoft-led migration data export: 17 columns, subscriptions ending in the next three months.")
            .Produces(200, contentType: "text/csv");
        api.MapGet("/exports/subscriptions", (HttpContext http, SubscriptionsExport export) => CsvRegistration.DownloadAsync(http, export))
            .WithName("ExportSubscriptionsWithEligibility")
            .WithSummary("BAM's subscriptions-with-eligibility file.")
            .Produces(200, contentType: "text/csv");
        api.MapGet("/exports/migrations", (HttpContext http, MigrationResultsExport export, string? batchId, Guid? customerId) =>
                CsvRegistration.DownloadAsync(http, export, new ExportFilter(batchId, customerId)))
            .WithName("ExportMigrationResults")
            .WithSummary("Migration results in BAM's result shape; filter by batchId (an upload's) or customerId.")
            .Produces(200, contentType: "text/csv");
        api.MapGet("/exports/offer-matrix", (HttpContext http, OfferMatrixExport export) => CsvRegistration.DownloadAsync(http, export))
            .WithName("ExportOfferMatrix")
            .WithSummary("The offer matrix NCE Mapping.")
            .Produces(200, contentType: "text/csv");

        api.MapPost("/imports/offer-matrix", (HttpContext http, OfferMatrixImport import, string? mode) =>
                ImportAsync(http, mode, (actor, body, fileName, chosen, ct) => import.ImportAsync(actor, body, fileName, chosen, ct)))
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Administer))
            .WithName("ImportOfferMatrix")
            .WithSummary("Imports the offer matrix NCE Mapping (Global admin). mode: AllOrNothing (default), Partial, ValidateOnly.")
            .Accepts<string>("text/csv")
            .Produces<ImportReport>(200)
            .Produces<ImportReport>(422)
            .ProducesProblem(400)
            .ProducesProblem(413);
        MapBamImport(api, "/imports/migrations", BamUploadKind.Migrations, "ImportMigrations", "Migrates the subscriptions of a BAM upload file (columns of the subscriptions export).");
        MapBamImport(api, "/imports/schedules", BamUploadKind.Schedules, "ImportSchedules", "Schedules the migrations of a BAM schedule file (adds TargetDate, MigrateOnRenewal).");
        return api;
    }

    private static void MapBamImport(RouteGroupBuilder api, string path, BamUploadKind kind, string name, string summary) =>
        api.MapPost(path, (HttpContext http, BamUpload upload, string? mode) =>
                ImportAsync(http, mode, (actor, body, fileName, chosen, ct) => upload.ImportAsync(kind, actor, body, fileName, chosen, ct)))
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .RequireApiLimit(ApiRateLimits.Create)
            .WithName(name)
            .WithSummary(summary + " mode: AllOrNothing (default), Partial, ValidateOnly. The report's batchId is the migrations' externalReferenceId.")
            .Accepts<string>("text/csv")
            .Produces<ImportReport>(200)
            .Produces<ImportReport>(422)
            .ProducesProblem(400)
            .ProducesProblem(413);

    /// <summary>Reads the raw body as the file, runs <paramref name="import"/>, and answers its report.</summary>
    public static async Task<IResult> ImportAsync(
        HttpContext http,
        string? mode,
        Func<ImportActor, Stream, string, ImportMode, CancellationToken, Task<ImportReport>> import)
    {
        if (!TryMode(mode, out var chosen))
        {
            return ApiProblems.Invalid("mode", $"'{mode}' is not an import mode: use AllOrNothing (the default), Partial or ValidateOnly.");
        }

        var partner = CurrentPartner.TryGetTenantId(http.User) ?? throw new InvalidOperationException("An import needs a partner.");
        var actor = new ImportActor(partner, ApiAuthentication.Actor(http.User));
        var fileName = http.Request.Headers["X-File-Name"].FirstOrDefault() is { Length: > 0 and <= 200 } name ? name : "upload.csv";
        var report = await import(actor, http.Request.Body, fileName, chosen, http.RequestAborted);
        if (report.FileError is { } error)
        {
            var tooLarge = error == CsvUpload.TooLarge();
            return Results.Problem(
                statusCode: tooLarge ? 413 : 400,
                title: "The file was refused; nothing was applied",
                detail: error,
                type: ApiProblems.TypeFor(tooLarge ? 413 : 400));
        }

        return report.Succeeded ? Results.Ok(report) : Results.Json(report, statusCode: 422);
    }

    private static bool TryMode(string? text, out ImportMode mode)
    {
        mode = ImportMode.AllOrNothing;
        return string.IsNullOrEmpty(text) || (!int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out mode));
    }
}
