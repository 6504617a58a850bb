using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>
/// The owner of the hand-written SQL migrations of ADR-005 (0001 to 0010), kept as history. It has no model: it
/// only runs those migrations, on a database that was made by them, up to the last one (ADR-020).
/// </summary>
public sealed class LegacySchemaContext(DbContextOptions<LegacySchemaContext> options) : DbContext(options);

/// <summary>
/// Brings a database made by the hand-written migrations under the generated ones (ADR-020): it applies the
/// hand-written migrations it still lacks, then records the generated <see cref="BaselineMigrationId"/> as applied,
/// since the baseline creates exactly the schema the last hand-written migration left. No row is touched.
/// New databases, and databases that already have the baseline, are left alone.
/// </summary>
public static class LegacySchema
{
    /// <summary>
    /// The first generated migration of each provider. It sorts right after the last hand-written one
    /// (<c>20261130001000_DraftRetention</c>), so hand-written migrations written meanwhile keep their ids when
    /// they are regenerated (README, "Schema changes").
    /// </summary>
    public const string BaselineMigrationId = "20261130001001_Baseline";

    /// <summary>Adopts <paramref name="db"/>'s database if it was made by the hand-written migrations; true when it did.</summary>
    public static async Task<bool> AdoptAsync(PortalDbContext db, DatabaseProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return false;
        }

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(row => row.MigrationId).ToHashSet(StringComparer.Ordinal);
        await using var legacy = NewContext(provider, connectionString);
        if (applied.Contains(BaselineMigrationId) || !applied.Overlaps(legacy.Database.GetMigrations()))
        {
            return false;
        }

        await legacy.Database.MigrateAsync(cancellationToken);

        // Another instance on the same file or database may have recorded it meanwhile: record it once.
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(PersistenceRegistration.HistoryTable);
        var productVersion = typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var insertOnce = "INSERT INTO " + table + " (\"MigrationId\", \"ProductVersion\") SELECT {0}, {1} "
            + "WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE \"MigrationId\" = {0})";
        await db.Database.ExecuteSqlRawAsync(insertOnce, [BaselineMigrationId, productVersion], cancellationToken);
        return true;
    }

    /// <summary>A context that runs the hand-written migrations on <paramref name="connectionString"/>; the caller disposes it.</summary>
    public static LegacySchemaContext NewContext(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<LegacySchemaContext>();
        PersistenceRegistration.Configure(builder, provider, connectionString);
        return new LegacySchemaContext(builder.Options);
    }
}
