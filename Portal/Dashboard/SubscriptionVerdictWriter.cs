using System.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Dashboard;

/// <summary>
/// Writes judged verdicts (ADR-030): an insert-or-update per subscription, the same SQL on SQLite and PostgreSQL. Two
/// recounts of one customer racing each other may leave the older facts' verdicts last; they carry the older stamp, so
/// no export reads them as valid, and the next export or recount that finds them replaces them.
/// </summary>
internal static class SubscriptionVerdictWriter
{
    /// <summary>Rows per statement: 9 parameters each, well under either provider's limit.</summary>
    private const int Chunk = 250;

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter InstantToBinary = new();

    private const string Columns = """ "SubscriptionId", "CustomerId", "Stamp", "Eligible", "Reasons", "LedEligible", "LedReasons", "LedScheduled", "LedTermEnd" """;

    private const string OnConflict = """
         ON CONFLICT ("SubscriptionId") DO UPDATE SET
          "CustomerId" = excluded."CustomerId", "Stamp" = excluded."Stamp", "Eligible" = excluded."Eligible", "Reasons" = excluded."Reasons",
          "LedEligible" = excluded."LedEligible", "LedReasons" = excluded."LedReasons", "LedScheduled" = excluded."LedScheduled",
          "LedTermEnd" = excluded."LedTermEnd"
        """;

    public static async Task UpsertAsync(PortalDbContext db, IEnumerable<SubscriptionVerdict> verdicts, CancellationToken cancellationToken)
    {
        // EF Core stores a Guid as upper-case text on SQLite; a raw parameter must match it.
        var sqlite = db.Database.IsSqlite();
        object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;

        // A null needs a typed parameter: EF Core cannot infer a store type from a null value.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        object Null(DbType type)
        {
            var parameter = command.CreateParameter();
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            return parameter;
        }

        object NullableBool(bool? value) => value is { } known ? known : Null(DbType.Boolean);

        // An instant as EF Core stores it: on SQLite in its binary form (PortalDbContext's convention), on PostgreSQL in UTC.
        object NullableInstant(DateTimeOffset? value) =>
            value is { } instant
                ? sqlite ? InstantToBinary.ConvertToProvider(instant)! : instant.ToUniversalTime()
                : Null(sqlite ? DbType.Int64 : DbType.DateTimeOffset);

        foreach (var chunk in verdicts.Chunk(Chunk))
        {
            var sql = new StringBuilder("INSERT INTO \"SubscriptionVerdicts\" (").Append(Columns).Append(") VALUES ");
            var parameters = new List<object>(chunk.Length * 9);
            for (var i = 0; i < chunk.Length; i++)
            {
                var v = chunk[i];
                var first = parameters.Count;
                sql.Append(i == 0 ? "(" : ", (");
                for (var p = 0; p < 9; p++)
                {
                    sql.Append(p == 0 ? "" : ", ").Append('{').Append(first + p).Append('}');
                }

                sql.Append(')');
                parameters.AddRange([Id(v.SubscriptionId), Id(v.CustomerId), v.Stamp, v.Eligible, v.Reasons, NullableBool(v.LedEligible), v.LedReasons, v.LedScheduled, NullableInstant(v.LedTermEnd)]);
            }

            sql.Append(OnConflict);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }
}
