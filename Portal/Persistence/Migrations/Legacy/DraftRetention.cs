using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>An index on the drafts' last change, for the retention clean-up's deletes (ADR-017).</summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261130001000_DraftRetention")]
public sealed class DraftRetention : SqlScriptMigration
{
    protected override string ScriptName => "0010_DraftRetention";
}
