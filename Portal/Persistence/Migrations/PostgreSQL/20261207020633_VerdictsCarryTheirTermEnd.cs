using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Persistence.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class VerdictsCarryTheirTermEnd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LedTermEnd",
                table: "SubscriptionVerdicts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionVerdicts_LedTermEnd",
                table: "SubscriptionVerdicts",
                column: "LedTermEnd");

            // Verdicts stored before carry no term end, so the Microsoft-led export would judge every customer live:
            // every figure becomes due (its recount instant is its count's own), and the next recount stores them again.
            migrationBuilder.Sql("""UPDATE "EligibilityFigures" SET "RecountDue" = "ComputedAt" WHERE "ComputedAt" IS NOT NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SubscriptionVerdicts_LedTermEnd",
                table: "SubscriptionVerdicts");

            migrationBuilder.DropColumn(
                name: "LedTermEnd",
                table: "SubscriptionVerdicts");
        }
    }
}
