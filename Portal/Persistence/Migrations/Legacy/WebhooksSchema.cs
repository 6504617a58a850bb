using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations.Legacy;

/// <summary>The webhook delivery outbox with its attempts, and portal notifications (ADR-009).</summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261130000300_Webhooks")]
public sealed class WebhooksSchema : SqlScriptMigration
{
    protected override string ScriptName => "0003_Webhooks";
}
