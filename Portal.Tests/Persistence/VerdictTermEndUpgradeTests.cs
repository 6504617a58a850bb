using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Dashboard;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Persistence;

namespace Portal.Tests.Persistence;

/// <summary>
/// Verdicts stored before migration VerdictsCarryTheirTermEnd have no term end, so the Microsoft-led export would find
/// none of them and judge every customer live: the migration makes every counted figure due, so that the next recount
/// stores the verdicts again, with it (ADR-030).
/// </summary>
public class VerdictTermEndUpgradeTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Upgrading_makes_every_counted_figure_due_and_keeps_its_count(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateEmptyAsync(provider, postgres);
        var computedAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
        var partner = new PartnerOrganization { TenantId = Guid.NewGuid(), Name = "Contoso Partners", MpnId = "1234567" };
        var counted = new Customer { TenantId = Guid.NewGuid(), PartnerTenantId = partner.TenantId, Name = "Counted", Domain = "counted.example" };
        var neverCounted = new Customer { TenantId = Guid.NewGuid(), PartnerTenantId = partner.TenantId, Name = "Never counted", Domain = "never.example" };

        await using (var db = store.NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var upgrade = migrations.FindIndex(m => m.EndsWith("_VerdictsCarryTheirTermEnd", StringComparison.Ordinal));
            Assert.True(upgrade > 0);
            await db.GetService<IMigrator>().MigrateAsync(migrations[upgrade - 1], Ct);

            db.Partners.Add(partner);
            db.Customers.AddRange(counted, neverCounted);
            await db.SaveChangesAsync(Ct); // a new customer's figure is created stale (ADR-022)
            Assert.Equal(2, await db.EligibilityFigures.CountAsync(f => f.RecountDue == CustomerEligibilityFigure.Stale, Ct));

            // One figure counted and current for a month, the other never counted (stale), as the database had them.
            await db.EligibilityFigures.Where(f => f.CustomerId == counted.TenantId).ExecuteUpdateAsync(
                f => f.SetProperty(x => x.Eligible, 7).SetProperty(x => x.Ineligible, 2).SetProperty(x => x.ComputedAt, computedAt)
                    .SetProperty(x => x.RecountDue, computedAt.AddDays(30)).SetProperty(x => x.Stamp, 5),
                Ct);
        }

        await using (var db = store.NewContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        await using var after = store.NewContext();
        var figures = await after.EligibilityFigures.AsNoTracking().ToDictionaryAsync(f => f.CustomerId, Ct);
        var upgraded = figures[counted.TenantId];
        Assert.Equal((computedAt, computedAt, 7, 2, 5L), (upgraded.RecountDue, upgraded.ComputedAt!.Value, upgraded.Eligible, upgraded.Ineligible, upgraded.Stamp));
        Assert.Equal((CustomerEligibilityFigure.Stale, (DateTimeOffset?)null), (figures[neverCounted.TenantId].RecountDue, figures[neverCounted.TenantId].ComputedAt));
    }
}
