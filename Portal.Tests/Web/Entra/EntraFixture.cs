using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Accounts.Entra;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Entra;

[assembly: AssemblyFixture(typeof(EntraFixture))]

namespace Portal.Tests.Web.Entra;

/// <summary>
/// One fake Entra authority and one portal configured against it, shared by the Entra tests of the assembly
/// (each test makes its own partner, so they do not interfere). The portal starts on first use, so test runs
/// without Entra tests do not pay for it.
/// </summary>
public sealed class EntraFixture : IAsyncLifetime
{
    private FakeEntraAuthority? _authority;
    private readonly Lock _startGate = new();
    private EntraPortalFactory? _portal;

    public FakeEntraAuthority Authority => _authority ?? throw new InvalidOperationException("Not started.");

    /// <summary>The portal, started on first use; under a lock, as two tests starting it at once would start two hosts.</summary>
    public EntraPortalFactory Portal
    {
        get
        {
            var portal = _portal ?? throw new InvalidOperationException("Not started.");
            lock (_startGate)
            {
                portal.StartServer();
            }

            return portal;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _authority = await FakeEntraAuthority.StartAsync();
        _portal = new EntraPortalFactory(_authority);
    }

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        if (_authority is not null)
        {
            await _authority.DisposeAsync();
        }
    }

    /// <summary>A client of the portal with its own cookie jar that follows no redirects, so tests see each hop.</summary>
    public HttpClient Browserless() => Browserless(Portal.ServerAddress);

    /// <summary>The same, for another portal (a test's own <see cref="EntraPortalFactory"/>).</summary>
    public static HttpClient Browserless(Uri portal) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = portal,
        };

    /// <summary>A client of the fake authority (trusting its certificate) that follows no redirects.</summary>
    public HttpClient AuthorityClient() => new(Authority.CreateTrustingHandler(allowAutoRedirect: false), disposeHandler: true);

    /// <summary>
    /// A partner registered with the portal whose Entra tenant id is its <see cref="TestPartner.TenantId"/>, with one
    /// user per role (as <c>TestAccounts.CreatePartnerAsync</c> makes them) and some customers.
    /// </summary>
    public Task<TestPartner> CreatePartnerAsync(int customers = 2) => TestAccounts.CreatePartnerAsync(Portal.Services, customers);

    public async Task<IReadOnlyList<EntraLinkRow>> LinksOfAsync(Guid partnerTenantId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EntraUserLinks>().ListAsync(partnerTenantId);
    }

    /// <summary>Links a new Entra account of the partner's tenant to the partner's user of <paramref name="role"/>.</summary>
    /// <param name="partner">The partner.</param>
    /// <param name="role">The role of the partner's user to link.</param>
    /// <param name="disable">Also disable that portal user.</param>
    /// <param name="services">Another portal's services (a test's own <see cref="EntraPortalFactory"/>); the shared portal's by default.</param>
    public async Task<FakeEntraUser> LinkAsync(TestPartner partner, string role, bool disable = false, IServiceProvider? services = null)
    {
        var entraUser = FakeEntraUser.Of(partner.TenantId, $"{role} of {partner.Name}");
        await using var scope = (services ?? Portal.Services).CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(partner.Email(role)) ?? throw new InvalidOperationException("No such user.");
        user.EntraObjectId = EntraUserLinks.Normalize(entraUser.ObjectId);
        user.IsDisabled = disable;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return entraUser;
    }
}
