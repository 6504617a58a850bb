using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Portal.PartnerCenter;

/// <summary>
/// Partner Center's New Commerce migration API over HTTP (REFERENCE.md): validate, create, get, list (with
/// continuation-token paging), events, schedules and co-terming dates. Every call carries a bearer token from
/// <see cref="PartnerCenterTokens"/> and names the limit it counts against (validate per customer, create per
/// partner); the <see cref="HttpClient"/>'s resilience pipeline (<see cref="PartnerCenterPipeline"/>) waits for the
/// limits, retries and times out, with the same <c>MS-RequestId</c> on every attempt. A create is retried only after a
/// 429; when its outcome is unknown (5xx, timeout, lost connection) the client looks it up by its external reference
/// and creates it again only when Partner Center does not have it. Anything else is a <see cref="PartnerCenterException"/>.
/// </summary>
public sealed class PartnerCenterClient(
    IHttpClientFactory httpClients,
    PartnerCenterTokens tokens,
    IOptions<PartnerCenterOptions> options)
{
    public const string ContinuationTokenHeader = "MS-ContinuationToken";
    public const string RequestIdHeader = "MS-RequestId";
    public const string CorrelationIdHeader = "MS-CorrelationId";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly PartnerCenterOptions _options = options.Value;

    public Task<NewCommerceEligibility> ValidateMigrationAsync(Guid customerId, NewCommerceMigrationRequest request, CancellationToken ct) =>
        SendAsync<NewCommerceEligibility>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce/validate", request, Call.Limited(PartnerCenterPipeline.ValidateKeyPrefix + customerId), ct);

    /// <summary>
    /// Creates a migration. Not idempotent: retried only after a 429. When the outcome is unknown (5xx, timeout, lost
    /// connection) and the request has an external reference, Partner Center is asked for the migration of that
    /// subscription and reference: the one it has is returned, and only when it has none is the create sent again.
    /// </summary>
    public async Task<NewCommerceMigration> CreateMigrationAsync(Guid customerId, NewCommerceMigrationRequest request, CancellationToken ct)
    {
        var path = $"v1/customers/{customerId}/migrations/newcommerce";
        try
        {
            return await SendAsync<NewCommerceMigration>(HttpMethod.Post, path, request, Call.Create, ct);
        }
        catch (PartnerCenterException e) when (e.OutcomeUnknown && request.ExternalReferenceId is { Length: > 0 } && request.CurrentSubscriptionId is { Length: > 0 })
        {
            var query = new NewCommerceMigrationQuery(CurrentSubscriptionId: request.CurrentSubscriptionId, ExternalReferenceId: request.ExternalReferenceId);
            await foreach (var existing in ListMigrationsAsync(query, ct))
            {
                if (existing.ExternalReferenceId == request.ExternalReferenceId && existing.CurrentSubscriptionId == request.CurrentSubscriptionId)
                {
                    return existing; // it was applied
                }
            }

            return await SendAsync<NewCommerceMigration>(HttpMethod.Post, path, request, Call.Create, ct);
        }
    }

    public Task<NewCommerceMigration> GetMigrationAsync(Guid customerId, string migrationId, CancellationToken ct) =>
        SendAsync<NewCommerceMigration>(HttpMethod.Get, $"v1/customers/{customerId}/migrations/newcommerce/{Uri.EscapeDataString(migrationId)}", null, Call.Plain, ct);

    /// <summary>Every migration matching <paramref name="query"/>, page after page.</summary>
    public async IAsyncEnumerable<NewCommerceMigration> ListMigrationsAsync(NewCommerceMigrationQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PagesAsync<MigrationPage>("v1/migrations/newcommerce" + QueryString(query), p => p.ContinuationToken, ct))
        {
            foreach (var migration in page.NewCommerceMigrations ?? page.Items ?? [])
            {
                yield return migration;
            }
        }
    }

    public async Task<IReadOnlyList<NewCommerceMigrationEvent>> GetEventsAsync(Guid customerId, string? migrationId, string? currentSubscriptionId, CancellationToken ct)
    {
        var query = Query(("migration_id", migrationId), ("current_subscription_id", currentSubscriptionId));
        var events = new List<NewCommerceMigrationEvent>();
        await foreach (var page in PagesAsync<ItemsPage<NewCommerceMigrationEvent>>($"v1/customers/{customerId}/migrations/newcommerce/events{query}", p => p.ContinuationToken, ct))
        {
            events.AddRange(page.Items ?? []);
        }

        return events;
    }

    /// <summary>Creates a schedule. Not idempotent: retried only after a 429.</summary>
    public Task<NewCommerceMigrationSchedule> CreateScheduleAsync(Guid customerId, NewCommerceMigrationScheduleRequest request, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce/schedules", request, Call.Unrepeatable, ct);

    public Task<NewCommerceMigrationSchedule> GetScheduleAsync(Guid customerId, string scheduleId, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Get, $"v1/customers/{customerId}/migrations/newcommerce/schedules/{Uri.EscapeDataString(scheduleId)}", null, Call.Plain, ct);

    public Task<NewCommerceMigrationSchedule> UpdateScheduleAsync(Guid customerId, string scheduleId, NewCommerceMigrationScheduleRequest request, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Put, $"v1/customers/{customerId}/migrations/newcommerce/schedules/{Uri.EscapeDataString(scheduleId)}", request, Call.Plain, ct);

    public Task<NewCommerceMigrationSchedule> CancelScheduleAsync(Guid customerId, string scheduleId, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce/schedules/{Uri.EscapeDataString(scheduleId)}/cancel", null, Call.Plain, ct);

    public async IAsyncEnumerable<NewCommerceMigrationSchedule> ListSchedulesAsync(NewCommerceMigrationQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PagesAsync<SchedulePage>("v1/migrations/newcommerce/schedules" + QueryString(query), p => p.ContinuationToken, ct))
        {
            foreach (var schedule in page.NewCommerceMigrationSchedules ?? page.Items ?? [])
            {
                yield return schedule;
            }
        }
    }

    /// <summary>The end dates a new subscription of <paramref name="termDuration"/> may co-term with.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> GetCustomTermEndDatesAsync(Guid customerId, string termDuration, CancellationToken ct)
    {
        var dates = new List<DateTimeOffset>();
        await foreach (var page in PagesAsync<ItemsPage<CustomTermEndDate>>(
            $"v1/customers/{customerId}/subscriptions/customTermEndDates{Query(("term_duration", termDuration))}", p => p.ContinuationToken, ct))
        {
            dates.AddRange((page.Items ?? []).Select(d => d.AllowedCustomTermEndDate));
        }

        return dates;
    }

    private async IAsyncEnumerable<TPage> PagesAsync<TPage>(string path, Func<TPage, string?> next, [EnumeratorCancellation] CancellationToken ct)
    {
        string? continuation = null;
        do
        {
            var page = await SendAsync<TPage>(HttpMethod.Get, path, null, Call.Plain with { ContinuationToken = continuation }, ct);
            yield return page;
            continuation = next(page);
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, Call call, CancellationToken ct)
    {
        var requestId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        var client = httpClients.CreateClient(PartnerCenterOptions.HttpClientName);
        var context = ResilienceContextPool.Shared.Get(ct);
        try
        {
            var sent = await SendOnceAsync(client, method, path, body, call, requestId, correlationId, context, ct);
            if (sent.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The token may have been revoked: sent once more with a fresh one.
                sent.Dispose();
                tokens.Invalidate();
                sent = await SendOnceAsync(client, method, path, body, call, requestId, correlationId, context, ct);
            }

            using var response = sent;
            var attempts = context.Properties.GetValue(PartnerCenterPipeline.Attempts, 1);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                    ?? throw new PartnerCenterException($"Partner Center answered {method} {path} with an empty body.", response.StatusCode, null, null, requestId, attempts);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new PartnerCenterException(
                    $"Partner Center kept answering {(int)response.StatusCode} to {method} {path}; gave up after {attempts} attempts.", response.StatusCode, null, null, requestId, attempts);
            }

            var (code, description) = await ErrorOfAsync(response, ct);
            throw new PartnerCenterException(
                $"Partner Center refused {method} {path}: {(int)response.StatusCode} {response.ReasonPhrase}{(code is null ? "" : $", error {code}")}{(description is null ? "" : $": {description}")}",
                response.StatusCode, code, description, requestId, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or RateLimiterRejectedException)
        {
            var attempts = context.Properties.GetValue(PartnerCenterPipeline.Attempts, 1);
            var why = e switch
            {
                BrokenCircuitException => "calls are paused after repeated failures (circuit open); try again shortly",
                TimeoutRejectedException => "it did not answer in time",
                RateLimiterRejectedException => "too many calls are waiting for Partner Center's limits",
                _ => e.Message,
            };
            throw new PartnerCenterException($"Partner Center could not be reached for {method} {path} after {attempts} attempts: {why}", null, null, null, requestId, attempts, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpClient client, HttpMethod method, string path, object? body, Call call, Guid requestId, Guid correlationId, ResilienceContext context, CancellationToken ct)
    {
        var token = await tokens.GetAsync(ct);
        using var request = new HttpRequestMessage(method, new Uri(_options.ApiBase, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add(RequestIdHeader, requestId.ToString());
        request.Headers.Add(CorrelationIdHeader, correlationId.ToString());
        if (call.ContinuationToken is not null)
        {
            request.Headers.Add(ContinuationTokenHeader, call.ContinuationToken);
        }

        if (call.LimitKey is not null)
        {
            request.Options.Set(PartnerCenterPipeline.LimitKey, call.LimitKey);
        }

        request.Options.Set(PartnerCenterPipeline.NotIdempotent, call.NotIdempotent);
        request.SetResilienceContext(context);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        return await client.SendAsync(request, ct);
    }

    /// <summary>Partner Center's error body: <c>{"code": 600040, "description": "...", ...}</c> (code a number or a string).</summary>
    private static async Task<(string? Code, string? Description)> ErrorOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var code = root.TryGetProperty("code", out var c) ? c.ValueKind == JsonValueKind.Number ? c.GetRawText() : c.GetString() : null;
            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return (code, description);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string QueryString(NewCommerceMigrationQuery query)
    {
        if (query.CustomerTenantId is null && query.CurrentSubscriptionId is null && query.ExternalReferenceId is null)
        {
            throw new ArgumentException("Partner Center needs at least one of CustomerTenantId, CurrentSubscriptionId and ExternalReferenceId.", nameof(query));
        }

        return Query(
            ("CustomerTenantId", query.CustomerTenantId),
            ("CurrentSubscriptionId", query.CurrentSubscriptionId),
            ("ExternalReferenceId", query.ExternalReferenceId),
            ("IsMicrosoftLed", query.IsMicrosoftLed is { } led ? (led ? "true" : "false") : null),
            ("PageSize", Math.Clamp(query.PageSize, 1, 300).ToString(CultureInfo.InvariantCulture)));
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    /// <summary>What the pipeline needs to know of a call: its limit, whether it may be sent twice, the page it asks for.</summary>
    private sealed record Call(string? LimitKey, bool NotIdempotent, string? ContinuationToken = null)
    {
        public static Call Plain { get; } = new(null, false);

        public static Call Unrepeatable { get; } = new(null, true);

        public static Call Create { get; } = new(PartnerCenterPipeline.CreateKey, true);

        public static Call Limited(string key) => new(key, false);
    }
}
