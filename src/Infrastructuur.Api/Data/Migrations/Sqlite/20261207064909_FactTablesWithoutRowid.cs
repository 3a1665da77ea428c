using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FactTablesWithoutRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            FactTableLayout.WithoutRowidSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            FactTableLayout.WithRowidSqlite(migrationBuilder);
        }
    }
}
