using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardVersionsAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            Features.Dashboards.DashboardVersions.BumpAtCommitPostgres(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Features.Dashboards.DashboardVersions.BumpAtStatementPostgres(migrationBuilder);
        }
    }
}
