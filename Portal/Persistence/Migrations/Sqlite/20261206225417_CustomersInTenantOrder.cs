using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomersInTenantOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Customers_PartnerTenantId_TenantId",
                table: "Customers",
                columns: new[] { "PartnerTenantId", "TenantId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_PartnerTenantId_TenantId",
                table: "Customers");
        }
    }
}
