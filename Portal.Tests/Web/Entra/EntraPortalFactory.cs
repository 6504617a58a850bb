using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Accounts.Entra;

namespace Portal.Tests.Web.Entra;

/// <summary>
/// The portal, like <see cref="PortalFactory"/> (Kestrel on a loopback port, its own fresh SQLite file), with sign-in
/// with Microsoft configured against <see cref="FakeEntraAuthority"/>. Its Entra HTTP client (MSAL and the discovery
/// client) trusts the fake's self-signed certificate, and nothing else does.
/// </summary>
public sealed class EntraPortalFactory : WebApplicationFactory<Program>
{
    private readonly FakeEntraAuthority _authority;
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"portal-entra-tests-{Guid.NewGuid():N}.db");

    /// <param name="authority">The fake Entra ID.</param>
    /// <param name="configureRedirectUri">
    /// Listen on a port chosen up front and set <c>Entra:RedirectUri</c> to this portal's callback on it (see
    /// <see cref="RedirectUri"/>); otherwise any free port, and each sign-in uses its request's address.
    /// </param>
    public EntraPortalFactory(FakeEntraAuthority authority, bool configureRedirectUri = false)
    {
        _authority = authority;
        if (configureRedirectUri)
        {
            var port = FreeLoopbackPort();
            UseKestrel(port);
            RedirectUri = new Uri($"http://127.0.0.1:{port}{EntraOptions.CallbackPath}");
        }
        else
        {
            UseKestrel(0);
        }
    }

    /// <summary>The configured <c>Entra:RedirectUri</c>, if any.</summary>
    public Uri? RedirectUri { get; }

    /// <summary>The address browsers use: that of <see cref="RedirectUri"/> when configured, else the server's; starts the server.</summary>
    public Uri PublicAddress
    {
        get
        {
            var server = ServerAddress;
            return RedirectUri is { } redirect ? new Uri(redirect.GetLeftPart(UriPartial.Authority) + "/") : server;
        }
    }

    /// <summary>The address the server listens on; starts the server.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databaseFile};Pooling=False");
        builder.UseSetting("Demo:Enabled", "false"); // these tests make their own partners

        builder.UseSetting("Entra:Instance", _authority.Instance.ToString());
        builder.UseSetting("Entra:TenantId", "organizations");
        builder.UseSetting("Entra:ClientId", FakeEntraAuthority.ClientId);
        builder.UseSetting("Entra:ClientSecret", FakeEntraAuthority.ClientSecret);
        if (RedirectUri is { } redirectUri)
        {
            builder.UseSetting("Entra:RedirectUri", redirectUri.AbsoluteUri);
        }

        builder.ConfigureTestServices(services => services
            .AddHttpClient(EntraOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => _authority.CreateTrustingHandler()));
    }

    private static int FreeLoopbackPort()
    {
        // The redirect URI must be known before the host starts, so the port is taken from the system and handed back.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
