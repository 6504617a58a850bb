using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Engine;
using Portal.Migrations.Live;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Engine;
using Portal.Tests.Persistence;
using static Portal.Tests.Engine.EngineTestData;
using static Portal.Tests.Live.MigrationUpdatesTests;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Live;

/// <summary>
/// The engine tells the partner's open pages what it committed, and the poller tells them what another instance's
/// engine did, once (ADR-026).
/// </summary>
public class EngineLiveUpdateTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task The_engine_publishes_each_step_of_a_migration_and_its_completion_to_the_partner_only(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var hub = host.Singleton<MigrationUpdates>();
        var (mine, received) = Collect(hub, A.PartnerTenantId);
        var (theirs, theirReceived) = Collect(hub, Guid.NewGuid());
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id), new Portal.Migrations.MigrationOrigin("ana@contoso.example", "batch-7"))).Value!.Id;

        await host.PassAfterAsync(TimeSpan.FromMinutes(1)); // begins: the legacy side is suspended
        var begun = await NextAsync(received);
        await host.PassAfterAsync(TimeSpan.FromHours(5)); // created, provisioned, completed in one catch-up step
        var completed = await NextAsync(received);

        Assert.Equal((MigrationUpdateKind.MigrationChanged, id, "batch-7", MigrationPhase.LegacySuspended), (begun!.Kind, begun.MigrationId, begun.BatchId, begun.Phase));
        Assert.Equal((MigrationUpdateKind.MigrationCompleted, id, MigrationPhase.Completed), (completed!.Kind, completed.MigrationId, completed.Phase));
        Assert.Equal(A.PartnerTenantId, completed.PartnerTenantId);
        Assert.NotNull(completed.Version);
        Assert.Null(await NextAsync(theirReceived, TimeSpan.FromMilliseconds(300)));
        mine.Dispose();
        theirs.Dispose();
    }

    [Theory, OnBothProviders]
    public async Task The_poller_announces_what_another_instance_did_once_and_stays_quiet_about_this_instances_own_publishes(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var (first, second) = (A.Subscription().Build(), A.Subscription().Build());
        await SeedAsync(host.Store, first, second);
        var hub = host.Singleton<MigrationUpdates>();
        var poller = host.Singleton<MigrationUpdatesPoller>();
        Assert.Equal(0, await poller.TickAsync(Ct)); // nobody subscribed: no query at all
        var early = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(first.Id))).Value!.Id;
        var (subscription, received) = Collect(hub, A.PartnerTenantId);
        Assert.Equal(0, await poller.TickAsync(Ct)); // the baseline: what was there is no news

        var late = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(second.Id))).Value!.Id;
        Assert.Equal(1, await poller.TickAsync(Ct));
        Assert.Equal((MigrationUpdateKind.MigrationChanged, late), Of(await NextAsync(received)));

        // Another instance's engine (it has no hub here) moves both: the poller announces each, once.
        var other = host.SecondInstance("other");
        host.Time.Advance(TimeSpan.FromHours(5));
        await other.RunOnceAsync(Ct);
        Assert.Equal(2, await poller.TickAsync(Ct));
        var announced = new[] { Of(await NextAsync(received)), Of(await NextAsync(received)) };
        Assert.Equal([(MigrationUpdateKind.MigrationCompleted, early), (MigrationUpdateKind.MigrationCompleted, late)], announced.OrderBy(a => a.Id == late));
        Assert.Equal(0, await poller.TickAsync(Ct));
        subscription.Dispose();
    }

    [Theory, OnBothProviders]
    public async Task The_poller_does_not_announce_again_what_this_instances_engine_published(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres, MinuteSteps());
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);
        var hub = host.Singleton<MigrationUpdates>();
        var poller = host.Singleton<MigrationUpdatesPoller>();
        var (mine, received) = Collect(hub, A.PartnerTenantId);
        var id = (await MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id))).Value!.Id;
        await poller.TickAsync(Ct); // first tick for the partner: the baseline
        await host.PassAfterAsync(TimeSpan.FromHours(5));
        Assert.Equal((MigrationUpdateKind.MigrationCompleted, id), Of(await NextAsync(received)));

        Assert.Equal(0, await poller.TickAsync(Ct));
        Assert.Null(await NextAsync(received, TimeSpan.FromMilliseconds(300)));
        mine.Dispose();
    }

    private static (MigrationUpdateKind Kind, Guid? Id) Of(MigrationUpdate? update) => (update!.Kind, update.MigrationId);
}
