using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NestedPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_HostOrganisationId",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ProviderInitiativeId",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ProviderOrganisationId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_HostOrganisationId_NameKey_Id",
                table: "Initiatives",
                columns: new[] { "HostOrganisationId", "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ProviderInitiativeId_NameKey_Id",
                table: "Activities",
                columns: new[] { "ProviderInitiativeId", "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ProviderOrganisationId_NameKey_Id",
                table: "Activities",
                columns: new[] { "ProviderOrganisationId", "NameKey", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_HostOrganisationId_NameKey_Id",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ProviderInitiativeId_NameKey_Id",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ProviderOrganisationId_NameKey_Id",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_HostOrganisationId",
                table: "Initiatives",
                column: "HostOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ProviderInitiativeId",
                table: "Activities",
                column: "ProviderInitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ProviderOrganisationId",
                table: "Activities",
                column: "ProviderOrganisationId");
        }
    }
}
