namespace Portal.Accounts.Entra;

public static class EntraRegistration
{
    /// <summary>
    /// Organizational sign-in with Microsoft Entra ID through MSAL (authorization code + PKCE), ending in the portal's
    /// own Identity cookie. Always registered; it does nothing (and its pages answer 404) until <c>Entra:ClientId</c> is set.
    /// </summary>
    public static IServiceCollection AddPortalEntraSignIn(this IServiceCollection services)
    {
        services.AddOptions<EntraOptions>()
            .BindConfiguration(EntraOptions.SectionName)
            .Validate(o => !o.IsEnabled || o.HasCredential, "Entra:ClientId is set but neither Entra:ClientSecret nor Entra:CertificatePath is.")
            .Validate(o => !o.IsEnabled || EntraOptions.IsHttpsInstance(o), "Entra:Instance must be an absolute https:// address (MSAL requires HTTPS).")
            .Validate(o => !o.IsEnabled || string.IsNullOrEmpty(o.RedirectUri) || Uri.IsWellFormedUriString(o.RedirectUri, UriKind.Absolute), "Entra:RedirectUri must be an absolute address.")
            .ValidateOnStart();

        // One named client for every call to the authority (MSAL's token requests and the discovery document with
        // its signing keys): the hook tests use to trust their local fake authority.
        services.AddHttpClient(EntraOptions.HttpClientName);
        services.AddSingleton<EntraMsalClients>();
        services.AddSingleton<EntraIdTokenValidator>();
        services.AddScoped<EntraSignInFlow>();
        services.AddScoped<EntraUserLinks>();
        return services;
    }
}
