using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Instances;

namespace Portal.Persistence.Configurations;

/// <summary>The key ring as the Data Protection package maps it (its own entity), in a table of its name.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("DataProtectionKeys");
}

internal sealed class TokenCacheEntryConfiguration : IEntityTypeConfiguration<TokenCacheEntry>
{
    public void Configure(EntityTypeBuilder<TokenCacheEntry> builder)
    {
        builder.ToTable("TokenCache");
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Key).HasMaxLength(TokenCacheEntry.MaxKeyLength);
        builder.HasIndex(e => e.ExpiresAt);
    }
}
