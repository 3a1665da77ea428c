using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityTargetGroupRollups",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetGroupId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityTargetGroupRollups", x => new { x.ActivityId, x.TargetGroupId });
                    table.ForeignKey(
                        name: "FK_ActivityTargetGroupRollups_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityTargetGroupRollups_TargetGroups_TargetGroupId",
                        column: x => x.TargetGroupId,
                        principalTable: "TargetGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivityThemeRollups",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityThemeRollups", x => new { x.ActivityId, x.ThemeId });
                    table.ForeignKey(
                        name: "FK_ActivityThemeRollups_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityThemeRollups_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTargetGroupRollups_TargetGroupId_ActivityId",
                table: "ActivityTargetGroupRollups",
                columns: new[] { "TargetGroupId", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityThemeRollups_ThemeId_ActivityId",
                table: "ActivityThemeRollups",
                columns: new[] { "ThemeId", "ActivityId" });

            Features.Dashboards.TagRollups.CreatePostgres(migrationBuilder);

            // Every dashboard figure starts from the municipality's activities that ran in the period: this index answers
            // that filter and the columns the figures read without touching the wide rows (descriptions, search text).
            // Not in the EF model (its columns are on the Schedule complex type): a migration that rebuilds Activities on
            // SQLite must create it again.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Activities_Dashboard" ON "Activities" ("MunicipalityId", "Status") INCLUDE ("Schedule_StartsOn", "Schedule_EndsOn", "Schedule_Kind", "ProviderOrganisationId", "ProviderInitiativeId", "Capacity", "LastVerifiedOn", "Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Activities_Dashboard";""");
            Features.Dashboards.TagRollups.DropPostgres(migrationBuilder);
            migrationBuilder.DropTable(
                name: "ActivityTargetGroupRollups");

            migrationBuilder.DropTable(
                name: "ActivityThemeRollups");
        }
    }
}
