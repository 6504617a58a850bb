using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Subscriptions;

namespace Portal.Persistence.Configurations;

internal sealed class LegacySubscriptionConfiguration : IEntityTypeConfiguration<LegacySubscription>
{
    public void Configure(EntityTypeBuilder<LegacySubscription> builder)
    {
        builder.ToTable("LegacySubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.FriendlyName).HasMaxLength(200);
        builder.Property(s => s.PartnerOfRecordId).HasMaxLength(20);
        builder.Property<int>(PortalDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(s => s.IsAddOn);
        builder.Ignore(s => s.IsBeingProcessed);
        builder.Ignore(s => s.TermBilling);

        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegacyOffer>().WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegacySubscription>().WithMany().HasForeignKey(s => s.ParentSubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CustomerId, s.Status });
        builder.HasIndex(s => s.TermEnd);
    }
}
