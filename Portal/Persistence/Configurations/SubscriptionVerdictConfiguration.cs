using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Dashboard;
using Portal.Domain.Subscriptions;

namespace Portal.Persistence.Configurations;

internal sealed class SubscriptionVerdictConfiguration : IEntityTypeConfiguration<SubscriptionVerdict>
{
    public void Configure(EntityTypeBuilder<SubscriptionVerdict> builder)
    {
        builder.ToTable("SubscriptionVerdicts");
        builder.HasKey(v => v.SubscriptionId);
        builder.Property(v => v.SubscriptionId).ValueGeneratedNever();
        builder.HasOne<LegacySubscription>().WithOne().HasForeignKey<SubscriptionVerdict>(v => v.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // The exports read the verdicts in customer order; the Microsoft-led one those of its window only.
        builder.HasIndex(v => v.CustomerId);
        builder.HasIndex(v => v.LedTermEnd);
    }
}
