using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Terms;

namespace Portal.Persistence.Configurations;

internal sealed class LegacyOfferConfiguration : IEntityTypeConfiguration<LegacyOffer>
{
    public void Configure(EntityTypeBuilder<LegacyOffer> builder)
    {
        builder.ToTable("LegacyOffers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Ignore(o => o.IsSmb);

        builder.Property(o => o.AllowedBaseOfferIds)
            .HasConversion(
                ids => string.Join(',', ids.Order()),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet(),
                new ValueComparer<IReadOnlySet<Guid>>(
                    (a, b) => a!.SetEquals(b!),
                    ids => ids.Aggregate(0, (hash, id) => hash ^ id.GetHashCode()),
                    ids => ids.ToHashSet()))
            .HasMaxLength(2000);

        builder.Property(o => o.AllowedTargets)
            .HasConversion(
                pairs => string.Join(',', pairs.Select(p => $"{p.Term}:{p.Billing}")),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParsePair).ToList(),
                new ValueComparer<IReadOnlyList<TermBilling>>(
                    (a, b) => a!.SequenceEqual(b!),
                    pairs => pairs.Aggregate(0, (hash, p) => HashCode.Combine(hash, p)),
                    pairs => pairs.ToList()))
            .HasMaxLength(200);

        builder.OwnsOne(o => o.Mapping, mapping =>
        {
            mapping.Property(m => m.ProductId).HasColumnName("NceProductId").HasMaxLength(20);
            mapping.Property(m => m.SkuId).HasColumnName("NceSkuId").HasMaxLength(10);
            mapping.Property(m => m.AvailabilityId).HasColumnName("NceAvailabilityId").HasMaxLength(20);
            mapping.Ignore(m => m.ProductSku);
            mapping.Ignore(m => m.CatalogItemId);
        });
    }

    private static TermBilling ParsePair(string text)
    {
        var parts = text.Split(':');
        return new TermBilling(Enum.Parse<TermDuration>(parts[0]), Enum.Parse<BillingCycle>(parts[1]));
    }
}
