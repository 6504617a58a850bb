using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeveralInstancesAndFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiRateCounters",
                columns: table => new
                {
                    Partition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiRateCounters", x => x.Partition);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EligibilityFigures",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerTenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Eligible = table.Column<int>(type: "INTEGER", nullable: false),
                    Ineligible = table.Column<int>(type: "INTEGER", nullable: false),
                    RecountDue = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibilityFigures", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_EligibilityFigures_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "TenantId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TokenCache",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SlidingMilliseconds = table.Column<long>(type: "INTEGER", nullable: true),
                    AbsoluteExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenCache", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityFigures_Partner_RecountDue",
                table: "EligibilityFigures",
                columns: new[] { "PartnerTenantId", "RecountDue", "Eligible", "Ineligible" });

            migrationBuilder.CreateIndex(
                name: "IX_TokenCache_ExpiresAt",
                table: "TokenCache",
                column: "ExpiresAt");

            // Every existing customer starts stale (RecountDue in the past: 1970-01-01T00:00:00Z in EF Core's binary DateTimeOffset form), to be counted on its
            // partner's next dashboard load (ADR-022).
            migrationBuilder.Sql(
                """
                INSERT INTO "EligibilityFigures" ("CustomerId", "PartnerTenantId", "Eligible", "Ineligible", "RecountDue", "ComputedAt", "Stamp")
                SELECT "TenantId", "PartnerTenantId", 0, 0, 1272537022464000000, NULL, 0 FROM "Customers";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiRateCounters");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EligibilityFigures");

            migrationBuilder.DropTable(
                name: "TokenCache");
        }
    }
}
