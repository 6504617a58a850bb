namespace Portal.PartnerCenter;

/// <summary>
/// The <c>PartnerCenter</c> configuration section: where Partner Center's REST API is, how the portal gets its
/// tokens from Microsoft Entra ID (app-only, or app+user with a refresh token), the resilience pipeline (retries,
/// timeouts, circuit breaker) and the client-side limits (ADR-025).
/// </summary>
public sealed class PartnerCenterOptions
{
    public const string SectionName = "PartnerCenter";

    /// <summary>The named <see cref="HttpClient"/> for API calls.</summary>
    public const string HttpClientName = "Portal.PartnerCenter";

    /// <summary>The API's base address; paths are relative to it (<c>v1/customers/...</c>).</summary>
    public Uri ApiBase { get; set; } = new("https://api.partnercenter.microsoft.com/");

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>The partner's own tenant (the app registration's home tenant).</summary>
    public string TenantId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string Scope { get; set; } = "https://api.partnercenter.microsoft.com/.default";

    /// <summary>
    /// App+user: the Entra object id of the partner user whose delegated tokens call Partner Center. That person signs
    /// in to the portal with Microsoft once (the <c>Entra</c> app registration, asking for <see cref="UserScope"/>);
    /// the refresh token then lives in the token cache. Empty: app-only tokens through the client credentials grant.
    /// </summary>
    public string? UserObjectId { get; set; }

    /// <summary>The home tenant of <see cref="UserObjectId"/>; the partner's own tenant when empty.</summary>
    public string? UserTenantId
    {
        get => string.IsNullOrWhiteSpace(_userTenantId) ? TenantId : _userTenantId;
        set => _userTenantId = value;
    }

    private string? _userTenantId;

    /// <summary>The delegated scope of app+user tokens.</summary>
    public string UserScope { get; set; } = "https://api.partnercenter.microsoft.com/user_impersonation";

    /// <summary>Retries after a 429, a 5xx, a timed-out attempt or a lost connection, before the call fails (a create: only after a 429).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first wait between attempts when Partner Center sends no Retry-After; doubled each time.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One attempt (one HTTP request and its answer) is abandoned after this long; a hung connection is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One call with all its retries and waits (not the wait for the rate limits) fails after this long.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The circuit opens when this share of the calls in <see cref="CircuitSamplingDuration"/> failed...</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many calls were made in it.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls at once before one trial call is let through.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Published limit: validate, 450 calls per partner and customer per 5 minutes.</summary>
    public int ValidateLimit { get; set; } = 450;

    /// <summary>Published limit: create, 100 calls per partner per 5 minutes.</summary>
    public int CreateLimit { get; set; } = 100;

    public TimeSpan LimitWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The sliding window moves in this many steps (30: every 10 seconds of a 5-minute window).</summary>
    public int LimitSegments { get; set; } = 30;

    /// <summary>Calls that may wait for room in one window; one more is refused at once.</summary>
    public int LimitQueue { get; set; } = 10_000;

    public bool IsAppPlusUser => !string.IsNullOrWhiteSpace(UserObjectId);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(TenantId);
}
