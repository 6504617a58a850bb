using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Partners;

namespace Portal.Persistence.Configurations;

internal sealed class PartnerOrganizationConfiguration : IEntityTypeConfiguration<PartnerOrganization>
{
    public void Configure(EntityTypeBuilder<PartnerOrganization> builder)
    {
        builder.ToTable("Partners");
        builder.HasKey(p => p.TenantId);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.MpnId).HasMaxLength(20);
        builder.HasIndex(p => p.MpnId).IsUnique();
        builder.Ignore(p => p.IsSandbox);
    }
}
