using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portal.Tests.Web;

namespace Portal.Tests.PartnerCenter;

/// <summary>One request Partner Center got.</summary>
public sealed record PartnerCenterCall(string Method, string PathAndQuery, string? Authorization, string? RequestId, string? ContinuationToken, string Body);

/// <summary>
/// A local stand-in for Partner Center's New Commerce migration API (REFERENCE.md shapes), on 127.0.0.1: migrations
/// (validate, create, get, list in pages of <c>PageSize</c> with the next page's token in the body and taken back in
/// the <c>MS-ContinuationToken</c> header), events, schedules and co-terming dates. A test scripts failures with
/// <see cref="FailNext"/>; every call is recorded.
/// </summary>
public sealed class FakePartnerCenter : IAsyncDisposable
{
    private static readonly string[] EventNames = ["MigrationStarted", "NewCommerceSubscriptionCreated"];
    private readonly ConcurrentDictionary<string, JsonObject> _migrations = new();
    private readonly ConcurrentDictionary<string, JsonObject> _schedules = new();
    private readonly ConcurrentQueue<(string Method, string PathPart, int Status, string? RetryAfter, string? Body)> _failures = new();
    private LocalHttpServer _server = null!;

    public ConcurrentQueue<PartnerCenterCall> Calls { get; } = new();

    public Uri Address => _server.Address;

    public static async Task<FakePartnerCenter> StartAsync()
    {
        var fake = new FakePartnerCenter();
        fake._server = await LocalHttpServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>The next <paramref name="method"/> call whose path contains <paramref name="pathPart"/> gets this answer instead.</summary>
    public void FailNext(string method, string pathPart, int status, string? retryAfter = null, string? body = null) =>
        _failures.Enqueue((method, pathPart, status, retryAfter, body));

    /// <summary>The next <paramref name="method"/> call whose path contains <paramref name="pathPart"/> is never answered (a hung connection).</summary>
    public void HangNext(string method, string pathPart) => _failures.Enqueue((method, pathPart, 0, null, null));

    /// <summary>Stores a migration as if it had been created earlier.</summary>
    public void AddMigration(Guid customerId, string currentSubscriptionId, string? externalReferenceId = null) =>
        _migrations[Guid.NewGuid().ToString()] = Migration(customerId, Guid.NewGuid().ToString(), currentSubscriptionId, externalReferenceId);

    /// <summary>What Partner Center's own processing does: moves the migrations of a subscription to <paramref name="status"/>.</summary>
    public void Finish(string currentSubscriptionId, string status, DateTimeOffset at, Guid? newCommerceSubscriptionId = null, string? errorCode = null, string? errorDescription = null)
    {
        foreach (var migration in _migrations.Values.Where(m => m["currentSubscriptionId"]!.GetValue<string>() == currentSubscriptionId))
        {
            migration["status"] = status;
            migration["newCommerceSubscriptionId"] = newCommerceSubscriptionId?.ToString();
            migration["completedTime"] = status == "Completed" ? at.ToString("O", CultureInfo.InvariantCulture) : null;
            migration["errorCode"] = errorCode;
            migration["errorDescription"] = errorDescription;
        }
    }

    public IReadOnlyList<PartnerCenterCall> CallsTo(string pathPart) => Calls.Where(c => c.PathAndQuery.Contains(pathPart, StringComparison.Ordinal)).ToList();

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            var request = context.Request;
            var path = request.Path + request.QueryString;
            Calls.Enqueue(new PartnerCenterCall(request.Method, path, request.Headers.Authorization.FirstOrDefault(), request.Headers["MS-RequestId"].FirstOrDefault(),
                request.Headers["MS-ContinuationToken"].FirstOrDefault(), body));
            if (!(request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.Ordinal) ?? false))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (_failures.TryPeek(out var failure) && failure.Method == request.Method && path.Contains(failure.PathPart, StringComparison.Ordinal) && _failures.TryDequeue(out _))
            {
                if (failure.Status == 0)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }

                context.Response.StatusCode = failure.Status;
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                if (failure.Body is not null)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(failure.Body);
                }

                return;
            }

            await next(context);
        });

        const string customer = "/v1/customers/{customerId:guid}";
        app.MapPost(customer + "/migrations/newcommerce/validate", (Guid customerId, JsonObject body) => Results.Json(new JsonObject
        {
            ["currentSubscriptionId"] = body["currentSubscriptionId"]?.GetValue<string>(),
            ["isEligible"] = true,
            ["catalogItemId"] = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF",
            ["errors"] = new JsonArray(),
        }));
        app.MapPost(customer + "/migrations/newcommerce", (Guid customerId, JsonObject body) =>
        {
            var id = Guid.NewGuid().ToString();
            var migration = Migration(customerId, id, body["currentSubscriptionId"]!.GetValue<string>(), body["externalReferenceId"]?.GetValue<string>());
            migration["quantity"] = body["quantity"]?.DeepClone();
            migration["termDuration"] = body["termDuration"]?.DeepClone();
            _migrations[id] = migration;
            return Results.Json(migration, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet(customer + "/migrations/newcommerce/events", (Guid customerId, string? migration_id) => Results.Json(new JsonObject
        {
            ["items"] = new JsonArray(EventNames.Select((name, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"event-{i}",
                ["newCommerceMigrationId"] = migration_id,
                ["customerTenantId"] = customerId.ToString(),
                ["createdTime"] = "2026-11-30T10:00:00Z",
                ["eventName"] = name,
            }).ToArray()),
        }));
        app.MapGet(customer + "/migrations/newcommerce/{id}", (Guid customerId, string id) =>
            _migrations.TryGetValue(id, out var migration) && migration["customerTenantId"]!.GetValue<string>() == customerId.ToString()
                ? Results.Json(migration)
                : NotFound(id));
        app.MapGet("/v1/migrations/newcommerce", (HttpRequest request) =>
        {
            var customerId = request.Query["CustomerTenantId"].ToString();
            var subscriptionId = request.Query["CurrentSubscriptionId"].ToString();
            var all = _migrations.Values.Where(m => m["customerTenantId"]!.GetValue<string>() == customerId || m["currentSubscriptionId"]!.GetValue<string>() == subscriptionId)
                .OrderBy(m => m["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
            return Page(request, all, "newCommerceMigrations");
        });

        app.MapPost(customer + "/migrations/newcommerce/schedules", (Guid customerId, JsonObject body) =>
        {
            var id = Guid.NewGuid().ToString();
            var schedule = new JsonObject
            {
                ["id"] = id,
                ["customerTenantId"] = customerId.ToString(),
                ["currentSubscriptionId"] = body["currentSubscriptionId"]?.DeepClone(),
                ["status"] = "Created",
                ["targetDate"] = body["targetDate"]?.DeepClone(),
                ["migrateOnRenewal"] = body["migrateOnRenewal"]?.DeepClone() ?? false,
                ["externalReferenceId"] = body["externalReferenceId"]?.DeepClone(),
                ["microsoftLed"] = false,
            };
            _schedules[id] = schedule;
            return Results.Json(schedule, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet(customer + "/migrations/newcommerce/schedules/{id}", (Guid customerId, string id) =>
            _schedules.TryGetValue(id, out var schedule) ? Results.Json(schedule) : NotFound(id));
        app.MapPut(customer + "/migrations/newcommerce/schedules/{id}", (Guid customerId, string id, JsonObject body) =>
        {
            if (!_schedules.TryGetValue(id, out var schedule))
            {
                return NotFound(id);
            }

            schedule["targetDate"] = body["targetDate"]?.DeepClone();
            schedule["migrateOnRenewal"] = body["migrateOnRenewal"]?.DeepClone() ?? false;
            return Results.Json(schedule);
        });
        app.MapPost(customer + "/migrations/newcommerce/schedules/{id}/cancel", (Guid customerId, string id) =>
        {
            if (!_schedules.TryGetValue(id, out var schedule))
            {
                return NotFound(id);
            }

            schedule["status"] = "Cancelled";
            return Results.Json(schedule);
        });
        app.MapGet("/v1/migrations/newcommerce/schedules", (HttpRequest request) =>
            Page(request, _schedules.Values.Where(s => s["customerTenantId"]!.GetValue<string>() == request.Query["CustomerTenantId"].ToString())
                .OrderBy(s => s["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList(), "newCommerceMigrationSchedules"));
        app.MapGet(customer + "/subscriptions/customTermEndDates", (Guid customerId, string term_duration) => Results.Json(new JsonObject
        {
            ["items"] = new JsonArray(
                new JsonObject { ["allowedCustomTermEndDate"] = "2026-12-31T23:59:59Z" },
                new JsonObject { ["allowedCustomTermEndDate"] = term_duration == "P1M" ? "2027-01-31T23:59:59Z" : "2027-11-30T23:59:59Z" }),
        }));
    }

    /// <summary>A page of <paramref name="all"/>: <c>PageSize</c> items from the offset the continuation token names.</summary>
    private static IResult Page(HttpRequest request, List<JsonObject> all, string property)
    {
        var size = int.TryParse(request.Query["PageSize"], CultureInfo.InvariantCulture, out var s) ? s : 300;
        var token = request.Headers["MS-ContinuationToken"].FirstOrDefault();
        var offset = token is null ? 0 : int.Parse(token["offset-".Length..], CultureInfo.InvariantCulture);
        var page = all.Skip(offset).Take(size).Select(m => (JsonNode)m.DeepClone()).ToArray();
        var next = offset + size < all.Count ? $"offset-{offset + size}" : null;
        return Results.Json(new JsonObject { [property] = new JsonArray(page), ["continuationToken"] = next, ["totalCount"] = all.Count });
    }

    private static JsonObject Migration(Guid customerId, string id, string currentSubscriptionId, string? externalReferenceId) => new()
    {
        ["id"] = id,
        ["customerTenantId"] = customerId.ToString(),
        ["currentSubscriptionId"] = currentSubscriptionId,
        ["status"] = "Processing",
        ["startedTime"] = "2026-11-30T10:00:00Z",
        ["catalogItemId"] = "CFQ7TTC0LF8R:0001:CFQ7TTC0K5BF",
        ["externalReferenceId"] = externalReferenceId,
    };

    private static IResult NotFound(string id) => Results.Json(new { code = 600013, description = $"Resource {id} not found.", source = "PartnerFD" }, statusCode: StatusCodes.Status404NotFound);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
