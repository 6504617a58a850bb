using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Portal.Accounts.Entra;

/// <summary>
/// Builds the MSAL confidential client for a sign-in. A client is built per sign-in (they are cheap; the portal keeps
/// no tokens, it only needs the ID token once) so the redirect URI can follow the request when none is configured.
/// Every HTTP call MSAL makes goes through the named <see cref="EntraOptions.HttpClientName"/> client.
/// </summary>
public sealed class EntraMsalClients : IMsalHttpClientFactory, IDisposable
{
    private readonly EntraOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly Lazy<X509Certificate2?> _certificate;

    public EntraMsalClients(IOptions<EntraOptions> options, IHttpClientFactory httpClients, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _httpClients = httpClients;
        _certificate = new(() => string.IsNullOrWhiteSpace(_options.CertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(environment.ContentRootPath, _options.CertificatePath), _options.CertificatePassword));
    }

    public HttpClient GetHttpClient() => _httpClients.CreateClient(EntraOptions.HttpClientName);

    public IConfidentialClientApplication Create(Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var builder = ConfidentialClientApplicationBuilder.Create(_options.ClientId)
            .WithRedirectUri(redirectUri.AbsoluteUri)
            .WithHttpClientFactory(this);

        // Microsoft's clouds: MSAL validates the authority as usual. Any other host (a test's local fake authority,
        // or a private deployment) is taken as configured: no instance discovery call to login.microsoftonline.com.
        builder = _options.IsMicrosoftCloud
            ? builder.WithAuthority(_options.Authority.AbsoluteUri)
            : builder.WithAuthority(_options.Authority.AbsoluteUri, validateAuthority: false).WithInstanceDiscovery(false);

        builder = !string.IsNullOrWhiteSpace(_options.ClientSecret)
            ? builder.WithClientSecret(_options.ClientSecret)
            : builder.WithCertificate(_certificate.Value ?? throw new InvalidOperationException("Entra: no client secret and no certificate."));
        return builder.Build();
    }

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value?.Dispose();
        }
    }
}
