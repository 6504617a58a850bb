using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations;

/// <summary>The API's fixed-window counters, shared by every instance on the database (ADR-021).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204001200_ApiRateCounters")]
public sealed class ApiRateCounters : SqlScriptMigration
{
    protected override string ScriptName => "0012_ApiRateCounters";
}
