using Infrastructuur.Api.Features.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivityTheme_ThemesId",
                table: "ActivityTheme");

            migrationBuilder.DropIndex(
                name: "IX_ActivityNeighbourhood_NeighbourhoodsId",
                table: "ActivityNeighbourhood");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Programmes",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTheme_ThemesId_ActivitiesId",
                table: "ActivityTheme",
                columns: new[] { "ThemesId", "ActivitiesId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityNeighbourhood_NeighbourhoodsId_ActivitiesId",
                table: "ActivityNeighbourhood",
                columns: new[] { "NeighbourhoodsId", "ActivitiesId" });

            // Hand-written (ADR 0008): the engine's full-text index; re-add these calls if this migration is regenerated.
            SearchIndex.BackfillProgrammeSearchText(migrationBuilder);
            SearchIndex.CreatePostgres(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SearchIndex.DropPostgres(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_ActivityTheme_ThemesId_ActivitiesId",
                table: "ActivityTheme");

            migrationBuilder.DropIndex(
                name: "IX_ActivityNeighbourhood_NeighbourhoodsId_ActivitiesId",
                table: "ActivityNeighbourhood");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Programmes");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTheme_ThemesId",
                table: "ActivityTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityNeighbourhood_NeighbourhoodsId",
                table: "ActivityNeighbourhood",
                column: "NeighbourhoodsId");
        }
    }
}
