using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Accounts;
using Portal.ApiKeys;
using Portal.Audit;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Publishing;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence.Configurations;
using Portal.Webhooks;

namespace Portal.Persistence;

/// <summary>
/// The portal's store: the domain's aggregates, mapped by one configuration class each (see Configurations/),
/// plus accounts, API keys, webhooks and the audit log. Runs on SQLite (default) and PostgreSQL, through one
/// subclass per provider (<see cref="SqlitePortalDbContext"/>, <see cref="PostgresPortalDbContext"/>) that owns
/// that provider's generated migrations (ADR-020). Code asks for a <see cref="PortalDbContext"/>.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, PortalRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Shadow property that every optimistically concurrent aggregate carries; bumped on each save.</summary>
    public const string VersionProperty = "Version";

    public DbSet<PartnerOrganization> Partners => Set<PartnerOrganization>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<LegacyOffer> LegacyOffers => Set<LegacyOffer>();

    public DbSet<LegacySubscription> LegacySubscriptions => Set<LegacySubscription>();

    public DbSet<NceSubscription> NceSubscriptions => Set<NceSubscription>();

    /// <summary>Migrations without their events; to load whole aggregates, use <see cref="MigrationsWithEvents"/>.</summary>
    public DbSet<Migration> Migrations => Set<Migration>();

    /// <summary>
    /// Migrations with their events in the order they were recorded. Load a migration through this before changing
    /// it: events recorded in the same instant have no other order, and a migration loaded without its events
    /// cannot record new ones (saving refuses it: they would take the stored ones' positions).
    /// </summary>
    public IQueryable<Migration> MigrationsWithEvents =>
        Migrations.Include(m => m.Events.OrderBy(e => EF.Property<int>(e, MigrationEventConfiguration.SequenceProperty)));

    /// <summary>
    /// The ids of the migrations in flight (a member still holds its legacy subscription), found through the partial
    /// index UX_MigrationMembers_InFlightSubscription, whose filter this repeats word for word so that SQLite uses it
    /// too: it costs the same with a hundred or a hundred thousand finished migrations, where an EXISTS per migration
    /// grew with the history. Compose it: <c>Migrations.Where(m => MigrationIdsInFlight.Contains(m.Id))</c>. For the
    /// migrations of a few customers, go through the customers instead (<c>m.Members.Any(x => x.HoldsSubscription)</c>
    /// after a filter on <c>CustomerId</c>): this lists every migration in flight, whoever holds it.
    /// </summary>
    public IQueryable<Guid> MigrationIdsInFlight =>
        Database.SqlQuery<Guid>($"""SELECT "MigrationId" AS "Value" FROM "MigrationMembers" WHERE "HoldsSubscription" = TRUE""");

    public DbSet<MigrationEvent> MigrationEvents => Set<MigrationEvent>();

    public DbSet<MigrationSchedule> Schedules => Set<MigrationSchedule>();

    /// <summary>Marketplace publishers with their offers; always scoped to a partner (see Publishing/PublisherDesk).</summary>
    public DbSet<Publisher> Publishers => Set<Publisher>();

    public DbSet<PublisherMigration> PublisherMigrations => Set<PublisherMigration>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<WebhookSubscription> Webhooks => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    public DbSet<Notifications.PortalNotification> Notifications => Set<Notifications.PortalNotification>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<global::Portal.Migrations.Wizard.MigrationDraft> MigrationDrafts => Set<global::Portal.Migrations.Wizard.MigrationDraft>();

    public DbSet<Time.PartnerClockSetting> PartnerClocks => Set<Time.PartnerClockSetting>();

    public DbSet<global::Portal.Migrations.MigrationRequestKey> MigrationRequestKeys => Set<global::Portal.Migrations.MigrationRequestKey>();

    public DbSet<Engine.WorkClaim> WorkClaims => Set<Engine.WorkClaim>();

    public DbSet<Api.ApiRateCounter> ApiRateCounters => Set<Api.ApiRateCounter>();

    public DbSet<Engine.ClosedCancellationWindow> ClosedCancellationWindows => Set<Engine.ClosedCancellationWindow>();

    public DbSet<Engine.Simulation.BilledPeriodRecord> BilledPeriods => Set<Engine.Simulation.BilledPeriodRecord>();

    public DbSet<Dashboard.CustomerEligibilityFigure> EligibilityFigures => Set<Dashboard.CustomerEligibilityFigure>();

    /// <summary>Each legacy subscription's verdicts, stored with its customer's figure (ADR-030).</summary>
    public DbSet<Dashboard.SubscriptionVerdict> SubscriptionVerdicts => Set<Dashboard.SubscriptionVerdict>();

    /// <summary>The ASP.NET Core Data Protection key ring every instance shares (ADR-019).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Identity.Web's distributed token cache (<see cref="Instances.DatabaseTokenCache"/>).</summary>
    public DbSet<Instances.TokenCacheEntry> TokenCache => Set<Instances.TokenCacheEntry>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// Saves, and marks stale the eligibility figures the save touched (ADR-022) in the same transaction: the caller's
    /// when there is one, otherwise one of its own, so the change and the mark commit together (one commit, not two).
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var invalidation = BeforeSave();
        if (invalidation is null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        invalidation.Apply(this);
        own?.Commit();
        return saved;
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var invalidation = BeforeSave();
        if (invalidation is null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await invalidation.ApplyAsync(this, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
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

    /// <summary>Prepares the save; answers the stored eligibility figures it makes stale (ADR-022), marked once it is saved.</summary>
    private Dashboard.EligibilityFigureInvalidation? BeforeSave()
    {
        var entries = ChangeTracker.Entries().ToList();
        NumberNewMigrationEvents(entries);
        BumpVersions(entries);
        return Dashboard.EligibilityFigureInvalidation.Collect(this, entries);
    }

    /// <summary>Gives each new event its position in its migration's list, which is the order it was recorded in.</summary>
    private static void NumberNewMigrationEvents(List<EntityEntry> entries)
    {
        var migrations = entries.Where(e => e.Entity is Migration).ToDictionary(e => ((Migration)e.Entity).Id);
        var added = entries.Where(e => e.State == EntityState.Added && e.Entity is MigrationEvent).ToList();
        var addedEvents = added.Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var entry in added)
        {
            var recorded = (MigrationEvent)entry.Entity;
            if (!migrations.TryGetValue(recorded.MigrationId, out var migrationEntry))
            {
                throw new InvalidOperationException($"Event {recorded.Id} is saved without its migration {recorded.MigrationId}: record events through the migration.");
            }

            // A stored migration always has events (MigrationStarted, from its request); if every event it holds is
            // new, its stored ones were not loaded, and the new ones would take their positions.
            var migration = (Migration)migrationEntry.Entity;
            if (migrationEntry.State != EntityState.Added && migration.Events.All(addedEvents.Contains))
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Id} was loaded without its events; load it through {nameof(MigrationsWithEvents)} before recording new ones.");
            }

            var position = -1;
            for (var i = 0; i < migration.Events.Count && position < 0; i++)
            {
                position = ReferenceEquals(migration.Events[i], recorded) ? i : -1;
            }

            if (position < 0)
            {
                throw new InvalidOperationException($"Event {recorded.Id} is not one of migration {migration.Id}'s events: record events through the migration.");
            }

            entry.Property(MigrationEventConfiguration.SequenceProperty).CurrentValue = position;
        }
    }

    /// <summary>
    /// Bumps the version of every aggregate that changes in this save: its own row, or any of its parts (owned
    /// entities, and dependents deleted with it, such as a migration's members and events or a New Commerce
    /// subscription's seat additions). A change to a part alone then still conflicts with a concurrent change.
    /// </summary>
    private static void BumpVersions(List<EntityEntry> entries)
    {
        Dictionary<(IEntityType Type, string Key), EntityEntry>? byKey = null;
        var changed = new Dictionary<object, EntityEntry>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var root = AggregateRoot(entry, entries, ref byKey);
            if (root is not null && root.State is EntityState.Modified or EntityState.Unchanged)
            {
                changed[root.Entity] = root;
            }
        }

        foreach (var root in changed.Values)
        {
            var version = root.Property(VersionProperty);
            version.CurrentValue = (int)(version.OriginalValue ?? 0) + 1;
            version.IsModified = true;
        }
    }

    /// <summary>The versioned entry <paramref name="entry"/> belongs to: itself, or the owner up its chain of parts.</summary>
    private static EntityEntry? AggregateRoot(EntityEntry entry, List<EntityEntry> entries, ref Dictionary<(IEntityType Type, string Key), EntityEntry>? byKey)
    {
        for (var current = entry; current is not null;)
        {
            if (current.Metadata.FindProperty(VersionProperty) is not null)
            {
                return current;
            }

            var part = current.Metadata.GetForeignKeys().FirstOrDefault(fk => fk.IsOwnership || (fk.IsRequired && fk.DeleteBehavior == DeleteBehavior.Cascade));
            if (part is null)
            {
                return null;
            }

            byKey ??= IndexByKey(entries);
            byKey.TryGetValue((part.PrincipalEntityType, KeyOf(current, part.Properties)), out current);
        }

        return null;
    }

    /// <summary>Built on first need only: most saves (bulk inserts, say) have no parts to trace.</summary>
    private static Dictionary<(IEntityType Type, string Key), EntityEntry> IndexByKey(List<EntityEntry> entries)
    {
        var byKey = new Dictionary<(IEntityType Type, string Key), EntityEntry>();
        foreach (var entry in entries)
        {
            // A replaced owned entity can leave a deleted and an added entry under one key: the live one wins.
            var key = (entry.Metadata, KeyOf(entry, entry.Metadata.FindPrimaryKey()!.Properties));
            if (!byKey.TryAdd(key, entry) && entry.State != EntityState.Deleted)
            {
                byKey[key] = entry;
            }
        }

        return byKey;
    }

    private static string KeyOf(EntityEntry entry, IReadOnlyList<IProperty> properties) =>
        string.Join('|', properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
}
