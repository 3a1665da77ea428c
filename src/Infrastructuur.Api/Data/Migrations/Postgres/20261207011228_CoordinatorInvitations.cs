using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoordinatorInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AcceptedAt",
                table: "InitiativeCoordinators",
                type: "timestamp with time zone",
                nullable: true);

            // Links that existed before invitations were in force: they stay accepted, as of when they were made.
            migrationBuilder.Sql("UPDATE \"InitiativeCoordinators\" SET \"AcceptedAt\" = \"CreatedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "InitiativeCoordinators");
        }
    }
}
