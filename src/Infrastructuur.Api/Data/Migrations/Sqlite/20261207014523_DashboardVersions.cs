using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardVersions",
                columns: table => new
                {
                    Scope = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardVersions", x => x.Scope);
                });

            Features.Dashboards.DashboardVersions.CreateSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Features.Dashboards.DashboardVersions.DropSqlite(migrationBuilder);
            migrationBuilder.DropTable(
                name: "DashboardVersions");
        }
    }
}
