using Microsoft.EntityFrameworkCore;
using Portal.Persistence;
using Portal.Tests.Domain;
using Portal.Tests.Persistence;
using Portal.Time;

namespace Portal.Tests.Engine;

/// <summary>Sandbox partners move their own clock forward; Production partners always run on real time.</summary>
public class PartnerClockTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task A_sandbox_partner_moves_its_clock_forward_and_keeps_the_offset_as_real_time_passes(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        await host.Store.SaveAsync(db => db.Partners.AddRange(EngineHost.Sandbox, A.Partner()));

        var moved = await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(EngineHost.Sandbox.TenantId, TimeSpan.FromDays(30), "sam", Ct));
        host.Time.Advance(TimeSpan.FromHours(2));
        var later = await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.NowAsync(EngineHost.Sandbox.TenantId, Ct));
        var production = await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.NowAsync(A.PartnerTenantId, Ct));

        Assert.Equal(A.Now.AddDays(30), moved);
        Assert.Equal(A.Now.AddDays(30).AddHours(2), later);
        Assert.Equal(A.Now.AddHours(2), production);
        await using var db = host.Store.NewContext();
        var audit = await db.AuditLog.SingleAsync(Ct);
        Assert.Equal(("sam", "Sandbox clock moved", EngineHost.Sandbox.TenantId), (audit.Actor, audit.Action, audit.PartnerTenantId));
    }

    [Theory, OnBothProviders]
    public async Task A_production_partners_clock_and_a_move_backwards_are_refused_with_a_clear_error(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        await host.Store.SaveAsync(db => db.Partners.AddRange(EngineHost.Sandbox, A.Partner()));
        await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.SetAsync(EngineHost.Sandbox.TenantId, A.Now.AddDays(10), "sam", Ct));

        var production = await Assert.ThrowsAsync<PartnerClockException>(() => host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(A.PartnerTenantId, TimeSpan.FromDays(1), "ana", Ct)));
        var backwards = await Assert.ThrowsAsync<PartnerClockException>(() => host.WithAsync<PartnerClock, DateTimeOffset>(c => c.SetAsync(EngineHost.Sandbox.TenantId, A.Now.AddDays(10).AddSeconds(-1), "sam", Ct)));
        var same = await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.SetAsync(EngineHost.Sandbox.TenantId, A.Now.AddDays(10), "sam", Ct));

        Assert.Contains("Production", production.Message, StringComparison.Ordinal);
        Assert.Contains("only moves forward", backwards.Message, StringComparison.Ordinal);
        Assert.Equal(A.Now.AddDays(10), same);
        Assert.Equal(A.Now.AddDays(10), await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.NowAsync(EngineHost.Sandbox.TenantId, Ct)));
    }

    [Theory, OnBothProviders]
    public async Task The_clock_goes_up_to_five_years_ahead_of_real_time_and_a_second_more_is_refused_saying_so(DatabaseProvider provider)
    {
        await using var host = await EngineHost.CreateAsync(provider, postgres);
        await host.Store.SaveAsync(db => db.Partners.Add(EngineHost.Sandbox));
        var horizon = A.Now.AddYears(5);

        var tooFar = await Assert.ThrowsAsync<PartnerClockException>(() => host.WithAsync<PartnerClock, DateTimeOffset>(c => c.SetAsync(EngineHost.Sandbox.TenantId, horizon.AddSeconds(1), "sam", Ct)));
        var byTooMuch = await Assert.ThrowsAsync<PartnerClockException>(() => host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(EngineHost.Sandbox.TenantId, horizon - A.Now + TimeSpan.FromSeconds(1), "sam", Ct)));
        var absurd = await Assert.ThrowsAsync<PartnerClockException>(() => host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(EngineHost.Sandbox.TenantId, TimeSpan.MaxValue, "sam", Ct)));
        Assert.Equal(A.Now, await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.NowAsync(EngineHost.Sandbox.TenantId, Ct)));

        var atHorizon = await host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(EngineHost.Sandbox.TenantId, horizon - A.Now, "sam", Ct));
        var notFurther = await Assert.ThrowsAsync<PartnerClockException>(() => host.WithAsync<PartnerClock, DateTimeOffset>(c => c.AdvanceAsync(EngineHost.Sandbox.TenantId, TimeSpan.FromSeconds(1), "sam", Ct)));

        Assert.Equal(horizon, atHorizon);
        Assert.All(new[] { tooFar, byTooMuch, absurd, notFurther }, e => Assert.Contains("at most 5 years ahead of real time", e.Message, StringComparison.Ordinal));
        Assert.Contains($"the latest it can be set to is {horizon:yyyy-MM-dd HH:mm:ss} UTC", tooFar.Message, StringComparison.Ordinal);
        Assert.Contains("so it can move forward by at most 1826 days", byTooMuch.Message, StringComparison.Ordinal);
        Assert.Contains("it is already there", notFurther.Message, StringComparison.Ordinal);
    }
}
