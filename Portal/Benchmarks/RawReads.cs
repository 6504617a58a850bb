using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Persistence;

namespace Portal.Benchmarks;

/// <summary>
/// The plain database read an operation is compared with: hand-written SQL over the same rows, run on the context's
/// own connection and read field by field through a <see cref="DbDataReader"/>, with no mapping to objects. Values are
/// bound as the store keeps them on each provider (SQLite: upper-case text ids, EF Core's binary instants).
/// </summary>
public sealed class RawReads(PortalDbContext db)
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    public object Id(Guid id) => db.IsSqlite ? id.ToString().ToUpperInvariant() : id;

    public object Instant(DateTimeOffset at) => db.IsSqlite ? SqliteInstant.ConvertToProvider(at.ToUniversalTime())! : at.ToUniversalTime();

    /// <summary>Runs each statement (parameters @p0, @p1, ...) and reads every field of every row; answers the rows read.</summary>
    public async Task<long> ReadAsync(CancellationToken ct, params (string Sql, object[] Args)[] statements)
    {
        long rows = 0;
        foreach (var (sql, args) in statements)
        {
            await using var command = await CommandAsync(sql, args, ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
                rows++;
            }
        }

        return rows;
    }

    /// <summary>Writes the rows of <paramref name="sql"/> as CSV (every field as text, quoted when needed) to <paramref name="sink"/>.</summary>
    public async Task<long> DumpCsvAsync(Stream sink, string sql, object[] args, CancellationToken ct)
    {
        await using var command = await CommandAsync(sql, args, ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await using var writer = new StreamWriter(sink, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var line = new StringBuilder();
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                var text = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    line.Append(text);
                }
            }

            await writer.WriteLineAsync(line, ct);
            rows++;
        }

        return rows;
    }

    private async Task<DbCommand> CommandAsync(string sql, object[] args, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var command = connection.CreateCommand();
#pragma warning disable CA2100 // the benchmark's own constant SQL; values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = args[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
