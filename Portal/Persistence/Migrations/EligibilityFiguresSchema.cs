using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Persistence.Migrations;

/// <summary>Each customer's stored eligibility figure for the dashboard (ADR-022); existing customers start stale.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204001300_EligibilityFigures")]
public sealed class EligibilityFiguresSchema : SqlScriptMigration
{
    protected override string ScriptName => "0013_EligibilityFigures";
}
