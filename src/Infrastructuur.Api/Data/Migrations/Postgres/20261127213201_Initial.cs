using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Municipalities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    CbsCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Municipalities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Website = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisations_Organisations_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Areas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Areas_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Neighbourhoods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LocalLabel = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CbsCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    CbsCodeYear = table.Column<int>(type: "integer", nullable: true),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Neighbourhoods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Neighbourhoods_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Neighbourhoods_Neighbourhoods_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Initiatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    HostOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Initiatives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Initiatives_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Initiatives_Organisations_HostOrganisationId",
                        column: x => x.HostOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationIdentifiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Scheme = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationIdentifiers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AreaNeighbourhood",
                columns: table => new
                {
                    AreasId = table.Column<Guid>(type: "uuid", nullable: false),
                    NeighbourhoodsId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AreaNeighbourhood", x => new { x.AreasId, x.NeighbourhoodsId });
                    table.ForeignKey(
                        name: "FK_AreaNeighbourhood_Areas_AreasId",
                        column: x => x.AreasId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AreaNeighbourhood_Neighbourhoods_NeighbourhoodsId",
                        column: x => x.NeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationNeighbourhood",
                columns: table => new
                {
                    NeighbourhoodsId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationsId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationNeighbourhood", x => new { x.NeighbourhoodsId, x.OrganisationsId });
                    table.ForeignKey(
                        name: "FK_OrganisationNeighbourhood_Neighbourhoods_NeighbourhoodsId",
                        column: x => x.NeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationNeighbourhood_Organisations_OrganisationsId",
                        column: x => x.OrganisationsId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InitiativeNeighbourhood",
                columns: table => new
                {
                    InitiativesId = table.Column<Guid>(type: "uuid", nullable: false),
                    NeighbourhoodsId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InitiativeNeighbourhood", x => new { x.InitiativesId, x.NeighbourhoodsId });
                    table.ForeignKey(
                        name: "FK_InitiativeNeighbourhood_Initiatives_InitiativesId",
                        column: x => x.InitiativesId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InitiativeNeighbourhood_Neighbourhoods_NeighbourhoodsId",
                        column: x => x.NeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AreaNeighbourhood_NeighbourhoodsId",
                table: "AreaNeighbourhood",
                column: "NeighbourhoodsId");

            migrationBuilder.CreateIndex(
                name: "IX_Areas_MunicipalityId_NameKey_Id",
                table: "Areas",
                columns: new[] { "MunicipalityId", "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeNeighbourhood_NeighbourhoodsId",
                table: "InitiativeNeighbourhood",
                column: "NeighbourhoodsId");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_HostOrganisationId",
                table: "Initiatives",
                column: "HostOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_MunicipalityId_Status",
                table: "Initiatives",
                columns: new[] { "MunicipalityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_NameKey_Id",
                table: "Initiatives",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Municipalities_CbsCode",
                table: "Municipalities",
                column: "CbsCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Municipalities_NameKey_Id",
                table: "Municipalities",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Neighbourhoods_CbsCode_CbsCodeYear",
                table: "Neighbourhoods",
                columns: new[] { "CbsCode", "CbsCodeYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Neighbourhoods_MunicipalityId_NameKey_Id",
                table: "Neighbourhoods",
                columns: new[] { "MunicipalityId", "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Neighbourhoods_ParentId",
                table: "Neighbourhoods",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationIdentifiers_OrganisationId",
                table: "OrganisationIdentifiers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationIdentifiers_Scheme_Value",
                table: "OrganisationIdentifiers",
                columns: new[] { "Scheme", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationNeighbourhood_OrganisationsId",
                table: "OrganisationNeighbourhood",
                column: "OrganisationsId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_NameKey_Id",
                table: "Organisations",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_ParentId",
                table: "Organisations",
                column: "ParentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AreaNeighbourhood");

            migrationBuilder.DropTable(
                name: "InitiativeNeighbourhood");

            migrationBuilder.DropTable(
                name: "OrganisationIdentifiers");

            migrationBuilder.DropTable(
                name: "OrganisationNeighbourhood");

            migrationBuilder.DropTable(
                name: "Areas");

            migrationBuilder.DropTable(
                name: "Initiatives");

            migrationBuilder.DropTable(
                name: "Neighbourhoods");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropTable(
                name: "Municipalities");
        }
    }
}
