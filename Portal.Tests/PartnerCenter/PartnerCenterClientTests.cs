using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.PartnerCenter;
using Portal.Tests.Web.Entra;

namespace Portal.Tests.PartnerCenter;

/// <summary>
/// The Partner Center client and its resilience pipeline against a local fake Partner Center and a local fake Entra ID
/// authority: paging, retries (429 with and without Retry-After, 5xx bursts, a hung connection), the circuit breaker,
/// creates that are never repeated unless Partner Center does not have them, errors, the published limits and token
/// caching, with time moved by hand.
/// </summary>
public sealed class PartnerCenterClientTests : IAsyncLifetime
{
    private static readonly Guid Customer = Guid.Parse("c0570000-0000-4000-8000-0000000000aa");
    private static readonly Guid OtherCustomer = Guid.Parse("c0570000-0000-4000-8000-0000000000bb");
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private FakePartnerCenter _partnerCenter = null!;
    private FakeEntraAuthority _authority = null!;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _partnerCenter = await FakePartnerCenter.StartAsync();
        _authority = await FakeEntraAuthority.StartAsync();
    }

    [Fact]
    public async Task A_list_follows_the_continuation_token_through_every_page()
    {
        var client = Client();
        for (var i = 0; i < 7; i++)
        {
            _partnerCenter.AddMigration(Customer, $"legacy-{i}");
        }

        _partnerCenter.AddMigration(OtherCustomer, "not-mine");

        var listed = await ToListAsync(client.ListMigrationsAsync(new NewCommerceMigrationQuery(CustomerTenantId: Customer.ToString(), PageSize: 3), Ct));

        Assert.Equal(7, listed.Count);
        Assert.Equal(7, listed.Select(m => m.Id).Distinct().Count());
        var calls = _partnerCenter.CallsTo("/v1/migrations/newcommerce?");
        Assert.Equal([null, "offset-3", "offset-6"], calls.Select(c => c.ContinuationToken));
        Assert.All(calls, c => Assert.Contains($"CustomerTenantId={Customer}", c.PathAndQuery, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.Contains("PageSize=3", c.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_needs_one_id_to_filter_on()
    {
        var client = Client();

        await Assert.ThrowsAsync<ArgumentException>(async () => await ToListAsync(client.ListMigrationsAsync(new NewCommerceMigrationQuery(IsMicrosoftLed: true), Ct)));
        Assert.Empty(_partnerCenter.Calls);
    }

    [Fact]
    public async Task A_429_is_retried_only_after_its_Retry_After_with_the_same_request_id()
    {
        var client = Client();
        _partnerCenter.FailNext("POST", "/migrations/newcommerce", 429, retryAfter: "30");

        var create = client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-1", Quantity = 5, TermDuration = "P1Y" }, Ct);
        await UntilAsync(() => _partnerCenter.Calls.Count == 1);
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200, Ct);
        Assert.False(create.IsCompleted);
        Assert.Single(_partnerCenter.Calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        var migration = await create.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("legacy-1", migration.CurrentSubscriptionId);
        Assert.Equal("Processing", migration.Status);
        var calls = _partnerCenter.CallsTo("/migrations/newcommerce");
        Assert.Equal(2, calls.Count);
        Assert.Single(calls.Select(c => c.RequestId).Distinct());
        Assert.Contains("\"quantity\":5", calls[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_waits_until_one_succeeds()
    {
        var client = Client();
        var created = await client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-2" }, Ct);
        _partnerCenter.FailNext("GET", created.Id!, 503);
        _partnerCenter.FailNext("GET", created.Id!, 500);

        var get = client.GetMigrationAsync(Customer, created.Id!, Ct);
        await UntilAsync(() => _partnerCenter.CallsTo(created.Id!).Count == 1);
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(1)); // first wait: 1 s
        await UntilAsync(() => _partnerCenter.CallsTo(created.Id!).Count == 2);
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200, Ct);
        Assert.Equal(2, _partnerCenter.CallsTo(created.Id!).Count); // second wait: 2 s
        _time.Advance(TimeSpan.FromSeconds(1));
        var migration = await get.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(created.Id, migration.Id);
        Assert.Equal(3, _partnerCenter.CallsTo(created.Id!).Count);
    }

    [Fact]
    public async Task Server_errors_that_never_stop_end_in_a_clear_error_after_the_last_retry()
    {
        var client = Client(new() { ["PartnerCenter:MaxRetries"] = "2" });
        for (var i = 0; i < 3; i++)
        {
            _partnerCenter.FailNext("POST", "/validate", 502);
        }

        var validate = client.ValidateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-3" }, Ct);
        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await DriveAsync(validate));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("gave up after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _partnerCenter.CallsTo("/validate").Count);
    }

    [Fact]
    public async Task A_429_without_Retry_After_is_retried_after_the_first_backoff()
    {
        var client = Client();
        _partnerCenter.FailNext("GET", "/customTermEndDates", 429);

        var dates = client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct);
        await UntilAsync(() => _partnerCenter.Calls.Count == 1);
        await SettleAsync();
        Assert.False(dates.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.NotEmpty(await dates.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(2, _partnerCenter.CallsTo("/customTermEndDates").Count);
    }

    [Fact]
    public async Task A_hung_connection_is_abandoned_after_the_attempt_timeout_and_tried_again()
    {
        var client = Client(new() { ["PartnerCenter:AttemptTimeout"] = "00:00:10" });
        _partnerCenter.HangNext("GET", "/customTermEndDates");

        var dates = client.GetCustomTermEndDatesAsync(Customer, "P1M", Ct);
        await UntilAsync(() => _partnerCenter.Calls.Count == 1);
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(200, Ct);
        Assert.False(dates.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1)); // the attempt times out
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(1)); // the first backoff

        Assert.NotEmpty(await dates.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(2, _partnerCenter.CallsTo("/customTermEndDates").Count);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_refuses_calls_at_once_and_closes_after_a_good_trial_call()
    {
        var client = Client(new()
        {
            ["PartnerCenter:MaxRetries"] = "1",
            ["PartnerCenter:CircuitMinimumThroughput"] = "2",
            ["PartnerCenter:CircuitBreakDuration"] = "00:00:30",
        });
        _partnerCenter.FailNext("GET", "/customTermEndDates", 500);
        _partnerCenter.FailNext("GET", "/customTermEndDates", 503);

        var failed = await Assert.ThrowsAsync<PartnerCenterException>(async () => await DriveAsync(client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct)));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, 2), (failed.StatusCode, failed.Attempts));

        var refused = await Assert.ThrowsAsync<PartnerCenterException>(() => client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct));
        Assert.Contains("circuit open", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.OutcomeUnknown);
        Assert.Equal(2, _partnerCenter.CallsTo("/customTermEndDates").Count); // refused without a call

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(await client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct)); // the trial call closes it
        Assert.NotEmpty(await client.GetCustomTermEndDatesAsync(Customer, "P1M", Ct));
        Assert.Equal(4, _partnerCenter.CallsTo("/customTermEndDates").Count);
    }

    [Fact]
    public async Task A_create_answered_with_a_server_error_is_not_sent_again_when_partner_center_has_it()
    {
        var client = Client();
        _partnerCenter.AddMigration(Customer, "legacy-7", externalReferenceId: "batch-7"); // applied before the 500
        _partnerCenter.FailNext("POST", "/migrations/newcommerce", 500);

        var migration = await client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-7", ExternalReferenceId = "batch-7" }, Ct);

        Assert.Equal(("legacy-7", "batch-7"), (migration.CurrentSubscriptionId, migration.ExternalReferenceId));
        Assert.Equal(["POST", "GET"], _partnerCenter.Calls.Select(c => c.Method));
        Assert.Contains("ExternalReferenceId=batch-7", _partnerCenter.Calls.Last().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_answered_with_a_server_error_is_sent_again_only_after_the_lookup_finds_nothing()
    {
        var client = Client();
        _partnerCenter.FailNext("POST", "/migrations/newcommerce", 503);

        var migration = await client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-8", ExternalReferenceId = "batch-8" }, Ct);

        Assert.Equal("legacy-8", migration.CurrentSubscriptionId);
        Assert.Equal(["POST", "GET", "POST"], _partnerCenter.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_create_without_an_external_reference_is_never_sent_twice_after_a_server_error()
    {
        var client = Client();
        _partnerCenter.FailNext("POST", "/migrations/newcommerce", 502);

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() =>
            client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-9" }, Ct));

        Assert.Equal((HttpStatusCode.BadGateway, 1), (error.StatusCode, error.Attempts));
        Assert.True(error.OutcomeUnknown);
        Assert.Single(_partnerCenter.Calls);
    }

    [Fact]
    public async Task A_schedule_create_answered_with_a_server_error_is_not_retried()
    {
        var client = Client();
        _partnerCenter.FailNext("POST", "/schedules", 500);

        await Assert.ThrowsAsync<PartnerCenterException>(() =>
            client.CreateScheduleAsync(Customer, new NewCommerceMigrationScheduleRequest { CurrentSubscriptionId = "legacy-10", MigrateOnRenewal = true }, Ct));

        Assert.Single(_partnerCenter.Calls);
    }

    [Fact]
    public async Task A_4xx_answer_is_not_retried_and_carries_partner_centers_code_and_description()
    {
        var client = Client();
        _partnerCenter.FailNext("POST", "/migrations/newcommerce", 400, body: """{"code":800002,"description":"The subscription is not eligible for migration.","source":"PartnerFD"}""");

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() =>
            client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "legacy-4" }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("800002", error.ErrorCode);
        Assert.Equal("The subscription is not eligible for migration.", error.Description);
        Assert.Contains("800002", error.Message, StringComparison.Ordinal);
        Assert.Single(_partnerCenter.Calls);

        var missing = await Assert.ThrowsAsync<PartnerCenterException>(() => client.GetMigrationAsync(Customer, "no-such-migration", Ct));
        Assert.Equal((HttpStatusCode.NotFound, "600013"), (missing.StatusCode, missing.ErrorCode));
    }

    [Fact]
    public async Task An_app_only_token_is_fetched_once_and_reused_from_the_token_cache()
    {
        var client = Client();

        await client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct);
        var dates = await client.GetCustomTermEndDatesAsync(Customer, "P1M", Ct);

        var issued = Assert.Single(_authority.ServiceTokens);
        Assert.Equal("client_credentials", issued.Grant);
        Assert.Equal(["Bearer " + issued.AccessToken, "Bearer " + issued.AccessToken], _partnerCenter.Calls.Select(c => c.Authorization));
        Assert.Equal([new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero), new DateTimeOffset(2027, 1, 31, 23, 59, 59, TimeSpan.Zero)], dates);
    }

    [Fact]
    public async Task An_app_only_token_about_to_expire_is_renewed_before_the_call()
    {
        // MSAL renews a token with less than five minutes to live: this one has that much plus four seconds.
        _authority.ServiceTokenLifetime = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(4);
        var client = Client();

        await client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct);
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        await client.GetCustomTermEndDatesAsync(Customer, "P1M", Ct);

        var tokens = _authority.ServiceTokens.Select(t => "Bearer " + t.AccessToken).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.Equal(tokens, _partnerCenter.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task A_token_Partner_Center_refuses_with_401_is_replaced_once()
    {
        var client = Client();
        await client.GetCustomTermEndDatesAsync(Customer, "P1Y", Ct);
        _partnerCenter.FailNext("GET", "customTermEndDates", StatusCodes.Status401Unauthorized);

        await client.GetCustomTermEndDatesAsync(Customer, "P1M", Ct);

        Assert.Equal(2, _authority.ServiceTokens.Count);
        var tokens = _authority.ServiceTokens.Select(t => "Bearer " + t.AccessToken).ToList();
        Assert.Equal([tokens[0], tokens[0], tokens[1]], _partnerCenter.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_clear_error_and_partner_center_is_never_called()
    {
        var client = Client(new() { ["PartnerCenter:ClientSecret"] = "not-the-secret" });

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => client.GetMigrationAsync(Customer, "any", Ct));

        Assert.Contains("No Partner Center token from Microsoft Entra ID (app-only)", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.Empty(_partnerCenter.Calls);
    }

    [Fact]
    public async Task Creates_beyond_the_partners_limit_wait_until_the_window_has_room()
    {
        // The limiter's windows run on the wall clock (PartnerCenterRateLimits), so this window is two seconds.
        var client = Client(new() { ["PartnerCenter:CreateLimit"] = "2", ["PartnerCenter:ValidateLimit"] = "1", ["PartnerCenter:LimitWindow"] = "00:00:02", ["PartnerCenter:LimitSegments"] = "2" });

        await client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "a" }, Ct);
        await client.CreateMigrationAsync(OtherCustomer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "b" }, Ct);
        var third = client.CreateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "c" }, Ct);

        // Validation is limited per customer: one per customer fits even while creates wait.
        await client.ValidateMigrationAsync(Customer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "a" }, Ct);
        await client.ValidateMigrationAsync(OtherCustomer, new NewCommerceMigrationRequest { CurrentSubscriptionId = "b" }, Ct);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, _partnerCenter.Calls.Count(c => c.Method == "POST" && c.PathAndQuery.EndsWith("/migrations/newcommerce", StringComparison.Ordinal)));

        await third.WaitAsync(TimeSpan.FromSeconds(10), Ct); // the first creates leave the window
        Assert.Equal(3, _partnerCenter.Calls.Count(c => c.Method == "POST" && c.PathAndQuery.EndsWith("/migrations/newcommerce", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Schedules_are_created_read_updated_listed_and_cancelled()
    {
        var client = Client();
        var created = await client.CreateScheduleAsync(Customer, new NewCommerceMigrationScheduleRequest
        {
            CurrentSubscriptionId = "legacy-6",
            TargetDate = new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero),
            ExternalReferenceId = "batch-1",
        }, Ct);

        var updated = await client.UpdateScheduleAsync(Customer, created.Id!, new NewCommerceMigrationScheduleRequest { CurrentSubscriptionId = "legacy-6", MigrateOnRenewal = true }, Ct);
        var listed = await ToListAsync(client.ListSchedulesAsync(new NewCommerceMigrationQuery(CustomerTenantId: Customer.ToString()), Ct));
        var cancelled = await client.CancelScheduleAsync(Customer, created.Id!, Ct);

        Assert.Equal(("Created", "batch-1"), (created.Status, created.ExternalReferenceId));
        Assert.True(updated.MigrateOnRenewal);
        Assert.Equal(created.Id, Assert.Single(listed).Id);
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.Equal("Cancelled", (await client.GetScheduleAsync(Customer, created.Id!, Ct)).Status);
        Assert.Contains(_partnerCenter.Calls, c => c.Method == "PUT");
        Assert.Contains(_partnerCenter.Calls, c => c.PathAndQuery.EndsWith($"/schedules/{created.Id}/cancel", StringComparison.Ordinal));
    }

    private PartnerCenterClient Client(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["PartnerCenter:ApiBase"] = _partnerCenter.Address.ToString(),
            ["PartnerCenter:Instance"] = _authority.Instance.ToString(),
            ["PartnerCenter:TenantId"] = Guid.NewGuid().ToString(),
            ["PartnerCenter:ClientId"] = FakeEntraAuthority.ClientId,
            ["PartnerCenter:ClientSecret"] = FakeEntraAuthority.ClientSecret,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddDistributedMemoryCache() // the token cache's store; the portal's is its database (DatabaseTokenCacheTests)
            .AddPortalPartnerCenter(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddHttpClient(Portal.Accounts.Entra.EntraOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _authority.CreateTrustingHandler());
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<PartnerCenterClient>();
    }

    /// <summary>Moves time a second at a time until <paramref name="call"/> ends (its waits are on the fake clock).</summary>
    private async Task<T> DriveAsync<T>(Task<T> call)
    {
        for (var i = 0; i < 600 && !call.IsCompleted; i++)
        {
            await Task.Delay(20, Ct);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        return await call;
    }

    /// <summary>Lets the call that was just answered reach its wait (its timer on the fake clock) before the test moves time.</summary>
    private static Task SettleAsync() => Task.Delay(300, Ct);

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(condition());
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _partnerCenter.DisposeAsync();
        await _authority.DisposeAsync();
    }
}
