using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>
/// A hand-written schema migration whose SQL is written per provider, in <c>Sql/{Name}.{Provider}.sql</c> embedded
/// beside it (ADR-005, superseded by ADR-020). Kept as history: <see cref="LegacySchema"/> runs the ones an older
/// database lacks before it adopts the generated baseline. New schema changes are generated migrations.
/// </summary>
public abstract class SqlScriptMigration : Migration
{
    protected abstract string ScriptName { get; }

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var provider = migrationBuilder.ActiveProvider switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.PostgreSQL,
            var other => throw new NotSupportedException($"No schema script for provider {other}."),
        };
        migrationBuilder.Sql(Read($"{ScriptName}.{provider}.sql"));
    }

    private static string Read(string fileName)
    {
        var assembly = typeof(SqlScriptMigration).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Schema script {fileName} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
