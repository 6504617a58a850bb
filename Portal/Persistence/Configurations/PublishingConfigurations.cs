using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Partners;
using Portal.Domain.Publishing;

namespace Portal.Persistence.Configurations;

/// <summary>
/// A marketplace publisher with its offers (one row each, in <c>PublisherOffers</c>) and its users on both portals.
/// It belongs to one partner organization through the shadow key <see cref="PartnerTenantIdProperty"/> (ADR-010).
/// </summary>
internal sealed class PublisherConfiguration : IEntityTypeConfiguration<Publisher>
{
    /// <summary>Shadow property: the partner organization the publisher belongs to; every query filters on it.</summary>
    public const string PartnerTenantIdProperty = "PartnerTenantId";

    public void Configure(EntityTypeBuilder<Publisher> builder)
    {
        builder.ToTable("Publishers");
        builder.HasKey(p => p.PublisherId);
        builder.Property(p => p.PublisherId).HasMaxLength(50).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Admin).HasMaxLength(256);
        builder.Property(p => p.Owner).HasMaxLength(256);
        builder.Property<int>(PortalDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(p => p.HasMigrated);
        builder.Ignore(p => p.AccountOwner);

        builder.Property<Guid>(PartnerTenantIdProperty);
        builder.HasOne<PartnerOrganization>().WithMany().HasForeignKey(PartnerTenantIdProperty).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(PartnerTenantIdProperty, nameof(Publisher.Name));

        // The users of each portal are read and written whole with their publisher: one JSON list each.
        builder.Property(p => p.CoAdmins).HasField("_coAdmins").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnName("CoAdmins").HasConversion(UserList.Converter, UserList.Comparer);
        builder.Property(p => p.Contributors).HasField("_contributors").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnName("Contributors").HasConversion(UserList.Converter, UserList.Comparer);

        builder.OwnsMany(p => p.Offers, offers =>
        {
            offers.ToTable("PublisherOffers");
            offers.WithOwner().HasForeignKey(nameof(Publisher.PublisherId));
            offers.HasKey(nameof(Publisher.PublisherId), nameof(Offer.OfferId));
            offers.Property(o => o.OfferId).HasMaxLength(50);
            offers.Property(o => o.Name).HasMaxLength(200);
            offers.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
            offers.Property(o => o.State).HasConversion<string>().HasMaxLength(16);
            offers.Property(o => o.StateOnOldPortal).HasConversion<string>().HasMaxLength(16);
            offers.Property(o => o.Activity).HasConversion<string>().HasMaxLength(16);
            offers.Property(o => o.CreatedOn).HasConversion<string>().HasMaxLength(8);
            offers.Property(o => o.LivesOn).HasConversion<string>().HasMaxLength(8);
            offers.Ignore(o => o.IsMigrated);
            offers.Ignore(o => o.IsInFlight);
            offers.Ignore(o => o.IsLive);
            offers.OwnsOne(o => o.Price, price =>
            {
                price.Property(p => p.Amount).HasColumnName("PriceAmount").HasPrecision(18, 4);
                price.Property(p => p.Currency).HasColumnName("PriceCurrency").HasMaxLength(3);
            });
            offers.Navigation(o => o.Price).IsRequired();
        });
        builder.Navigation(p => p.Offers).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne(p => p.Migration).WithOne("_publisher")
            .HasForeignKey<PublisherMigration>(m => m.PublisherId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A publisher's migration request: its slot (two columns, so due runs are found in the database), its attempts
/// (one JSON document) and its notifications (one row each, in <c>PublisherNotifications</c>).
/// </summary>
internal sealed class PublisherMigrationConfiguration : IEntityTypeConfiguration<PublisherMigration>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new MigrationSlotJsonConverter() },
    };

    public void Configure(EntityTypeBuilder<PublisherMigration> builder)
    {
        builder.ToTable("PublisherMigrations");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.PublisherId).HasMaxLength(50);
        builder.HasIndex(m => m.PublisherId).IsUnique();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ConfirmedBy).HasMaxLength(256);
        builder.Property(m => m.FailureReason).HasMaxLength(4000);
        builder.Ignore(m => m.LocksLivePrices);
        builder.Ignore(m => m.CanBook);

        builder.OwnsOne(m => m.Slot, slot =>
        {
            slot.Property(s => s.Start).HasColumnName("SlotStart");
            slot.Property(s => s.ArrangedBy).HasColumnName("SlotArrangedBy").HasMaxLength(256);
            slot.Ignore(s => s.End);
            slot.Ignore(s => s.IsArrangedByOperator);
            slot.Ignore(s => s.PacificStart);
        });

        // The runner looks for confirmed migrations whose slot has started.
        builder.HasIndex(m => m.Status);

        builder.Ignore(m => m.Attempts);
        builder.Property<List<MigrationAttempt>>("_attempts")
            .HasColumnName("Attempts")
            .HasConversion(
                attempts => JsonSerializer.Serialize(attempts, Json),
                text => JsonSerializer.Deserialize<List<MigrationAttempt>>(text, Json) ?? new List<MigrationAttempt>(),
                new ValueComparer<List<MigrationAttempt>>(
                    (a, b) => a!.SequenceEqual(b!),
                    attempts => attempts.Aggregate(0, (hash, attempt) => HashCode.Combine(hash, attempt)),
                    attempts => attempts.ToList()));

        builder.OwnsMany(m => m.Notifications, notifications =>
        {
            notifications.ToTable("PublisherNotifications");
            notifications.WithOwner().HasForeignKey("MigrationId");
            notifications.Property<int>("Id");
            notifications.HasKey("Id");
            notifications.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
            notifications.Property(n => n.PublisherId).HasMaxLength(50);
            notifications.Property(n => n.Recipient).HasMaxLength(256);
            notifications.Property(n => n.Subject).HasMaxLength(400);
            notifications.Property(n => n.Text).HasMaxLength(8000);
        });
        builder.Navigation(m => m.Notifications).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>A list of user names stored as one JSON array.</summary>
internal static class UserList
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<IReadOnlyList<string>, string> Converter = new(
        users => JsonSerializer.Serialize(users, (JsonSerializerOptions?)null),
        text => JsonSerializer.Deserialize<List<string>>(text, (JsonSerializerOptions?)null) ?? new List<string>());

    public static readonly ValueComparer<IReadOnlyList<string>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        users => users.Aggregate(0, (hash, user) => HashCode.Combine(hash, user)),
        users => users.ToList());
}

/// <summary>A slot in an attempt's JSON, rebuilt through the domain's own factories (so a stored slot obeys the same rules).</summary>
internal sealed class MigrationSlotJsonConverter : JsonConverter<MigrationSlot>
{
    public override MigrationSlot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = JsonSerializer.Deserialize<StoredSlot>(ref reader, options) ?? throw new JsonException("A migration slot is missing.");
        return stored.ArrangedBy is null ? MigrationSlot.Regular(stored.Start) : MigrationSlot.ArrangedByOperator(stored.Start, stored.ArrangedBy);
    }

    public override void Write(Utf8JsonWriter writer, MigrationSlot value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new StoredSlot(value.Start, value.ArrangedBy), options);

    private sealed record StoredSlot(DateTimeOffset Start, string? ArrangedBy);
}
