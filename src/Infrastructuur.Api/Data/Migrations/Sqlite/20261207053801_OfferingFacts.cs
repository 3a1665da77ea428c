using System;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfferingFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FactKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FactKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OfferingActivityStates",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferingActivityStates", x => x.ActivityId);
                });

            migrationBuilder.CreateTable(
                name: "OfferingDirtyActivities",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferingDirtyActivities", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "OfferingFacts",
                columns: table => new
                {
                    Municipality = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Theme = table.Column<int>(type: "INTEGER", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<long>(type: "INTEGER", nullable: false),
                    WithCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Verified = table.Column<int>(type: "INTEGER", nullable: false),
                    Reach = table.Column<long>(type: "INTEGER", nullable: false),
                    Organisations = table.Column<int>(type: "INTEGER", nullable: false),
                    Initiatives = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferingFacts", x => new { x.Municipality, x.Year, x.Theme, x.Group, x.Region });
                });

            migrationBuilder.CreateTable(
                name: "OfferingFactWindow",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: false),
                    LastYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Stale = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferingFactWindow", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OfferingSupport",
                columns: table => new
                {
                    Municipality = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Theme = table.Column<int>(type: "INTEGER", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    Initiative = table.Column<bool>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferingSupport", x => new { x.Municipality, x.Year, x.Theme, x.Group, x.Region, x.Provider });
                });

            migrationBuilder.CreateIndex(
                name: "IX_FactKeys_Key",
                table: "FactKeys",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfferingDirtyActivities_ActivityId",
                table: "OfferingDirtyActivities",
                column: "ActivityId");

            // The activities a write touches are noted by triggers; the facts are built at the first catch-up (no window row yet).
            OfferingFactTriggers.CreateSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            OfferingFactTriggers.DropSqlite(migrationBuilder);

            migrationBuilder.DropTable(
                name: "FactKeys");

            migrationBuilder.DropTable(
                name: "OfferingActivityStates");

            migrationBuilder.DropTable(
                name: "OfferingDirtyActivities");

            migrationBuilder.DropTable(
                name: "OfferingFacts");

            migrationBuilder.DropTable(
                name: "OfferingFactWindow");

            migrationBuilder.DropTable(
                name: "OfferingSupport");
        }
    }
}
