using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Persistence.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class SubscriptionVerdicts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SubscriptionVerdicts",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stamp = table.Column<long>(type: "bigint", nullable: false),
                    Eligible = table.Column<bool>(type: "boolean", nullable: false),
                    Reasons = table.Column<string>(type: "text", nullable: false),
                    LedEligible = table.Column<bool>(type: "boolean", nullable: true),
                    LedReasons = table.Column<string>(type: "text", nullable: false),
                    LedScheduled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriptionVerdicts", x => x.SubscriptionId);
                    table.ForeignKey(
                        name: "FK_SubscriptionVerdicts_LegacySubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "LegacySubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionVerdicts_CustomerId",
                table: "SubscriptionVerdicts",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SubscriptionVerdicts");
        }
    }
}
