using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Tests.Persistence;

/// <summary>
/// Every row of every table of a database, read from its catalog (not through the model), each row as one line of its
/// values, sorted per table. Two reads with equal lines hold the same rows. The migration history and EF Core's
/// migration lock are left out: upgrading changes them by design.
/// </summary>
public static class StoredRows
{
    private static readonly string[] Bookkeeping = [PersistenceRegistration.HistoryTable, "__EFMigrationsLock"];

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var tables = await DatabaseSchema.QueryAsync(
                connection,
                db.IsSqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
                r => r.GetString(0),
                cancellationToken);
            var rows = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var table in tables.Where(t => !Bookkeeping.Contains(t)))
            {
                var lines = await DatabaseSchema.QueryAsync(connection, $"SELECT * FROM \"{table}\"", Line, cancellationToken);
                rows[table] = [.. lines.Order(StringComparer.Ordinal)];
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Rows per table, for messages.</summary>
    public static string Counts(IReadOnlyDictionary<string, IReadOnlyList<string>> rows) =>
        string.Join(", ", rows.Select(t => $"{t.Key} {t.Value.Count}"));

    private static string Line(DbDataReader reader)
    {
        var values = new string[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetName(i) + "=" + reader.GetValue(i) switch
            {
                DBNull => "NULL",
                byte[] bytes => Convert.ToBase64String(bytes),
                DateTime instant => instant.ToString("O", CultureInfo.InvariantCulture),
                DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
                var value => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        return string.Join(" | ", values.Order(StringComparer.Ordinal));
    }
}
