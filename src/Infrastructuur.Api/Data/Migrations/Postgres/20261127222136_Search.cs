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
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Programmes",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Hand-written (ADR 0008): the engine's full-text index; re-add these calls if this migration is regenerated.
            SearchIndex.BackfillProgrammeSearchText(migrationBuilder);
            SearchIndex.CreatePostgres(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SearchIndex.DropPostgres(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Programmes");
        }
    }
}
