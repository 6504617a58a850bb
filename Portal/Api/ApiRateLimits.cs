using System.Globalization;
using Portal.Accounts;
using Portal.Persistence;

namespace Portal.Api;

/// <summary>One fixed-window limit: <see cref="Permits"/> calls per <see cref="Window"/>.</summary>
public sealed class ApiLimit
{
    public int Permits { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>The API's limits (configuration section <c>Api:RateLimits</c>); the defaults are Partner Center's.</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimits";

    /// <summary>Every API call, per partner.</summary>
    public ApiLimit PerPartner { get; set; } = new() { Permits = 1000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Validate calls per partner and customer (Partner Center: 450 per 5 minutes).</summary>
    public ApiLimit Validate { get; set; } = new() { Permits = 450, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Migration and schedule creations per partner (Partner Center: 100 per 5 minutes).</summary>
    public ApiLimit Create { get; set; } = new() { Permits = 100, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Where the counters live; unset, in the database on PostgreSQL (instances share it) and in memory on SQLite (one instance).</summary>
    public ApiRateStore? Store { get; set; }
}

/// <summary>Marks an endpoint with one of the named limits (<see cref="ApiRateLimits.Validate"/>, <see cref="ApiRateLimits.Create"/>).</summary>
public sealed record ApiLimitMetadata(string Name);

/// <summary>
/// Per-partner rate limits shared by every instance (ADR-013, ADR-021): every API call counts against its partner's
/// per-minute limit, and an endpoint marked with <see cref="RequireApiLimit{TBuilder}"/> also against its named limit,
/// in fixed-window counters (<see cref="IApiRateCounters"/>), in the database when several instances share it. Over a limit the answer is 429 with
/// <c>Retry-After</c> (seconds until the window resets) and a ProblemDetails. It runs after authorization, so it knows
/// the key's partner; unauthenticated calls are refused before they cost anything.
/// </summary>
public static class ApiRateLimits
{
    public const string Validate = "api-validate";
    public const string Create = "api-create";

    public static IServiceCollection AddPortalApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(ApiRateLimitOptions.Section).Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();
        services.AddSingleton(limits);
        services.AddSingleton<MemoryRateCounters>();
        services.AddScoped<DatabaseRateCounters>();
        services.AddScoped<IApiRateCounters>(sp =>
            (limits.Store ?? (sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.PostgreSQL ? ApiRateStore.Database : ApiRateStore.Memory)) == ApiRateStore.Database
                ? sp.GetRequiredService<DatabaseRateCounters>()
                : sp.GetRequiredService<MemoryRateCounters>());
        return services;
    }

    /// <summary>Counts this endpoint's calls against the named limit as well as the partner's per-minute one.</summary>
    public static TBuilder RequireApiLimit<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        name is Validate or Create
            ? builder.WithMetadata(new ApiLimitMetadata(name))
            : throw new ArgumentOutOfRangeException(nameof(name), name, "No such API limit.");

    /// <summary>Call after <c>UseAuthorization</c>.</summary>
    public static IApplicationBuilder UsePortalApiRateLimits(this IApplicationBuilder app) => app.Use(LimitAsync);

    private static async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || CurrentPartner.TryGetTenantId(context.User) is not { } partner)
        {
            await next(context);
            return;
        }

        var limits = context.RequestServices.GetRequiredService<ApiRateLimitOptions>();
        var counters = context.RequestServices.GetRequiredService<IApiRateCounters>();
        var ct = context.RequestAborted;
        var retryAfter = await counters.TryTakeAsync($"partner:{partner}", limits.PerPartner, ct);
        if (retryAfter is null && context.GetEndpoint()?.Metadata.GetMetadata<ApiLimitMetadata>() is { } named)
        {
            retryAfter = named.Name == Validate
                ? await counters.TryTakeAsync($"validate:{partner}:{context.Request.RouteValues["customerId"]}", limits.Validate, ct)
                : await counters.TryTakeAsync($"create:{partner}", limits.Create, ct);
        }

        if (retryAfter is { } wait)
        {
            await RejectAsync(context, wait);
            return;
        }

        await next(context);
    }

    private static async Task RejectAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Your organization has used its calls for this period; try again in {seconds} seconds.",
                Type = ApiProblems.TypeFor(429),
            },
        });
    }
}
