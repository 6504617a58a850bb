using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

[DbContext(typeof(LegacySchemaContext))]
[Migration("20261122000000_InitialCreate")]
public sealed class InitialCreate : SqlScriptMigration
{
    protected override string ScriptName => "0001_InitialCreate";
}
