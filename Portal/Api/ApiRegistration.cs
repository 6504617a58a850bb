using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Portal.Accounts;
using Portal.Api.Customers;
using Portal.Api.Keys;
using Portal.Api.Migrations;
using Portal.Api.Schedules;
using Portal.Api.Offers;
using Portal.Api.Sandbox;
using Portal.Api.Subscriptions;

namespace Portal.Api;

/// <summary>
/// The Partner Center-compatible REST API under <c>/api/v1</c>, also answering at Partner Center's own base path
/// (<c>/v1</c> by default, setting <c>Api:PartnerCenterBasePath</c>), its keys, limits and OpenAPI document.
/// </summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";

    /// <summary>The setting naming the second base path of the API; empty turns it off (ADR-023).</summary>
    public const string PartnerCenterBasePathSetting = "Api:PartnerCenterBasePath";

    /// <summary>Partner Center's own base path: its clients join their base address with <c>/v1/...</c>.</summary>
    public const string DefaultPartnerCenterBasePath = "/v1";

    /// <summary>Call after <c>AddPortalDemo</c>: the demo key is seeded after the demo partners.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = PartnerCenterErrors.AddCodeAndDescription);
        services.AddScoped<ApiKeyDesk>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiAuthentication.Scheme, displayName: "API key", configureOptions: null);
        services.AddHostedService<DemoApiKeySeeder>();
        services.AddPortalApiRateLimits(configuration);
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Partner Migration Portal API";
                document.Info.Description = "Partner Center's New Commerce migration API: send 'Authorization: Bearer <key>' with a key from Admin > API keys. "
                    + "Every route also answers at Partner Center's base path (/v1/... instead of /api/v1/..., setting Api:PartnerCenterBasePath), so a Partner Center client changes only its base address.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key made by a Global admin of your organization.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Call first in the pipeline: serves the API at Partner Center's base path too, by rewriting <c>/v1/...</c> to
    /// <c>/api/v1/...</c> before routing, so both paths reach the same endpoints, keys, limits and errors. It places
    /// routing itself, right after the rewrite (where ASP.NET Core would otherwise put it, first).
    /// </summary>
    public static WebApplication UsePartnerCenterBasePath(this WebApplication app)
    {
        var basePath = BasePathOf(app.Configuration);
        if (basePath is { } alias)
        {
            var prefix = new PathString(Prefix);
            app.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(alias, out var rest))
                {
                    context.Request.Path = prefix.Add(rest);
                }

                return next(context);
            });
        }

        app.UseRouting();
        return app;
    }

    /// <summary>The configured second base path, or null when turned off; a value that is not a path is refused at start-up.</summary>
    public static PathString? BasePathOf(IConfiguration configuration)
    {
        var text = configuration[PartnerCenterBasePathSetting] ?? DefaultPartnerCenterBasePath;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim().TrimEnd('/');
        if (!text.StartsWith('/') || text.Length < 2 || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal)
            || new PathString(Prefix).StartsWithSegments(text, StringComparison.OrdinalIgnoreCase)
            || new PathString(text).StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{PartnerCenterBasePathSetting} is '{configuration[PartnerCenterBasePathSetting]}'; give a path such as /v1 that is neither {Prefix} nor part of it, or leave it empty to turn the second base path off.");
        }

        return new PathString(text);
    }

    /// <summary>Call after <c>UseAuthorization</c>: the rate limiter partitions by the API key's partner, known by then.</summary>
    public static WebApplication UsePortalApi(this WebApplication app)
    {
        app.Use(ProblemForBodilessErrorsAsync);
        app.UsePortalApiRateLimits();
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Read))
            .ProducesProblem(401)
            .ProducesProblem(403)
            .ProducesProblem(429)
            .WithTags("Partner Center");
        api.MapCustomerRoutes();
        api.MapSubscriptionRoutes();
        api.MapOfferRoutes();
        api.MapSandboxRoutes();
        api.MapMigrationRoutes();
        api.MapFailedMigrationRoutes();
        api.MapScheduleRoutes();

        return app;
    }

    /// <summary>
    /// Gives the API's body-less error answers (unknown route 404, wrong method 405, wrong content type 415) a
    /// ProblemDetails, which also keeps the portal's HTML status-code pages away from API clients.
    /// </summary>
    private static async Task ProblemForBodilessErrorsAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var response = context.Response;
        if (context.Request.Path.StartsWithSegments(Prefix) && !response.HasStarted && response.StatusCode >= 400
            && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = response.StatusCode,
                    Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.StatusCode),
                    Detail = response.StatusCode switch
                    {
                        404 => "No such API route.",
                        405 => "This route does not take this HTTP method.",
                        415 => "Send the body as JSON with 'Content-Type: application/json'.",
                        _ => null,
                    },
                    Type = ApiProblems.TypeFor(response.StatusCode),
                },
            });
        }
    }
}
