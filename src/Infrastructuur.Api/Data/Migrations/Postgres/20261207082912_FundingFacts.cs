using System;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundingFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundingDirtyGrants",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingDirtyGrants", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "FundingFacts",
                columns: table => new
                {
                    Municipality = table.Column<int>(type: "integer", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<int>(type: "integer", nullable: false),
                    Key2 = table.Column<int>(type: "integer", nullable: false),
                    Key3 = table.Column<int>(type: "integer", nullable: false),
                    Awarded = table.Column<long>(type: "bigint", nullable: false),
                    Disbursed = table.Column<long>(type: "bigint", nullable: false),
                    Grants = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingFacts", x => new { x.Municipality, x.Dimension, x.Year, x.Key, x.Key2, x.Key3 });
                });

            migrationBuilder.CreateTable(
                name: "FundingGrantStates",
                columns: table => new
                {
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingGrantStates", x => x.GrantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundingDirtyGrants_GrantId",
                table: "FundingDirtyGrants",
                column: "GrantId");

            // The keeper builds the facts on the first catch-up after this (no window row yet).
            FundingFactTriggers.CreatePostgres(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            FundingFactTriggers.DropPostgres(migrationBuilder);
            migrationBuilder.Sql("DELETE FROM \"OfferingFactWindow\" WHERE \"Id\" = 2;");

            migrationBuilder.DropTable(
                name: "FundingDirtyGrants");

            migrationBuilder.DropTable(
                name: "FundingFacts");

            migrationBuilder.DropTable(
                name: "FundingGrantStates");
        }
    }
}
