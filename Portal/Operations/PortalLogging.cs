using System.Diagnostics;
using System.Security.Claims;
using Portal.Accounts;
using Serilog;
using Serilog.Events;

namespace Portal.Operations;

/// <summary>
/// Logging through Serilog's ASP.NET Core integration (ADR-021): sinks and levels from the <c>Serilog</c> configuration
/// section, one line per request carrying the partner, the user and the trace id, and the properties of
/// <see cref="Microsoft.Extensions.Logging.ILogger.BeginScope{TState}"/> scopes (the engine's and webhooks' migration id).
/// Nothing secret is ever put in a property: request lines name the path (never the query string nor a header).
/// </summary>
public static class PortalLogging
{
    /// <summary>The request line: method, path, status, time, and who and which trace it was.</summary>
    public const string RequestTemplate =
        "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (partner {PartnerTenantId}, user {UserId}, trace {TraceId})";

    public static IServiceCollection AddPortalLogging(this IServiceCollection services, IConfiguration configuration)
    {
        // preserveStaticLogger: each host (the app, and each test host in one process) has a logger of its own.
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
        return services;
    }

    /// <summary>One log line per request (after the static files, so stylesheets do not flood the log).</summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger: the static Log.Logger is left alone (preserveStaticLogger), and would drop the lines.
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = RequestTemplate;
            options.GetLevel = LevelOf;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                // Read when the request ends, so the user is the one the authentication middleware found.
                diagnostics.Set("PartnerTenantId", CurrentPartner.TryGetTenantId(context.User)?.ToString() ?? "-");
                diagnostics.Set("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            };
        });

    /// <summary>Errors for failures, and health probes (every few seconds from a load balancer) only at Debug.</summary>
    private static LogEventLevel LevelOf(HttpContext context, double elapsed, Exception? exception) =>
        exception is null && context.Request.Path.StartsWithSegments(PortalHealth.PathPrefix)
            ? LogEventLevel.Debug
            : exception is not null || context.Response.StatusCode >= 500
                ? LogEventLevel.Error
                : LogEventLevel.Information;
}
