using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Portal.Accounts;
using Portal.Csv.Exports;
using Portal.Csv.Uploads;
using Portal.Time;

namespace Portal.Csv;

/// <summary>CSV exports and imports: services, and the download routes of the portal's pages.</summary>
public static class CsvRegistration
{
    public static IServiceCollection AddPortalCsv(this IServiceCollection services)
    {
        services.AddScoped<PartnerHoldings>();
        services.AddScoped<StoredVerdicts>();
        services.TryAddScoped<Dashboard.EligibilityFigureStore>(); // the exports read the verdicts it stores (ADR-030)
        services.AddScoped<MicrosoftLedExport>();
        services.AddScoped<SubscriptionsExport>();
        services.AddScoped<MigrationResultsExport>();
        services.AddScoped<OfferMatrixExport>();
        services.AddScoped<OfferMatrixImport>();
        services.AddScoped<BamUpload>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/microsoft-led.csv", (HttpContext http, MicrosoftLedExport export) => DownloadAsync(http, export))
            .RequireAuthorization(PortalPolicies.Read);
        app.MapGet("/exports/subscriptions.csv", (HttpContext http, SubscriptionsExport export) => DownloadAsync(http, export))
            .RequireAuthorization(PortalPolicies.Read);
        app.MapGet("/exports/offer-matrix.csv", (HttpContext http, OfferMatrixExport export) => DownloadAsync(http, export))
            .RequireAuthorization(PortalPolicies.Read);
        app.MapGet("/history/export.csv", (HttpContext http, MigrationResultsExport export, string? batchId, Guid? customerId) =>
                DownloadAsync(http, export, new ExportFilter(batchId, customerId)))
            .RequireAuthorization(PortalPolicies.Read);
        app.MapCsvApiRoutes();
        return app;
    }

    /// <summary>Streams <paramref name="export"/> of the signed-in partner (user or API key) to the response.</summary>
    public static async Task DownloadAsync(HttpContext http, ICsvExport export, ExportFilter? filter = null)
    {
        var partnerTenantId = CurrentPartner.TryGetTenantId(http.User) ?? throw new InvalidOperationException("An export needs a signed-in partner.");
        var now = await http.RequestServices.GetRequiredService<PartnerClock>().NowAsync(partnerTenantId, http.RequestAborted);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = CsvFormat.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        http.Response.Headers.CacheControl = "no-store";
        await export.WriteAsync(http.Response.Body, partnerTenantId, now, filter ?? ExportFilter.None, http.RequestAborted);
    }
}
