using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Demo;

/// <summary>The demo data seeded once into a fresh SQLite file, read back, and every legacy subscription evaluated.</summary>
public sealed class SeededDemo : IAsyncLifetime
{
    /// <summary>A Monday mid-morning UTC; the data is relative to it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 10, 30, 0, TimeSpan.Zero);

    public DemoDatabase Database { get; } = new(Now);

    public bool Seeded { get; private set; }

    public IReadOnlyList<PartnerOrganization> Partners { get; private set; } = [];

    public IReadOnlyList<Customer> Customers { get; private set; } = [];

    public IReadOnlyList<LegacySubscription> Legacy { get; private set; } = [];

    public IReadOnlyList<NceSubscription> Nce { get; private set; } = [];

    public IReadOnlyList<Migration> Migrations { get; private set; } = [];

    public IReadOnlyList<MigrationSchedule> Schedules { get; private set; } = [];

    public IReadOnlyList<StoredVerdict> Verdicts { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        await Database.MigrateAsync();
        Seeded = await Database.Seeder.SeedAsync(CancellationToken.None);

        await using var db = Database.NewContext();
        Partners = await db.Partners.AsNoTracking().ToListAsync();
        Customers = await db.Customers.AsNoTracking().ToListAsync();
        Legacy = await db.LegacySubscriptions.AsNoTracking().ToListAsync();
        Nce = await db.NceSubscriptions.AsNoTracking().ToListAsync();
        Migrations = await db.Migrations.AsNoTracking().Include(m => m.Events).ToListAsync();
        Schedules = await db.Schedules.AsNoTracking().ToListAsync();
        Verdicts = await StoredEligibility.EvaluateAllAsync(db, Now);
    }

    public Customer Customer(string name) => Customers.Single(c => c.Name == name);

    public LegacySubscription Subscription(string customerName, string friendlyName) =>
        Legacy.Single(s => s.CustomerId == Customer(customerName).TenantId && s.FriendlyName == friendlyName);

    public StoredVerdict Verdict(string customerName, string friendlyName) =>
        Verdicts.Single(v => v.Subscription.Id == Subscription(customerName, friendlyName).Id);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
