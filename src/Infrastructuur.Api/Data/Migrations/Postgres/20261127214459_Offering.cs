using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Offering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Organisations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Initiatives",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProviderInitiativeId = table.Column<Guid>(type: "uuid", nullable: true),
                    MinimumAge = table.Column<int>(type: "integer", nullable: true),
                    MaximumAge = table.Column<int>(type: "integer", nullable: true),
                    PreventionLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EvidenceRecognition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DeliverySetting = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    StartsOnKey = table.Column<DateOnly>(type: "date", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    Languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    LastVerifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Cost_FeeCents = table.Column<long>(type: "bigint", nullable: true),
                    Cost_FeeDescription = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Cost_IsFree = table.Column<bool>(type: "boolean", nullable: true),
                    Location_HouseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Location_Latitude = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    Location_Longitude = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    Location_Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Location_Postcode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    Location_Street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Schedule_EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Schedule_EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Schedule_Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Schedule_StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Schedule_StartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Schedule_Weekday = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.CheckConstraint("CK_Activities_Ages", "(\"MinimumAge\" IS NULL OR \"MinimumAge\" >= 0) AND (\"MaximumAge\" IS NULL OR \"MaximumAge\" >= COALESCE(\"MinimumAge\", 0))");
                    table.CheckConstraint("CK_Activities_OneProvider", "(\"ProviderOrganisationId\" IS NULL) <> (\"ProviderInitiativeId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Activities_Initiatives_ProviderInitiativeId",
                        column: x => x.ProviderInitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Organisations_ProviderOrganisationId",
                        column: x => x.ProviderOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InitiativeTheme",
                columns: table => new
                {
                    InitiativesId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemesId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InitiativeTheme", x => new { x.InitiativesId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_InitiativeTheme_Initiatives_InitiativesId",
                        column: x => x.InitiativesId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InitiativeTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivityNeighbourhood",
                columns: table => new
                {
                    ActivitiesId = table.Column<Guid>(type: "uuid", nullable: false),
                    NeighbourhoodsId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityNeighbourhood", x => new { x.ActivitiesId, x.NeighbourhoodsId });
                    table.ForeignKey(
                        name: "FK_ActivityNeighbourhood_Activities_ActivitiesId",
                        column: x => x.ActivitiesId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityNeighbourhood_Neighbourhoods_NeighbourhoodsId",
                        column: x => x.NeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivityPartner",
                columns: table => new
                {
                    PartnerActivitiesId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnersId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityPartner", x => new { x.PartnerActivitiesId, x.PartnersId });
                    table.ForeignKey(
                        name: "FK_ActivityPartner_Activities_PartnerActivitiesId",
                        column: x => x.PartnerActivitiesId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityPartner_Organisations_PartnersId",
                        column: x => x.PartnersId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivityTargetGroup",
                columns: table => new
                {
                    ActivitiesId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetGroupsId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityTargetGroup", x => new { x.ActivitiesId, x.TargetGroupsId });
                    table.ForeignKey(
                        name: "FK_ActivityTargetGroup_Activities_ActivitiesId",
                        column: x => x.ActivitiesId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityTargetGroup_TargetGroups_TargetGroupsId",
                        column: x => x.TargetGroupsId,
                        principalTable: "TargetGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivityTheme",
                columns: table => new
                {
                    ActivitiesId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemesId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityTheme", x => new { x.ActivitiesId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_ActivityTheme_Activities_ActivitiesId",
                        column: x => x.ActivitiesId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReachRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    TargetGroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    NeighbourhoodId = table.Column<Guid>(type: "uuid", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    CountingMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReachRecords", x => x.Id);
                    table.CheckConstraint("CK_ReachRecords_Count", "\"Count\" >= 0");
                    table.CheckConstraint("CK_ReachRecords_Period", "\"PeriodEnd\" >= \"PeriodStart\"");
                    table.ForeignKey(
                        name: "FK_ReachRecords_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReachRecords_Neighbourhoods_NeighbourhoodId",
                        column: x => x.NeighbourhoodId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReachRecords_TargetGroups_TargetGroupId",
                        column: x => x.TargetGroupId,
                        principalTable: "TargetGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ModifiedAt_Id",
                table: "Activities",
                columns: new[] { "ModifiedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_MunicipalityId_Status",
                table: "Activities",
                columns: new[] { "MunicipalityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_NameKey_Id",
                table: "Activities",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ProviderInitiativeId",
                table: "Activities",
                column: "ProviderInitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ProviderOrganisationId",
                table: "Activities",
                column: "ProviderOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StartsOnKey_Id",
                table: "Activities",
                columns: new[] { "StartsOnKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityNeighbourhood_NeighbourhoodsId",
                table: "ActivityNeighbourhood",
                column: "NeighbourhoodsId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityPartner_PartnersId",
                table: "ActivityPartner",
                column: "PartnersId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTargetGroup_TargetGroupsId",
                table: "ActivityTargetGroup",
                column: "TargetGroupsId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTheme_ThemesId",
                table: "ActivityTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeTheme_ThemesId",
                table: "InitiativeTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_ReachRecords_ActivityId_PeriodStart_Id",
                table: "ReachRecords",
                columns: new[] { "ActivityId", "PeriodStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReachRecords_NeighbourhoodId",
                table: "ReachRecords",
                column: "NeighbourhoodId");

            migrationBuilder.CreateIndex(
                name: "IX_ReachRecords_TargetGroupId",
                table: "ReachRecords",
                column: "TargetGroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityNeighbourhood");

            migrationBuilder.DropTable(
                name: "ActivityPartner");

            migrationBuilder.DropTable(
                name: "ActivityTargetGroup");

            migrationBuilder.DropTable(
                name: "ActivityTheme");

            migrationBuilder.DropTable(
                name: "InitiativeTheme");

            migrationBuilder.DropTable(
                name: "ReachRecords");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Initiatives");
        }
    }
}
