using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.Resource;
using Microsoft.Identity.Web.TokenCacheProviders.Distributed;

namespace Portal.Accounts.Entra;

public static class EntraRegistration
{
    /// <summary>
    /// Organizational sign-in with Microsoft Entra ID through Microsoft.Identity.Web (ADR-019): its OpenID Connect
    /// handler (authorization code with PKCE, MSAL redeeming the code into the distributed token cache) signs into
    /// Identity's external cookie, and <see cref="EntraSignIn"/> turns that into the portal's own cookie for the linked
    /// portal user. Registered only when <c>Entra:ClientId</c> is set; otherwise its endpoints answer 404.
    /// </summary>
    public static IServiceCollection AddPortalEntraSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EntraOptions>()
            .BindConfiguration(EntraOptions.SectionName)
            .Validate(o => !o.IsEnabled || o.HasCredential, "Entra:ClientId is set but neither Entra:ClientSecret nor Entra:CertificatePath is.")
            .Validate(o => !o.IsEnabled || EntraOptions.IsHttpsInstance(o), "Entra:Instance must be an absolute https:// address.")
            .Validate(EntraOptions.IsCallbackAddress, $"Entra:RedirectUri must be an absolute http(s) address ending with {EntraOptions.CallbackPath}.")
            .ValidateOnStart();
        services.AddScoped<EntraUserLinks>();
        services.AddScoped<EntraSignIn>();
        services.AddEntraHttpClient();

        var entra = configuration.GetSection(EntraOptions.SectionName).Get<EntraOptions>() ?? new EntraOptions();
        if (!entra.IsEnabled)
        {
            return services;
        }

        var redirectUri = string.IsNullOrWhiteSpace(entra.RedirectUri) ? null : entra.RedirectUri.Trim();
        services.AddAuthentication()
            .AddMicrosoftIdentityWebApp(
                identity =>
                {
                    identity.Instance = entra.Instance;
                    identity.TenantId = entra.TenantId;
                    identity.ClientId = entra.ClientId;
                    identity.ClientCredentials = [EntraCredentials.From(entra)];
                    identity.RequireHttpsMetadata = entra.RequireHttpsMetadata;
                    identity.CallbackPath = EntraOptions.CallbackPath;
                    identity.SignInScheme = IdentityConstants.ExternalScheme;
                    identity.ResponseType = "code";
                    identity.UsePkce = true;

                    // The answer comes back as a top-level GET (query), so the handler's correlation and nonce cookies
                    // can be SameSite=Lax; they are Secure whenever the portal is served over HTTPS.
                    identity.ResponseMode = "query";
                    identity.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    identity.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    identity.NonceCookie.SameSite = SameSiteMode.Lax;
                    identity.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    identity.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
                    identity.Events.OnRemoteFailure = EntraSignIn.OnRemoteFailureAsync;
                    identity.Events.OnTokenValidated = EntraSignIn.RequireTheNonceSentAsync;
                    if (redirectUri is not null)
                    {
                        // The authorization request names the configured address, as MSAL's code redemption does (the
                        // handler records the message's address for the code after this event).
                        identity.Events.OnRedirectToIdentityProvider = context =>
                        {
                            context.ProtocolMessage.RedirectUri = redirectUri;
                            return Task.CompletedTask;
                        };
                    }
                },
                configureCookieAuthenticationOptions: null,
                openIdConnectScheme: EntraOptions.Scheme,
                cookieScheme: null,
                displayName: "Microsoft")
            .EnableTokenAcquisitionToCallDownstreamApi(
                msal =>
                {
                    // Identity.Web builds MSAL's client once per instance with this address when set, else with the
                    // current request's, else (outside any request) with MSAL's placeholder: see EntraOptions.RedirectUri.
                    if (redirectUri is not null)
                    {
                        msal.RedirectUri = redirectUri;
                    }
                },
                entra.ScopeList)
            .AddDistributedTokenCaches();

        // The handler's discovery, keys and issuer checks go through the named client, like MSAL's calls.
        services.AddOptions<OpenIdConnectOptions>(EntraOptions.Scheme)
            .Configure<IHttpClientFactory>((oidc, clients) => oidc.Backchannel = clients.CreateClient(EntraOptions.HttpClientName));
        services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = EntraOptions.HttpClientName);
        return services;
    }

    /// <summary>
    /// The one named client for Microsoft Entra ID, and MSAL's HTTP through it; token caches encrypted with the
    /// shared key ring (Partner Center's tokens use them too, with or without sign-in).
    /// </summary>
    public static IServiceCollection AddEntraHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(EntraOptions.HttpClientName);
        services.AddSingleton<IMsalHttpClientFactory, EntraMsalHttpClients>();
        services.Configure<MsalDistributedTokenCacheAdapterOptions>(cache => cache.Encrypt = true);
        return services;
    }

    private sealed class EntraMsalHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => clients.CreateClient(EntraOptions.HttpClientName);
    }
}

/// <summary>The app registration's credential, as Identity.Web describes it: the secret, else the certificate file.</summary>
public static class EntraCredentials
{
    public static Microsoft.Identity.Abstractions.CredentialDescription From(EntraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.ClientSecret)
            ? new() { SourceType = Microsoft.Identity.Abstractions.CredentialSource.ClientSecret, ClientSecret = options.ClientSecret }
            : new() { SourceType = Microsoft.Identity.Abstractions.CredentialSource.Path, CertificateDiskPath = options.CertificatePath, CertificatePassword = options.CertificatePassword };
    }
}
