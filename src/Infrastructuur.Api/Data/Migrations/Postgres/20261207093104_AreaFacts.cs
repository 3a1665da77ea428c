using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AreaFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Working areas get offering facts of their own: a rebuild on the next catch-up writes them.
            OfferingFactTriggers.CreateAreaPostgres(migrationBuilder);
            migrationBuilder.Sql("UPDATE \"OfferingFactWindow\" SET \"Stale\" = TRUE WHERE \"Id\" = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            OfferingFactTriggers.DropAreaPostgres(migrationBuilder);
            migrationBuilder.Sql("UPDATE \"OfferingFactWindow\" SET \"Stale\" = TRUE WHERE \"Id\" = 1;");
        }
    }
}
