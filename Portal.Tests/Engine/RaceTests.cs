using Microsoft.EntityFrameworkCore;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Engine;

/// <summary>
/// Simultaneous requests, each in a scope (and so a context and connection) of its own, as two HTTP requests or two
/// app instances would send them.
/// </summary>
public class RaceTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Two_simultaneous_200_seat_migrations_of_one_SMB_offer_exactly_one_succeeds_and_the_other_hits_the_seat_cap(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var first = A.Subscription().Of(A.BusinessBasic).WithSeats(200).Named("Basic A").Build();
        var second = A.Subscription().Of(A.BusinessBasic).WithSeats(200).Named("Basic B").Build();
        await SeedAsync(host.Store, first, second);

        var answers = await Task.WhenAll(
            Task.Run(() => MigrationDeskTests.CreateAsync(host, new MigrationRequest(first.Id)), Ct),
            Task.Run(() => MigrationDeskTests.CreateAsync(host, new MigrationRequest(second.Id)), Ct));

        Assert.Single(answers, a => a.IsDone);
        var refused = Assert.Single(answers, a => a.IsRefused);
        Assert.Equal([EligibilityReasons.LicenseLimitReached.Name], refused.Errors.Select(e => e.Code));
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.Migrations.CountAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Simultaneous_migrations_of_one_subscription_leave_exactly_one(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id), new MigrationOrigin($"agent {i}")), Ct)));

        var done = Assert.Single(answers, a => a.IsDone);
        Assert.All(answers.Where(a => !a.IsDone), a => Assert.Equal(EligibilityReasons.SubscriptionBeingProcessingInOms.Name, a.Errors[0].Code));
        await using var db = host.Store.NewContext();
        Assert.Equal([done.Value!.Id], await db.Migrations.Select(m => m.Id).ToListAsync(Ct));
        Assert.Equal(done.Value.Id, (await db.LegacyAsync(subscription.Id)).InFlightMigrationId);
    }

    [Theory, OnBothProviders]
    public async Task Simultaneous_requests_with_one_idempotency_key_answer_one_migration(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        var subscription = A.Subscription().Build();
        await SeedAsync(host.Store, subscription);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => MigrationDeskTests.CreateAsync(host, new MigrationRequest(subscription.Id), new MigrationOrigin("api key", IdempotencyKey: "retry-me")), Ct)));

        Assert.All(answers, a => Assert.True(a.IsDone));
        Assert.Single(answers.Select(a => a.Value!.Id).Distinct());
        await using var db = host.Store.NewContext();
        Assert.Equal(1, await db.Migrations.CountAsync(Ct));
    }
}
