using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Partners;
using Portal.Migrations.Wizard;

namespace Portal.Persistence.Configurations;

internal sealed class MigrationDraftConfiguration : IEntityTypeConfiguration<MigrationDraft>
{
    public void Configure(EntityTypeBuilder<MigrationDraft> builder)
    {
        builder.ToTable("MigrationDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.BatchId).HasMaxLength(100);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Ignore(d => d.IsSubmitted);
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(d => d.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.PartnerTenantId, d.OwnerUserId });
        builder.HasIndex(d => d.UpdatedAt); // the retention clean-up (ADR-017)

        // A reload or a second tab continues the user's open draft of a subscription; never a second one.
        builder.HasIndex(d => new { d.OwnerUserId, d.SubscriptionId })
            .IsUnique()
            .HasFilter("\"Kind\" = 'Wizard' AND \"SubmittedAt\" IS NULL")
            .HasDatabaseName("UX_MigrationDrafts_OpenWizard");
        builder.HasIndex(d => new { d.PartnerTenantId, d.BatchId })
            .IsUnique()
            .HasFilter("\"BatchId\" IS NOT NULL")
            .HasDatabaseName("UX_MigrationDrafts_Batch");
    }
}
