using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Portal.PartnerCenter;

/// <summary>
/// Partner Center's New Commerce migration API over HTTP (REFERENCE.md): validate, create, get, list (with
/// continuation-token paging), events, schedules and co-terming dates. Every call carries a bearer token from
/// <see cref="PartnerCenterTokens"/>, waits for the client-side limits (validate per customer, create per partner),
/// and is retried with backoff on 429 (after its Retry-After), 5xx and lost connections, with the same
/// <c>MS-RequestId</c> so that Partner Center can recognise a repeated create. Anything else is a
/// <see cref="PartnerCenterException"/>.
/// </summary>
public sealed class PartnerCenterClient(
    IHttpClientFactory httpClients,
    PartnerCenterTokens tokens,
    PartnerCenterRateLimiter limiter,
    TimeProvider time,
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
        SendAsync<NewCommerceEligibility>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce/validate", request, Limit.Validate(customerId, _options), null, ct);

    public Task<NewCommerceMigration> CreateMigrationAsync(Guid customerId, NewCommerceMigrationRequest request, CancellationToken ct) =>
        SendAsync<NewCommerceMigration>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce", request, Limit.Create(_options), null, ct);

    public Task<NewCommerceMigration> GetMigrationAsync(Guid customerId, string migrationId, CancellationToken ct) =>
        SendAsync<NewCommerceMigration>(HttpMethod.Get, $"v1/customers/{customerId}/migrations/newcommerce/{Uri.EscapeDataString(migrationId)}", null, null, null, ct);

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

    public Task<NewCommerceMigrationSchedule> CreateScheduleAsync(Guid customerId, NewCommerceMigrationScheduleRequest request, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce/schedules", request, null, null, ct);

    public Task<NewCommerceMigrationSchedule> GetScheduleAsync(Guid customerId, string scheduleId, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Get, $"v1/customers/{customerId}/migrations/newcommerce/schedules/{Uri.EscapeDataString(scheduleId)}", null, null, null, ct);

    public Task<NewCommerceMigrationSchedule> UpdateScheduleAsync(Guid customerId, string scheduleId, NewCommerceMigrationScheduleRequest request, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Put, $"v1/customers/{customerId}/migrations/newcommerce/schedules/{Uri.EscapeDataString(scheduleId)}", request, null, null, ct);

    public Task<NewCommerceMigrationSchedule> CancelScheduleAsync(Guid customerId, string scheduleId, CancellationToken ct) =>
        SendAsync<NewCommerceMigrationSchedule>(HttpMethod.Post, $"v1/customers/{customerId}/migrations/newcommerce/schedules/{Uri.EscapeDataString(scheduleId)}/cancel", null, null, null, ct);

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
            var page = await SendAsync<TPage>(HttpMethod.Get, path, null, null, continuation, ct);
            yield return page;
            continuation = next(page);
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, Limit? limit, string? continuationToken, CancellationToken ct)
    {
        var requestId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        var client = httpClients.CreateClient(PartnerCenterOptions.HttpClientName);
        var refreshedAfter401 = false;
        for (var attempt = 1; ; attempt++)
        {
            if (limit is { } l)
            {
                await WaitForLimitAsync(l, ct);
            }

            var token = await tokens.GetAsync(ct);
            using var request = new HttpRequestMessage(method, new Uri(_options.ApiBase, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Add(RequestIdHeader, requestId.ToString());
            request.Headers.Add(CorrelationIdHeader, correlationId.ToString());
            if (continuationToken is not null)
            {
                request.Headers.Add(ContinuationTokenHeader, continuationToken);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            }

            TimeSpan wait;
            HttpStatusCode? status = null;
            try
            {
                using var response = await client.SendAsync(request, ct);
                status = response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                        ?? throw new PartnerCenterException($"Partner Center answered {method} {path} with an empty body.", status, null, null, requestId, attempt);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshedAfter401)
                {
                    refreshedAfter401 = true; // the token may have been revoked: one more try with a fresh one
                    tokens.Invalidate();
                    attempt--;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    var (code, description) = await ErrorOfAsync(response, ct);
                    throw new PartnerCenterException(
                        $"Partner Center refused {method} {path}: {(int)response.StatusCode} {response.ReasonPhrase}{(code is null ? "" : $", error {code}")}{(description is null ? "" : $": {description}")}",
                        response.StatusCode, code, description, requestId, attempt);
                }

                wait = RetryAfter(response) ?? Backoff(attempt);
            }
            catch (HttpRequestException) when (attempt <= _options.MaxRetries)
            {
                wait = Backoff(attempt);
            }
            catch (HttpRequestException e)
            {
                throw new PartnerCenterException($"Partner Center could not be reached for {method} {path} after {attempt} attempts: {e.Message}", null, null, null, requestId, attempt, e);
            }

            if (attempt > _options.MaxRetries)
            {
                throw new PartnerCenterException(
                    $"Partner Center kept answering {(int?)status} to {method} {path}; gave up after {attempt} attempts.", status, null, null, requestId, attempt);
            }

            await Task.Delay(wait, time, ct);
        }
    }

    private async Task WaitForLimitAsync(Limit limit, CancellationToken ct)
    {
        while (limiter.TryReserve(limit.Key, limit.Count, _options.LimitWindow, time.GetUtcNow()) is { } wait)
        {
            await Task.Delay(wait, time, ct);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _options.FirstRetryDelay * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > time.GetUtcNow() => date - time.GetUtcNow(),
        _ => null,
    };

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

    private readonly record struct Limit(string Key, int Count)
    {
        public static Limit Validate(Guid customerId, PartnerCenterOptions options) => new($"validate:{customerId}", options.ValidateLimit);

        public static Limit Create(PartnerCenterOptions options) => new("create", options.CreateLimit);
    }
}
