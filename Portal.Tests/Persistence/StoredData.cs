using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;
using Portal.Tests.Domain;

namespace Portal.Tests.Persistence;

/// <summary>Data the database tests share: the test partner, its customer and the test catalog, stored.</summary>
public static class StoredData
{
    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };

    /// <summary>
    /// Stores <see cref="A.Partner"/>, its customers <see cref="A.Customer"/> and <see cref="OtherCustomer"/>, copies of
    /// <see cref="A.Catalog"/>, and <paramref name="subscriptions"/>.
    /// </summary>
    public static async Task SeedAsync(TestStore store, params LegacySubscription[] subscriptions)
    {
        await using var db = store.NewContext();
        db.Partners.Add(A.Partner());
        db.Customers.AddRange(A.Customer(), OtherCustomer);
        db.LegacyOffers.AddRange(A.Catalog.Select(o => o with { }));
        db.LegacySubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Another customer of <see cref="A.Partner"/>.</summary>
    public static Customer OtherCustomer { get; } = new()
    {
        TenantId = Guid.Parse("c0570000-0000-4000-8000-000000000002"),
        PartnerTenantId = A.PartnerTenantId,
        Name = "Northwind Traders",
        Domain = "northwind.onmicrosoft.com",
    };

    public static Task<LegacySubscription> LegacyAsync(this PortalDbContext db, Guid id) =>
        db.LegacySubscriptions.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);

    public static Task<Migration> MigrationAsync(this PortalDbContext db, Guid id) =>
        db.MigrationsWithEvents.SingleAsync(m => m.Id == id, TestContext.Current.CancellationToken);

    /// <summary>The legacy subscriptions a migration holds, loaded in <paramref name="db"/>.</summary>
    public static async Task<IReadOnlyCollection<LegacySubscription>> MembersAsync(this PortalDbContext db, Migration migration)
    {
        var ids = migration.Members.Select(m => m.LegacySubscriptionId).ToList();
        return await db.LegacySubscriptions.Where(s => ids.Contains(s.Id)).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static int StoredVersion(this PortalDbContext db, object entity) =>
        (int)db.Entry(entity).Property(PortalDbContext.VersionProperty).CurrentValue!;

    /// <summary>Every public property, nested objects and collections included, in declaration order.</summary>
    public static string State(object value) => JsonSerializer.Serialize(value, value.GetType(), StateJson);

    /// <summary>Asserts that two objects hold the same state, property by property (collections in order).</summary>
    public static void AssertSameState(object expected, object actual) => Assert.Equal(State(expected), State(actual));

    /// <summary>A bundle: an Office 365 E3 base with an Exchange Online Archiving add-on, both active.</summary>
    public static (LegacySubscription Base, LegacySubscription AddOn) Bundle()
    {
        var baseSubscription = A.Subscription().Of(A.Office365E3).WithSeats(25).Build();
        var addOn = A.Subscription().Of(A.ExchangeArchiving).WithSeats(5).AddOnOf(baseSubscription).Build();
        return (baseSubscription, addOn);
    }

    public static IReadOnlyList<MigrationLine> Lines(params LegacySubscription[] members) =>
        [.. members.Select(s => new MigrationLine(
            s.Id,
            s.ParentSubscriptionId,
            A.Catalog.Single(o => o.Id == s.OfferId).Mapping!.CatalogItemId,
            MigrationTarget.CarryOver(s)))];

    public static PartnerOrganization SandboxPartner { get; } = new()
    {
        TenantId = Guid.Parse("0e7c1a4e-0000-4000-8000-000000000002"),
        Name = "Adatum Sandbox",
        MpnId = "7654321",
        ProfileComplete = false,
        IsActive = false,
        Environment = PartnerEnvironment.Sandbox,
    };
}
