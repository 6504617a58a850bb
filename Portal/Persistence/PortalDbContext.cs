using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Accounts;
using Portal.ApiKeys;
using Portal.Audit;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Webhooks;

namespace Portal.Persistence;

/// <summary>
/// The portal's store: the domain's aggregates, mapped by one configuration class each (see Configurations/),
/// plus accounts, API keys, webhooks and the audit log. Runs on SQLite (default) and PostgreSQL.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, PortalRole, Guid>(options)
{
    /// <summary>Shadow property that every optimistically concurrent aggregate carries; bumped on each save.</summary>
    public const string VersionProperty = "Version";

    public DbSet<PartnerOrganization> Partners => Set<PartnerOrganization>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<LegacyOffer> LegacyOffers => Set<LegacyOffer>();

    public DbSet<LegacySubscription> LegacySubscriptions => Set<LegacySubscription>();

    public DbSet<NceSubscription> NceSubscriptions => Set<NceSubscription>();

    public DbSet<Migration> Migrations => Set<Migration>();

    public DbSet<MigrationEvent> MigrationEvents => Set<MigrationEvent>();

    public DbSet<MigrationSchedule> Schedules => Set<MigrationSchedule>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<WebhookSubscription> Webhooks => Set<WebhookSubscription>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe against reordering.
        configurationBuilder.Properties<Domain.Terms.TermDuration>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<Domain.Terms.BillingCycle>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CustomerSegment>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PartnerEnvironment>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LegacySubscriptionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NceSubscriptionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MigrationPhase>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<MigrationEventName>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<ScheduleStatus>().HaveConversion<string>().HaveMaxLength(16);

        // SQLite cannot compare or sort DateTimeOffset text; all instants are UTC, so their binary form sorts.
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            var version = entry.Metadata.FindProperty(VersionProperty);
            if (version is null)
            {
                continue;
            }

            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && HasChangedOwnedEntries(entry)))
            {
                var property = entry.Property(VersionProperty);
                property.CurrentValue = (int)(property.OriginalValue ?? 0) + 1;
                entry.State = EntityState.Modified;
            }
        }
    }

    private bool HasChangedOwnedEntries(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry owner) =>
        owner.Navigations.Any(n => n.Metadata is Microsoft.EntityFrameworkCore.Metadata.INavigation navigation && navigation.TargetEntityType.IsOwned()
            && ChangeTracker.Entries().Any(e => e.Metadata.IsOwned() && e.State != EntityState.Unchanged && IsOwnedBy(e, owner)));

    private static bool IsOwnedBy(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry owned, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry owner) =>
        owned.Metadata.FindOwnership()?.PrincipalEntityType == owner.Metadata
        && owned.Metadata.FindOwnership()!.Properties.Select(p => owned.Property(p.Name).CurrentValue)
            .SequenceEqual(owner.Metadata.FindPrimaryKey()!.Properties.Select(p => owner.Property(p.Name).CurrentValue));
}
