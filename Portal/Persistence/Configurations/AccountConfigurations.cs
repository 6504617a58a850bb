using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Accounts;
using Portal.ApiKeys;
using Portal.Audit;
using Portal.Domain.Partners;
using Portal.Webhooks;

namespace Portal.Persistence.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.TimeZoneId).HasMaxLength(64);
        builder.Property(u => u.EntraObjectId).HasMaxLength(64);
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(u => u.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.PartnerTenantId);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.Role).HasMaxLength(32);
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(k => k.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("Webhooks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Events).HasMaxLength(500);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(1000);
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(w => w.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Target).HasMaxLength(300);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.HasIndex(a => new { a.PartnerTenantId, a.At });
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(a => a.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
