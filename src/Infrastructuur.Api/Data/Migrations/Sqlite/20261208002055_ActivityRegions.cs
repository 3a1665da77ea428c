using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityRegions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityRegions",
                columns: table => new
                {
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOnKey = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityRegions", x => new { x.RegionId, x.ActivityId });
                    table.ForeignKey(
                        name: "FK_ActivityRegions_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityRegions_Neighbourhoods_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityRegions_ActivityId",
                table: "ActivityRegions",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityRegions_RegionId_NameKey_ActivityId",
                table: "ActivityRegions",
                columns: new[] { "RegionId", "NameKey", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityRegions_RegionId_StartsOnKey_ActivityId",
                table: "ActivityRegions",
                columns: new[] { "RegionId", "StartsOnKey", "ActivityId" });

            // Filled from the links and kept by triggers from here on (ADR 0030).
            Features.Activities.ActivityRegions.CreateSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Features.Activities.ActivityRegions.DropSqlite(migrationBuilder);
            migrationBuilder.DropTable(
                name: "ActivityRegions");
        }
    }
}
