using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>The wizard's and bulk migration's server-side drafts (ADR-012).</summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261130000600_MigrationDrafts")]
public sealed class MigrationDrafts : SqlScriptMigration
{
    protected override string ScriptName => "0006_MigrationDrafts";
}
