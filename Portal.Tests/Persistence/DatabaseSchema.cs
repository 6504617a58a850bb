using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Tests.Persistence;

/// <summary>
/// A database's schema read from its catalogs, as one sorted line per fact: each table, each column (type and
/// nullability, identity, default), each index (columns, uniqueness, filter) and each constraint (primary key,
/// foreign keys with their delete rule). Two databases with the same lines have the same schema. The migration
/// history table and EF Core's migration lock table are left out: only a migrated database has them.
/// </summary>
public static partial class DatabaseSchema
{
    private static readonly string[] Bookkeeping = ["__SchemaHistory", "__EFMigrationsLock"];

    public static async Task<IReadOnlyList<string>> ReadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var facts = db.IsSqlite ? await ReadSqliteAsync(connection, cancellationToken) : await ReadPostgresAsync(connection, cancellationToken);
            return [.. facts.Order(StringComparer.Ordinal)];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Fails with the lines only one side has, so a forgotten migration reads as what it forgot.</summary>
    public static void AssertSame(IReadOnlyList<string> fromModel, IReadOnlyList<string> migrated, DatabaseProvider provider)
    {
        var missing = fromModel.Except(migrated, StringComparer.Ordinal).ToList();
        var extra = migrated.Except(fromModel, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return;
        }

        Assert.Fail(
            $"On {provider}, the schema the migrations build differs from the schema EnsureCreated() builds from the model. "
            + "A model change needs a generated migration for both providers: scripts/add-migration.sh <Name> (docs/decisions/ADR-020-generated-migrations-per-provider.md).\n"
            + $"In the model, missing after migrating ({missing.Count}):\n  " + string.Join("\n  ", missing) + "\n"
            + $"After migrating, not in the model ({extra.Count}):\n  " + string.Join("\n  ", extra));
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var facts = new List<string>();
        var objects = await QueryAsync(
            connection,
            "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
            r => (Type: r.GetString(0), Name: r.GetString(1), Table: r.GetString(2), Sql: r.GetString(3)),
            cancellationToken);
        var tables = objects.Where(o => o.Type == "table" && !Bookkeeping.Contains(o.Name)).ToList();
        foreach (var other in objects.Where(o => o.Type is "view" or "trigger" && !Bookkeeping.Contains(o.Table)))
        {
            facts.Add($"{other.Type} {other.Name}: {Normalize(other.Sql)}");
        }

        foreach (var table in tables)
        {
            var name = table.Name;
            facts.Add($"table {name}");
            if (table.Sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
            {
                facts.Add($"table {name}: AUTOINCREMENT");
            }

            var columns = await QueryAsync(
                connection,
                $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info({Literal(name)})",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, Default: r.IsDBNull(3) ? null : r.GetString(3), Pk: r.GetInt64(4)),
                cancellationToken);
            foreach (var column in columns)
            {
                facts.Add($"column {name}.{column.Name}: {column.Type}{(column.NotNull ? " NOT NULL" : " NULL")}{(column.Default is null ? "" : " DEFAULT " + column.Default)}");
            }

            var primaryKey = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            if (primaryKey.Count > 0)
            {
                facts.Add($"primary key {name} ({string.Join(", ", primaryKey)})");
            }

            var indexes = await QueryAsync(
                connection,
                $"SELECT name, \"unique\", origin FROM pragma_index_list({Literal(name)})",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Origin: r.GetString(2)),
                cancellationToken);
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                var indexColumns = await QueryAsync(
                    connection,
                    $"SELECT name FROM pragma_index_info({Literal(index.Name)}) ORDER BY seqno",
                    r => r.GetString(0),
                    cancellationToken);
                var sql = objects.FirstOrDefault(o => o.Type == "index" && o.Name == index.Name).Sql ?? "";
                var where = WhereClause().Match(sql);
                facts.Add($"index {name}.{index.Name}: {(index.Unique ? "UNIQUE " : "")}({string.Join(", ", indexColumns)})"
                    + (where.Success ? " WHERE " + Normalize(where.Groups[1].Value) : ""));
            }

            var foreignKeys = await QueryAsync(
                connection,
                $"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list({Literal(name)})",
                r => (Id: r.GetInt64(0), Seq: r.GetInt64(1), Principal: r.GetString(2), From: r.GetString(3), To: r.IsDBNull(4) ? "" : r.GetString(4), OnUpdate: r.GetString(5), OnDelete: r.GetString(6)),
                cancellationToken);
            foreach (var key in foreignKeys.GroupBy(k => k.Id))
            {
                var parts = key.OrderBy(k => k.Seq).ToList();
                facts.Add($"foreign key {name} ({string.Join(", ", parts.Select(p => p.From))}) REFERENCES {parts[0].Principal} "
                    + $"({string.Join(", ", parts.Select(p => p.To))}) ON UPDATE {parts[0].OnUpdate} ON DELETE {parts[0].OnDelete}");
            }
        }

        return facts;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var facts = new List<string>();
        var tables = await QueryAsync(
            connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            r => r.GetString(0),
            cancellationToken);
        facts.AddRange(tables.Where(t => !Bookkeeping.Contains(t)).Select(t => $"table {t}"));

        facts.AddRange((await QueryAsync(
            connection,
            """
            SELECT table_name, column_name,
                   CASE WHEN data_type IN ('ARRAY', 'USER-DEFINED') THEN udt_name ELSE data_type END
                     || COALESCE('(' || character_maximum_length || ')', '')
                     || CASE WHEN data_type = 'numeric' THEN COALESCE('(' || numeric_precision || ',' || numeric_scale || ')', '') ELSE '' END,
                   is_nullable, COALESCE(column_default, ''), is_identity, COALESCE(identity_generation, '')
            FROM information_schema.columns
            WHERE table_schema = 'public'
            """,
            r => (Table: r.GetString(0), Fact: $"column {r.GetString(0)}.{r.GetString(1)}: {r.GetString(2)}"
                + (r.GetString(3) == "YES" ? " NULL" : " NOT NULL")
                + (r.GetString(4).Length > 0 ? " DEFAULT " + r.GetString(4) : "")
                + (r.GetString(5) == "YES" ? $" GENERATED {r.GetString(6)} AS IDENTITY" : "")),
            cancellationToken))
            .Where(c => !Bookkeeping.Contains(c.Table))
            .Select(c => c.Fact));

        facts.AddRange((await QueryAsync(
            connection,
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)),
            cancellationToken))
            .Where(i => !Bookkeeping.Contains(i.Table))
            .Select(i => $"index {i.Table}.{i.Name}: {i.Definition}"));

        facts.AddRange((await QueryAsync(
            connection,
            """
            SELECT rel.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public'
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Definition: r.GetString(3)),
            cancellationToken))
            .Where(c => !Bookkeeping.Contains(c.Table))
            .Select(c => $"{ConstraintKind(c.Type)} {c.Table}.{c.Name}: {c.Definition}"));

        return facts;
    }

    private static string ConstraintKind(string type) => type switch
    {
        "p" => "primary key",
        "f" => "foreign key",
        "u" => "unique constraint",
        "c" => "check constraint",
        "x" => "exclusion constraint",
        _ => "constraint " + type,
    };

    /// <summary>Runs <paramref name="sql"/> on an open connection and reads each row with <paramref name="read"/>.</summary>
    internal static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static string Literal(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Normalize(string sql) => Whitespace().Replace(sql.Trim(), " ");

    [GeneratedRegex(@"\sWHERE\s(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline, "en-US")]
    private static partial Regex WhereClause();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
