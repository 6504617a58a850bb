using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>Publishers, their offers, their migrations to the new Cloud Partner Portal and the notifications about them (issue 7, ADR-010).</summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261130000400_Publishing")]
public sealed class Publishing : SqlScriptMigration
{
    protected override string ScriptName => "0004_Publishing";
}
