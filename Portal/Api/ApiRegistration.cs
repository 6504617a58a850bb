using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Portal.Accounts;
using Portal.Api.Customers;
using Portal.Api.Keys;
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
        services.AddScoped<ApiClock>();
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
        app.UseRateLimiter();
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

        // Unknown API paths answer a ProblemDetails, not the portal's HTML not-found page.
        app.MapFallback(Prefix + "/{**path}", () => Results.Problem(statusCode: 404, title: "Not found", detail: "No such API route.", type: ApiProblems.TypeFor(404)))
            .ExcludeFromDescription();
        return app;
    }
}
