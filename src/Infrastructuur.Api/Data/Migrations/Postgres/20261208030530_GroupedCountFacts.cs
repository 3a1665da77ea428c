using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GroupedCountFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CountCapacities",
                columns: table => new
                {
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    Shape = table.Column<int>(type: "integer", nullable: false),
                    Theme = table.Column<int>(type: "integer", nullable: false),
                    Group = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<int>(type: "integer", nullable: false),
                    Area = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartMonth = table.Column<int>(type: "integer", nullable: false),
                    EndMonth = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Activities = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountCapacities", x => new { x.Scope, x.Shape, x.Theme, x.Group, x.Region, x.Area, x.Kind, x.StartMonth, x.EndMonth, x.Capacity });
                });

            migrationBuilder.CreateTable(
                name: "CountFacts",
                columns: table => new
                {
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    Shape = table.Column<int>(type: "integer", nullable: false),
                    Theme = table.Column<int>(type: "integer", nullable: false),
                    Group = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<int>(type: "integer", nullable: false),
                    Area = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartMonth = table.Column<int>(type: "integer", nullable: false),
                    EndMonth = table.Column<int>(type: "integer", nullable: false),
                    Activities = table.Column<int>(type: "integer", nullable: false),
                    WithCapacity = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<long>(type: "bigint", nullable: false),
                    MinCapacity = table.Column<int>(type: "integer", nullable: true),
                    MaxCapacity = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountFacts", x => new { x.Scope, x.Shape, x.Theme, x.Group, x.Region, x.Area, x.Kind, x.StartMonth, x.EndMonth });
                });

            // Query.counts of activities gets facts of its own (ADR 0025), and a provider's kind is one of its keys: every
            // activity's kept state needs its counts, so the next catch-up rebuilds every fact table.
            CountFactDdl.CreateKindTriggerPostgres(migrationBuilder);
            migrationBuilder.Sql("UPDATE \"OfferingFactWindow\" SET \"Stale\" = TRUE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            CountFactDdl.DropKindTriggerPostgres(migrationBuilder);
            migrationBuilder.DropTable(
                name: "CountCapacities");

            migrationBuilder.DropTable(
                name: "CountFacts");
            migrationBuilder.Sql("UPDATE \"OfferingFactWindow\" SET \"Stale\" = TRUE;");
        }
    }
}
