using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Persistence.Configurations;

internal sealed class MigrationConfiguration : IEntityTypeConfiguration<Migration>
{
    public void Configure(EntityTypeBuilder<Migration> builder)
    {
        builder.ToTable("Migrations");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Phase).HasField("_phase");
        builder.Property(m => m.ExternalReferenceId).HasMaxLength(100);
        builder.Property(m => m.ErrorCode).HasMaxLength(100);
        builder.Property(m => m.ErrorDescription).HasMaxLength(2000);
        builder.Property<int>(PortalDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(m => m.Status);
        builder.Ignore(m => m.ResolutionDeadline);
        builder.Ignore(m => m.IsInFlight);

        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.CustomerId, m.RequestedAt });
        builder.HasIndex(m => m.ExternalReferenceId);
        builder.HasIndex(m => m.Phase);

        builder.OwnsMany(m => m.Members, members =>
        {
            members.ToTable("MigrationMembers");
            members.WithOwner().HasForeignKey("MigrationId");
            members.Property<int>("Id");
            members.HasKey("Id");
            members.Property(m => m.CatalogItemId).HasMaxLength(64);
            members.Ignore(m => m.Line);
            members.OwnsOne(m => m.Target, target =>
            {
                target.Property(t => t.Term).HasColumnName("TargetTerm");
                target.Property(t => t.Billing).HasColumnName("TargetBilling");
                target.Property(t => t.Quantity).HasColumnName("TargetQuantity");
                target.Property(t => t.PurchaseFullTerm).HasColumnName("TargetPurchaseFullTerm");
                target.Property(t => t.CustomTermEndDate).HasColumnName("TargetCustomTermEndDate");
                target.Ignore(t => t.TermBilling);
            });
            members.Navigation(m => m.Target).IsRequired();
            members.HasOne<LegacySubscription>().WithMany().HasForeignKey(m => m.LegacySubscriptionId).OnDelete(DeleteBehavior.Restrict);

            // The database itself refuses a second in-flight migration of one legacy subscription.
            members.HasIndex(m => m.LegacySubscriptionId)
                .IsUnique()
                .HasFilter("\"HoldsSubscription\" = TRUE")
                .HasDatabaseName("UX_MigrationMembers_InFlightSubscription");
            members.HasIndex(m => m.NceSubscriptionId);
        });
        builder.Navigation(m => m.Members).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(m => m.Events).WithOne().HasForeignKey(e => e.MigrationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MigrationEventConfiguration : IEntityTypeConfiguration<MigrationEvent>
{
    /// <summary>
    /// Shadow property: the event's position in its migration's list (set on save by <see cref="PortalDbContext"/>).
    /// Events recorded in the same instant have no other order: their ids are random after the timestamp.
    /// </summary>
    public const string SequenceProperty = "Sequence";

    public void Configure(EntityTypeBuilder<MigrationEvent> builder)
    {
        builder.ToTable("MigrationEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property<int>(SequenceProperty);
        // Not unique on purpose: two concurrent saves that append events to one migration must fail on the
        // migration's version (DbUpdateConcurrencyException), not on whichever insert the batch happens to run first.
        builder.HasIndex(nameof(MigrationEvent.MigrationId), SequenceProperty);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.CurrentSubscriptionId, e.CreatedAt });
    }
}
