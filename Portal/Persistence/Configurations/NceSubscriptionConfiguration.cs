using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Subscriptions;

namespace Portal.Persistence.Configurations;

internal sealed class NceSubscriptionConfiguration : IEntityTypeConfiguration<NceSubscription>
{
    public void Configure(EntityTypeBuilder<NceSubscription> builder)
    {
        builder.ToTable("NceSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.CatalogItemId).HasMaxLength(64);
        builder.Property(s => s.FriendlyName).HasMaxLength(200);
        builder.Property<int>(PortalDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(s => s.CancellationAllowedUntil);
        builder.Ignore(s => s.ProductSku);
        builder.Ignore(s => s.TermBilling);

        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegacySubscription>().WithMany().HasForeignKey(s => s.MigratedFromSubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CustomerId, s.CatalogItemId });

        builder.OwnsMany(s => s.SeatAdditions, additions =>
        {
            additions.ToTable("NceSeatAdditions");
            additions.WithOwner().HasForeignKey("NceSubscriptionId");
            additions.Property<int>("Id");
            additions.HasKey("Id");
        });
        builder.Navigation(s => s.SeatAdditions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
