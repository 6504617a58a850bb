using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Portal.PartnerCenter;

/// <summary>
/// Access tokens for Partner Center from Microsoft Entra ID through MSAL: app-only (client credentials) or app+user
/// (a partner user's refresh token, then MSAL's cached account). A token is kept until
/// <see cref="PartnerCenterOptions.TokenRenewalMargin"/> before it expires, judged by the injected clock; then MSAL is
/// asked for a fresh one (forced, so MSAL's own cache, which reads the system clock, cannot answer instead).
/// </summary>
public sealed class PartnerCenterTokens : IMsalHttpClientFactory, IDisposable
{
    private readonly PartnerCenterOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<IConfidentialClientApplication> _application;
    private (string Token, DateTimeOffset ExpiresOn)? _cached;
    private IAccount? _account;

    public PartnerCenterTokens(IOptions<PartnerCenterOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _httpClients = httpClients;
        _time = time;
        _application = new(Build);
    }

    public HttpClient GetHttpClient() => _httpClients.CreateClient(PartnerCenterOptions.TokenHttpClientName);

    /// <summary>A valid access token, from the cache when it still has more than the renewal margin to live.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && cached.ExpiresOn - _options.TokenRenewalMargin > _time.GetUtcNow())
            {
                return cached.Token;
            }

            var result = await AcquireAsync(cancellationToken);
            _account = result.Account ?? _account;
            _cached = (result.AccessToken, result.ExpiresOn);
            return result.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (Partner Center answered 401: revoked or expired early).</summary>
    public void Invalidate()
    {
        _gate.Wait();
        _cached = null;
        _gate.Release();
    }

    private async Task<AuthenticationResult> AcquireAsync(CancellationToken cancellationToken)
    {
        string[] scopes = [_options.Scope];
        try
        {
            if (!_options.IsAppPlusUser)
            {
                return await _application.Value.AcquireTokenForClient(scopes).WithForceRefresh(true).ExecuteAsync(cancellationToken);
            }

            if (_account is not null)
            {
                return await _application.Value.AcquireTokenSilent(scopes, _account).WithForceRefresh(true).ExecuteAsync(cancellationToken);
            }

            return await ((IByRefreshToken)_application.Value).AcquireTokenByRefreshToken(scopes, _options.RefreshToken).ExecuteAsync(cancellationToken);
        }
        catch (MsalException e)
        {
            throw new PartnerCenterException(
                $"No Partner Center token from Microsoft Entra ID ({(_options.IsAppPlusUser ? "app+user" : "app-only")}): {e.ErrorCode}: {e.Message}", e);
        }
    }

    private IConfidentialClientApplication Build()
    {
        if (string.IsNullOrWhiteSpace(_options.ClientId) || string.IsNullOrWhiteSpace(_options.ClientSecret) || string.IsNullOrWhiteSpace(_options.TenantId))
        {
            throw new PartnerCenterException("Partner Center is not configured: set PartnerCenter:TenantId, PartnerCenter:ClientId and PartnerCenter:ClientSecret.");
        }

        var builder = ConfidentialClientApplicationBuilder.Create(_options.ClientId)
            .WithClientSecret(_options.ClientSecret)
            .WithHttpClientFactory(this);
        builder = _options.IsMicrosoftCloud
            ? builder.WithAuthority(_options.Authority.AbsoluteUri)
            : builder.WithAuthority(_options.Authority.AbsoluteUri, validateAuthority: false).WithInstanceDiscovery(false);
        return builder.Build();
    }

    public void Dispose() => _gate.Dispose();
}
