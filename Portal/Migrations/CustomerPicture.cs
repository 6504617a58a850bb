using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;

namespace Portal.Migrations;

/// <summary>
/// One customer as eligibility sees it, read in one go: its partner, the offers of its subscriptions, its legacy and
/// New Commerce subscriptions, its migrations in flight, and the <see cref="EligibilityContext"/> at the partner's now.
/// </summary>
public sealed record CustomerPicture(
    PartnerOrganization Partner,
    Customer Customer,
    IReadOnlyList<LegacyOffer> Offers,
    IReadOnlyList<LegacySubscription> LegacySubscriptions,
    IReadOnlyList<NceSubscription> NceSubscriptions,
    IReadOnlyList<Migration> MigrationsInFlight,
    EligibilityContext Context)
{
    public DateTimeOffset Now => Context.Now;

    public LegacySubscription? Legacy(Guid subscriptionId) => LegacySubscriptions.FirstOrDefault(s => s.Id == subscriptionId);

    /// <summary>Seats a migration in flight will add, per New Commerce product (ProductId/SkuId).</summary>
    public static IEnumerable<InFlightSeats> InFlightSeatsOf(Migration migration) =>
        migration.Members.Select(m => new InFlightSeats(m.LegacySubscriptionId, string.Join('/', m.CatalogItemId.Split(':').Take(2)), m.Target.Quantity));
}
