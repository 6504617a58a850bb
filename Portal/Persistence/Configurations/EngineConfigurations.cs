using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Billing;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Engine.Simulation;
using Portal.Migrations;
using Portal.Time;

namespace Portal.Persistence.Configurations;

internal sealed class PartnerClockSettingConfiguration : IEntityTypeConfiguration<PartnerClockSetting>
{
    public void Configure(EntityTypeBuilder<PartnerClockSetting> builder)
    {
        builder.ToTable("PartnerClocks");
        builder.HasKey(c => c.PartnerTenantId);
        builder.Property(c => c.Offset).HasConversion(o => o.Ticks, ticks => TimeSpan.FromTicks(ticks));
        builder.HasOne<PartnerOrganization>().WithOne().HasForeignKey<PartnerClockSetting>(c => c.PartnerTenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MigrationRequestKeyConfiguration : IEntityTypeConfiguration<MigrationRequestKey>
{
    public void Configure(EntityTypeBuilder<MigrationRequestKey> builder)
    {
        builder.ToTable("MigrationRequestKeys");
        builder.HasKey(k => new { k.PartnerTenantId, k.IdempotencyKey });
        builder.Property(k => k.IdempotencyKey).HasMaxLength(MigrationRequestKey.MaxKeyLength);
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(k => k.PartnerTenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Migration>().WithMany().HasForeignKey(k => k.MigrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.MigrationId);
    }
}

internal sealed class WorkClaimConfiguration : IEntityTypeConfiguration<WorkClaim>
{
    public void Configure(EntityTypeBuilder<WorkClaim> builder)
    {
        builder.ToTable("WorkClaims");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(WorkClaim.MaxKeyLength);
        builder.Property(c => c.Holder).HasMaxLength(100);
    }
}

internal sealed class ClosedCancellationWindowConfiguration : IEntityTypeConfiguration<ClosedCancellationWindow>
{
    public void Configure(EntityTypeBuilder<ClosedCancellationWindow> builder)
    {
        builder.ToTable("ClosedCancellationWindows");
        builder.HasKey(c => c.NceSubscriptionId);
        builder.HasOne<NceSubscription>().WithOne().HasForeignKey<ClosedCancellationWindow>(c => c.NceSubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BilledPeriodRecordConfiguration : IEntityTypeConfiguration<BilledPeriodRecord>
{
    public void Configure(EntityTypeBuilder<BilledPeriodRecord> builder)
    {
        builder.ToTable("BilledPeriods");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Side).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => p.SubscriptionId);
        builder.HasIndex(p => p.MigratedFromSubscriptionId);
    }
}

internal sealed class ApiRateCounterConfiguration : IEntityTypeConfiguration<Api.ApiRateCounter>
{
    public void Configure(EntityTypeBuilder<Api.ApiRateCounter> builder)
    {
        builder.ToTable("ApiRateCounters");
        builder.HasKey(c => c.Partition);
        builder.Property(c => c.Partition).HasMaxLength(Api.ApiRateCounter.MaxPartitionLength);
    }
}
