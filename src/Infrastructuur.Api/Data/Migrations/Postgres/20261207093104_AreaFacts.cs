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
            // Working areas get facts of their own: a rebuild of every fact table on the next catch-up writes them.
            OfferingFactTriggers.CreateAreaPostgres(migrationBuilder);
            migrationBuilder.Sql("UPDATE \"OfferingFactWindow\" SET \"Stale\" = TRUE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            OfferingFactTriggers.DropAreaPostgres(migrationBuilder);
            migrationBuilder.Sql("UPDATE \"OfferingFactWindow\" SET \"Stale\" = TRUE;");
        }
    }
}
