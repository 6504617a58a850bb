using Portal.Demo;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;

namespace Portal.Tests.Demo;

/// <summary>The data set is relative to "now": built at any moment of any day, it tells the same story.</summary>
public sealed class DemoDataSetTests
{
    public static TheoryData<DateTimeOffset> Moments => new(
        new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero),
        new DateTimeOffset(2027, 6, 30, 23, 58, 0, TimeSpan.Zero),
        new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(Moments))]
    public void Built_at_any_moment_it_covers_every_data_reason_code_and_migration_phase(DateTimeOffset now)
    {
        var data = DemoDataSet.Build(now);

        var codes = Evaluate(data, now).SelectMany(b => b.Members).SelectMany(m => m.Reasons).Select(r => r.Code).ToHashSet();
        Assert.All(Enumerable.Range(0, 11), code => Assert.Contains(code, codes));
        Assert.All(Enum.GetValues<MigrationPhase>(), phase => Assert.Contains(data.Migrations, m => m.Phase == phase));
        Assert.All(data.Migrations.SelectMany(m => m.Events), e => Assert.True(e.CreatedAt <= now));
        Assert.All(data.LegacySubscriptions, s => Assert.True(s.PurchaseDate <= now));
    }

    [Fact]
    public void Built_twice_at_one_moment_it_is_the_same()
    {
        var now = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);
        var first = DemoDataSet.Build(now);
        var second = DemoDataSet.Build(now);

        Assert.Equal(first.LegacySubscriptions.Select(s => (s.Id, s.TermEnd, s.Status)), second.LegacySubscriptions.Select(s => (s.Id, s.TermEnd, s.Status)));
        Assert.Equal(first.Migrations.Select(m => (m.Id, m.Phase)), second.Migrations.Select(m => (m.Id, m.Phase)));
    }

    private static IEnumerable<BundleEligibility> Evaluate(DemoDataSet data, DateTimeOffset now)
    {
        var activePartners = data.Partners.Select(p => p.MpnId).ToHashSet();
        foreach (var customer in data.Customers)
        {
            var context = new EligibilityContext
            {
                Partner = data.Partners.Single(p => p.TenantId == customer.PartnerTenantId),
                Customer = customer,
                Offers = data.Offers,
                LegacySubscriptions = data.LegacySubscriptions.Where(s => s.CustomerId == customer.TenantId).ToList(),
                NceSubscriptions = data.NceSubscriptions.Where(s => s.CustomerId == customer.TenantId).ToList(),
                InFlight = data.Migrations.Where(m => m.CustomerId == customer.TenantId && m.IsInFlight)
                    .SelectMany(m => m.Members.Select(x => new InFlightSeats(x.LegacySubscriptionId, string.Join('/', x.CatalogItemId.Split(':').Take(2)), x.Target.Quantity)))
                    .ToList(),
                ActivePartnerIds = activePartners,
                Now = now,
            };
            foreach (var subscription in context.LegacySubscriptions)
            {
                yield return EligibilityEvaluator.Evaluate(new MigrationRequest(subscription.Id), context);
            }
        }
    }
}
