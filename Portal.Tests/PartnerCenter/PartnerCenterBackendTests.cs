using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Instances;
using Portal.Migrations;
using Portal.PartnerCenter;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;
using Portal.Tests.Web.Entra;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.PartnerCenter;

/// <summary>The engine's worker driving Partner Center over HTTP (<c>Commerce:Backend = PartnerCenter</c>) against the fakes.</summary>
public sealed class PartnerCenterBackendTests(PostgresServer postgres) : IAsyncLifetime
{
    private FakePartnerCenter _partnerCenter = null!;
    private FakeEntraAuthority _authority = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _partnerCenter = await FakePartnerCenter.StartAsync();
        _authority = await FakeEntraAuthority.StartAsync();
    }

    [Theory, OnBothProviders]
    public async Task A_migration_is_created_in_partner_center_followed_and_completed_with_the_subscription_it_reports(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        Assert.IsType<PartnerCenterCommerceBackend>(host.Singleton<ICommerceBackend>());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = (await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", "batch-7"), Ct))).Value!.Id;

        await host.PassAsync();
        var created = Assert.Single(_partnerCenter.Calls, c => c.Method == "POST");
        using (var body = JsonDocument.Parse(created.Body))
        {
            Assert.Equal(subscription.Id.ToString(), body.RootElement.GetProperty("currentSubscriptionId").GetString());
            Assert.Equal("batch-7", body.RootElement.GetProperty("externalReferenceId").GetString());
            Assert.Equal(subscription.Quantity, body.RootElement.GetProperty("quantity").GetInt32());
        }

        await host.PassAfterAsync(PartnerCenterCommerceBackend.PollInterval);
        Assert.Equal(MigrationPhase.LegacySuspended, (await host.StoredMigrationAsync(id)).Phase);

        var nceId = Guid.NewGuid();
        _partnerCenter.Finish(subscription.Id.ToString(), "Completed", host.Time.Now, nceId);
        await host.PassAfterAsync(PartnerCenterCommerceBackend.PollInterval);

        var done = await host.StoredMigrationAsync(id);
        Assert.Equal(MigrationPhase.Completed, done.Phase);
        Assert.Equal(nceId, done.Members.Single().NceSubscriptionId);
        Assert.Equal(LegacySubscriptionStatus.Migrated, (await host.StoredLegacyAsync(subscription.Id)).Status);
        await using var db = host.Store.NewContext();
        Assert.Equal(subscription.Id, (await db.NceSubscriptions.SingleAsync(s => s.Id == nceId, Ct)).MigratedFromSubscriptionId);
        Assert.Single(_partnerCenter.Calls, c => c.Method == "POST"); // created once, never again
    }

    [Theory, OnBothProviders]
    public async Task A_migration_partner_center_fails_is_failed_with_its_code(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var id = (await host.WithAsync<MigrationDesk, DeskAnswer<Migration>>(d =>
            d.CreateAsync(A.PartnerTenantId, A.CustomerTenantId, new MigrationRequest(subscription.Id), new MigrationOrigin("ana", null), Ct))).Value!.Id;
        await host.PassAsync();

        _partnerCenter.Finish(subscription.Id.ToString(), "Failed", host.Time.Now, errorCode: "800015", errorDescription: "Quantity exceeds the limit.");
        await host.PassAfterAsync(PartnerCenterCommerceBackend.PollInterval);

        var failed = await host.StoredMigrationAsync(id);
        Assert.Equal((MigrationPhase.FailedLegacyActive, "800015"), (failed.Phase, failed.ErrorCode));
        Assert.Equal(LegacySubscriptionStatus.Active, (await host.StoredLegacyAsync(subscription.Id)).Status);
    }

    private Task<EngineHost> StartAsync(DatabaseProvider provider) =>
        EngineHost.CreateAsync(provider, postgres, MinuteSteps(), services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [PartnerCenterRegistration.BackendSetting] = "PartnerCenter",
                ["PartnerCenter:ApiBase"] = _partnerCenter.Address.ToString(),
                ["PartnerCenter:Instance"] = _authority.Instance.ToString(),
                ["PartnerCenter:TenantId"] = A.PartnerTenantId.ToString(),
                ["PartnerCenter:ClientId"] = FakeEntraAuthority.ClientId,
                ["PartnerCenter:ClientSecret"] = FakeEntraAuthority.ClientSecret,
            }).Build();
            services.AddPortalInstances(); // the token cache in the test's database, as the portal has it
            services.AddPortalPartnerCenter(configuration);
            services.AddHttpClient(Portal.Accounts.Entra.EntraOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _authority.CreateTrustingHandler());
        });

    public async ValueTask DisposeAsync()
    {
        await _partnerCenter.DisposeAsync();
        await _authority.DisposeAsync();
    }
}
