using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;

namespace Portal.Persistence.Configurations;

internal sealed class MigrationScheduleConfiguration : IEntityTypeConfiguration<MigrationSchedule>
{
    // Enums by name, like every enum column (see PortalDbContext.ConfigureConventions): readable, and safe against
    // reordering. Computed properties (a target's TermBilling) are left out: only what the constructors take is stored.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    foreach (var computed in type.Properties.Where(p => p.Set is null).ToList())
                    {
                        type.Properties.Remove(computed);
                    }
                },
            },
        },
    };

    public void Configure(EntityTypeBuilder<MigrationSchedule> builder)
    {
        builder.ToTable("MigrationSchedules");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ExternalReferenceId).HasMaxLength(100);
        builder.Property(s => s.ErrorCode).HasMaxLength(100);
        builder.Property(s => s.ErrorDescription).HasMaxLength(2000);
        builder.Property<int>(PortalDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(s => s.DueAt);

        builder.ComplexProperty(s => s.Timing, timing =>
        {
            timing.Property(t => t.TargetDate).HasColumnName("TargetDate");
            timing.Ignore(t => t.MigrateOnRenewal);
        });

        // The frozen targets are read and written whole with their schedule, so they are kept as one JSON document.
        builder.Ignore(s => s.Lines);
        builder.Property<List<MigrationLine>>("_lines")
            .HasColumnName("Lines")
            .HasConversion(
                lines => JsonSerializer.Serialize(lines, Json),
                text => JsonSerializer.Deserialize<List<MigrationLine>>(text, Json) ?? new List<MigrationLine>(),
                new ValueComparer<List<MigrationLine>>(
                    (a, b) => a!.SequenceEqual(b!),
                    lines => lines.Aggregate(0, (hash, line) => HashCode.Combine(hash, line)),
                    lines => lines.ToList()));

        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegacySubscription>().WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.Status, s.SubscriptionTermEnd });
        builder.HasIndex(s => new { s.CustomerId, s.SubscriptionId });
        builder.HasIndex(s => s.ExternalReferenceId);

        // At most one schedule waits for a subscription at a time.
        builder.HasIndex(s => s.SubscriptionId)
            .IsUnique()
            .HasFilter("\"Status\" = 'Created'")
            .HasDatabaseName("UX_MigrationSchedules_WaitingSubscription");
    }
}
