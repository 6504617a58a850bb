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

/// <summary>The Partner Center-compatible REST API under <c>/api/v1</c>, its keys, limits and OpenAPI document.</summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";

    /// <summary>Call after <c>AddPortalDemo</c>: the demo key is seeded after the demo partners.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
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
                document.Info.Description = "Partner Center's New Commerce migration API: send 'Authorization: Bearer <key>' with a key from Admin > API keys.";
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

    /// <summary>Call after <c>UseAuthorization</c>: the rate limiter partitions by the API key's partner, known by then.</summary>
    public static WebApplication UsePortalApi(this WebApplication app)
    {
        app.Use(ProblemForBodilessErrorsAsync);
        app.UsePortalApiRateLimits();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiKeyEndpoints();

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
