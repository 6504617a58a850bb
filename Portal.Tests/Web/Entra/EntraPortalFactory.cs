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

    public EntraPortalFactory(FakeEntraAuthority authority)
    {
        _authority = authority;
        UseKestrel(0);
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
        builder.ConfigureTestServices(services => services
            .AddHttpClient(EntraOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => _authority.CreateTrustingHandler()));
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
