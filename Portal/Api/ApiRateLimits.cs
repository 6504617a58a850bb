using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Accounts;

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
}

/// <summary>
/// Per-partner rate limits (ASP.NET Core rate limiting, partitioned by the API key's partner), answering 429 with
/// <c>Retry-After</c> and a ProblemDetails. The limiter runs after authorization, so it sees the key's partner (ADR-013).
/// </summary>
public static class ApiRateLimits
{
    public const string Validate = "api-validate";
    public const string Create = "api-create";

    public static IServiceCollection AddPortalApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(ApiRateLimitOptions.Section).Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();
        services.AddSingleton(limits);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api") && PartnerOf(context) is { } partner
                    ? FixedWindow($"partner:{partner}", limits.PerPartner)
                    : RateLimitPartition.GetNoLimiter("not-api"));
            options.AddPolicy(Validate, context =>
                FixedWindow($"validate:{PartnerOf(context)}:{context.Request.RouteValues["customerId"]}", limits.Validate));
            options.AddPolicy(Create, context => FixedWindow($"create:{PartnerOf(context)}", limits.Create));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static Guid? PartnerOf(HttpContext context) => CurrentPartner.TryGetTenantId(context.User);

    private static RateLimitPartition<string> FixedWindow(string key, ApiLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
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
