using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Partners;

namespace Portal.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.HasKey(c => c.TenantId);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Domain).HasMaxLength(253);
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(c => c.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PartnerTenantId, c.Name });
        builder.HasIndex(c => new { c.PartnerTenantId, c.Domain });
        // The exports and the figures' recount walk a partner's customers in tenant order, a page at a time: with this
        // index a page is a range read that stops at the page's end, not a sort of every remaining customer.
        builder.HasIndex(c => new { c.PartnerTenantId, c.TenantId });
    }
}
