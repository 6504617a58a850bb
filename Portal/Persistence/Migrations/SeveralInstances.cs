using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations;

/// <summary>The Data Protection key ring and Identity.Web's token cache, shared by every instance (ADR-019).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205001100_SeveralInstances")]
public sealed class SeveralInstances : SqlScriptMigration
{
    protected override string ScriptName => "0011_SeveralInstances";
}
