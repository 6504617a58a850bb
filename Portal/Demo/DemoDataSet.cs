using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;

namespace Portal.Demo;

/// <summary>
/// The demo partners with everything they hold, built in memory through the domain's own methods and relative to
/// one moment ("now"), so the data looks the same whenever it is seeded. See Portal/Demo/README.md for what it covers.
/// </summary>
public sealed class DemoDataSet
{
    public required IReadOnlyList<PartnerOrganization> Partners { get; init; }

    public required IReadOnlyList<LegacyOffer> Offers { get; init; }

    public required IReadOnlyList<Customer> Customers { get; init; }

    public required IReadOnlyList<LegacySubscription> LegacySubscriptions { get; init; }

    public required IReadOnlyList<NceSubscription> NceSubscriptions { get; init; }

    public required IReadOnlyList<Migration> Migrations { get; init; }

    public required IReadOnlyList<MigrationSchedule> Schedules { get; init; }

    /// <param name="now">The moment the data is seeded (UTC); every date in it is relative to this.</param>
    public static DemoDataSet Build(DateTimeOffset now) => new DemoDataBuilder(now.ToUniversalTime()).Build();
}
