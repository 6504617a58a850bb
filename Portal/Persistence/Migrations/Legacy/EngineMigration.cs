using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>Sandbox clocks, idempotency keys, work claims, the simulated billing ledger and closed cancellation windows.</summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261130000200_Engine")]
public sealed class EngineMigration : SqlScriptMigration
{
    protected override string ScriptName => "0002_Engine";
}
