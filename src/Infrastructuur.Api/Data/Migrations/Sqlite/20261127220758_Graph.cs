using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Graph : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Organisations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Initiatives",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProviderInitiativeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MinimumAge = table.Column<int>(type: "INTEGER", nullable: true),
                    MaximumAge = table.Column<int>(type: "INTEGER", nullable: true),
                    PreventionLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EvidenceRecognition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DeliverySetting = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartsOnKey = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    LastVerifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Cost_FeeCents = table.Column<long>(type: "INTEGER", nullable: true),
                    Cost_FeeDescription = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Cost_IsFree = table.Column<bool>(type: "INTEGER", nullable: true),
                    Location_HouseNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Location_Latitude = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: true),
                    Location_Longitude = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: true),
                    Location_Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Location_Postcode = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    Location_Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Schedule_EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Schedule_EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Schedule_Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Schedule_StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Schedule_StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Schedule_Weekday = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
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
                name: "BudgetLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FunderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Iv3TaskField = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Column = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AmountBudgetedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetLines", x => x.Id);
                    table.CheckConstraint("CK_BudgetLines_Amount", "\"AmountBudgetedCents\" >= 0");
                    table.CheckConstraint("CK_BudgetLines_Iv3TaskField", "\"Iv3TaskField\" IS NULL OR (length(\"Iv3TaskField\") IN (3, 4)\n    AND substr(\"Iv3TaskField\", 1, 1) BETWEEN '0' AND '9'\n    AND substr(\"Iv3TaskField\", 2, 1) = '.'\n    AND substr(\"Iv3TaskField\", 3, 1) BETWEEN '0' AND '9'\n    AND (length(\"Iv3TaskField\") = 3 OR substr(\"Iv3TaskField\", 4, 1) BETWEEN '0' AND '9'))");
                    table.ForeignKey(
                        name: "FK_BudgetLines_Organisations_FunderId",
                        column: x => x.FunderId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Coalitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coalitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Coalitions_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Collaborations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Formality = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Collaborations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Collaborations_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InitiativeTheme",
                columns: table => new
                {
                    InitiativesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                name: "NeighbourhoodCompanies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FoundedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeighbourhoodCompanies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeighbourhoodCompanies_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NetworkMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganiserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OutcomeNotes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkMeetings_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NetworkMeetings_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NetworkMeetings_Organisations_OrganiserId",
                        column: x => x.OrganiserId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Programmes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AuthorCoalitionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EndorsedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndorsementNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programmes", x => x.Id);
                    table.CheckConstraint("CK_Programmes_Period", "\"EndsOn\" >= \"StartsOn\"");
                    table.ForeignKey(
                        name: "FK_Programmes_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Programmes_Organisations_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Signals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObservedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NeighbourhoodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportedByOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportedByResident = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnderlyingThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Signals", x => x.Id);
                    table.CheckConstraint("CK_Signals_OneReporter", "(\"ReportedByOrganisationId\" IS NULL) = \"ReportedByResident\"");
                    table.ForeignKey(
                        name: "FK_Signals_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Signals_Neighbourhoods_NeighbourhoodId",
                        column: x => x.NeighbourhoodId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Signals_Organisations_ReportedByOrganisationId",
                        column: x => x.ReportedByOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Signals_TargetGroups_TargetGroupId",
                        column: x => x.TargetGroupId,
                        principalTable: "TargetGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Signals_Themes_UnderlyingThemeId",
                        column: x => x.UnderlyingThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActivityNeighbourhood",
                columns: table => new
                {
                    ActivitiesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NeighbourhoodsId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    PartnerActivitiesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnersId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    ActivitiesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetGroupsId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    ActivitiesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TargetGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NeighbourhoodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    CountingMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "CoalitionMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoalitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InitiativeId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoalitionMembers", x => x.Id);
                    table.CheckConstraint("CK_CoalitionMembers_OneParty", "(\"OrganisationId\" IS NULL) <> (\"InitiativeId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_CoalitionMembers_Coalitions_CoalitionId",
                        column: x => x.CoalitionId,
                        principalTable: "Coalitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoalitionMembers_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoalitionMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoalitionRecognitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoalitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoalitionRecognitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoalitionRecognitions_Coalitions_CoalitionId",
                        column: x => x.CoalitionId,
                        principalTable: "Coalitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CollaborationParties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CollaborationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InitiativeId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaborationParties", x => x.Id);
                    table.CheckConstraint("CK_CollaborationParties_OneParty", "(\"OrganisationId\" IS NULL) <> (\"InitiativeId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_CollaborationParties_Collaborations_CollaborationId",
                        column: x => x.CollaborationId,
                        principalTable: "Collaborations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollaborationParties_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CollaborationParties_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CollaborationTheme",
                columns: table => new
                {
                    CollaborationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaborationTheme", x => new { x.CollaborationId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_CollaborationTheme_Collaborations_CollaborationId",
                        column: x => x.CollaborationId,
                        principalTable: "Collaborations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollaborationTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reinvestments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfitCents = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountReinvestedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reinvestments", x => x.Id);
                    table.CheckConstraint("CK_Reinvestments_Amounts", "\"AmountReinvestedCents\" >= 0");
                    table.ForeignKey(
                        name: "FK_Reinvestments_NeighbourhoodCompanies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "NeighbourhoodCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShareClasses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NominalValueCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShareClasses", x => x.Id);
                    table.CheckConstraint("CK_ShareClasses_Nominal", "\"NominalValueCents\" > 0");
                    table.ForeignKey(
                        name: "FK_ShareClasses_NeighbourhoodCompanies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "NeighbourhoodCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InitiativeId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingParticipants", x => x.Id);
                    table.CheckConstraint("CK_MeetingParticipants_OneParty", "(\"OrganisationId\" IS NULL) <> (\"InitiativeId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_NetworkMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "NetworkMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NetworkMeetingCollaboration",
                columns: table => new
                {
                    CollaborationsStartedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkMeetingId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMeetingCollaboration", x => new { x.CollaborationsStartedId, x.NetworkMeetingId });
                    table.ForeignKey(
                        name: "FK_NetworkMeetingCollaboration_Collaborations_CollaborationsStartedId",
                        column: x => x.CollaborationsStartedId,
                        principalTable: "Collaborations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkMeetingCollaboration_NetworkMeetings_NetworkMeetingId",
                        column: x => x.NetworkMeetingId,
                        principalTable: "NetworkMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkMeetingTheme",
                columns: table => new
                {
                    NetworkMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMeetingTheme", x => new { x.NetworkMeetingId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_NetworkMeetingTheme_NetworkMeetings_NetworkMeetingId",
                        column: x => x.NetworkMeetingId,
                        principalTable: "NetworkMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkMeetingTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InitiativeCoordinators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InitiativeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InitiativeCoordinators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InitiativeCoordinators_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InitiativeCoordinators_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    FunderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientInitiativeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientProgrammeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountAppliedForCents = table.Column<long>(type: "INTEGER", nullable: true),
                    AmountAwardedCents = table.Column<long>(type: "INTEGER", nullable: true),
                    AppliedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AwardDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ListedOn = table.Column<DateOnly>(type: "TEXT", nullable: false, computedColumnSql: "COALESCE(\"AwardDate\", \"AppliedOn\")", stored: true),
                    PlannedStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlannedEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grants", x => x.Id);
                    table.CheckConstraint("CK_Grants_Amounts", "(\"AmountAppliedForCents\" IS NULL OR \"AmountAppliedForCents\" >= 0) AND (\"AmountAwardedCents\" IS NULL OR \"AmountAwardedCents\" >= 0)");
                    table.CheckConstraint("CK_Grants_AwardComplete", "\"Status\" NOT IN ('Awarded', 'Disbursed', 'Settled') OR (\"AmountAwardedCents\" IS NOT NULL AND \"AwardDate\" IS NOT NULL)");
                    table.CheckConstraint("CK_Grants_Dated", "\"AwardDate\" IS NOT NULL OR \"AppliedOn\" IS NOT NULL");
                    table.CheckConstraint("CK_Grants_OneRecipient", "(CASE WHEN \"RecipientInitiativeId\" IS NULL THEN 0 ELSE 1 END)\n+ (CASE WHEN \"RecipientOrganisationId\" IS NULL THEN 0 ELSE 1 END)\n+ (CASE WHEN \"RecipientProgrammeId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.ForeignKey(
                        name: "FK_Grants_Initiatives_RecipientInitiativeId",
                        column: x => x.RecipientInitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grants_Organisations_FunderId",
                        column: x => x.FunderId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grants_Organisations_RecipientOrganisationId",
                        column: x => x.RecipientOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grants_Programmes_RecipientProgrammeId",
                        column: x => x.RecipientProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeGoals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Baseline = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    BaselineYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Target = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    TargetYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeGoals_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeGoals_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeInitiative",
                columns: table => new
                {
                    InitiativesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeInitiative", x => new { x.InitiativesId, x.ProgrammesId });
                    table.ForeignKey(
                        name: "FK_ProgrammeInitiative_Initiatives_InitiativesId",
                        column: x => x.InitiativesId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeInitiative_Programmes_ProgrammesId",
                        column: x => x.ProgrammesId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeNeighbourhood",
                columns: table => new
                {
                    NeighbourhoodsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeNeighbourhood", x => new { x.NeighbourhoodsId, x.ProgrammeId });
                    table.ForeignKey(
                        name: "FK_ProgrammeNeighbourhood_Neighbourhoods_NeighbourhoodsId",
                        column: x => x.NeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeNeighbourhood_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeOrganisation",
                columns: table => new
                {
                    OrganisationsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeOrganisation", x => new { x.OrganisationsId, x.ProgrammesId });
                    table.ForeignKey(
                        name: "FK_ProgrammeOrganisation_Organisations_OrganisationsId",
                        column: x => x.OrganisationsId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeOrganisation_Programmes_ProgrammesId",
                        column: x => x.ProgrammesId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeTheme",
                columns: table => new
                {
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeTheme", x => new { x.ProgrammeId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_ProgrammeTheme_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkMeetingSignal",
                columns: table => new
                {
                    DiscussedAtId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignalsDiscussedId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMeetingSignal", x => new { x.DiscussedAtId, x.SignalsDiscussedId });
                    table.ForeignKey(
                        name: "FK_NetworkMeetingSignal_NetworkMeetings_DiscussedAtId",
                        column: x => x.DiscussedAtId,
                        principalTable: "NetworkMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkMeetingSignal_Signals_SignalsDiscussedId",
                        column: x => x.SignalsDiscussedId,
                        principalTable: "Signals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignalResponses",
                columns: table => new
                {
                    SignalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignalResponses", x => new { x.SignalId, x.ActivityId });
                    table.ForeignKey(
                        name: "FK_SignalResponses_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignalResponses_Signals_SignalId",
                        column: x => x.SignalId,
                        principalTable: "Signals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignalTheme",
                columns: table => new
                {
                    SignalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignalTheme", x => new { x.SignalId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_SignalTheme_Signals_SignalId",
                        column: x => x.SignalId,
                        principalTable: "Signals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignalTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReinvestmentAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReinvestmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InitiativeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NeighbourhoodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReinvestmentAllocations", x => x.Id);
                    table.CheckConstraint("CK_ReinvestmentAllocations_Amount", "\"AmountCents\" > 0");
                    table.CheckConstraint("CK_ReinvestmentAllocations_Target", "\"InitiativeId\" IS NOT NULL OR \"ThemeId\" IS NOT NULL OR \"NeighbourhoodId\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_ReinvestmentAllocations_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReinvestmentAllocations_Neighbourhoods_NeighbourhoodId",
                        column: x => x.NeighbourhoodId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReinvestmentAllocations_Reinvestments_ReinvestmentId",
                        column: x => x.ReinvestmentId,
                        principalTable: "Reinvestments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReinvestmentAllocations_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Shareholdings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShareClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HolderOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Shares = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shareholdings", x => x.Id);
                    table.CheckConstraint("CK_Shareholdings_OneHolder", "(\"HolderPersonId\" IS NULL) <> (\"HolderOrganisationId\" IS NULL)");
                    table.CheckConstraint("CK_Shareholdings_Period", "\"Until\" IS NULL OR \"Until\" >= \"From\"");
                    table.CheckConstraint("CK_Shareholdings_Shares", "\"Shares\" > 0");
                    table.ForeignKey(
                        name: "FK_Shareholdings_Organisations_HolderOrganisationId",
                        column: x => x.HolderOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Shareholdings_People_HolderPersonId",
                        column: x => x.HolderPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Shareholdings_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetLineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantAllocations", x => x.Id);
                    table.UniqueConstraint("AK_GrantAllocations_GrantId_BudgetLineId", x => new { x.GrantId, x.BudgetLineId });
                    table.CheckConstraint("CK_GrantAllocations_Amount", "\"AmountCents\" > 0");
                    table.ForeignKey(
                        name: "FK_GrantAllocations_BudgetLines_BudgetLineId",
                        column: x => x.BudgetLineId,
                        principalTable: "BudgetLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrantAllocations_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantNeighbourhood",
                columns: table => new
                {
                    BeneficiaryNeighbourhoodsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantNeighbourhood", x => new { x.BeneficiaryNeighbourhoodsId, x.GrantId });
                    table.ForeignKey(
                        name: "FK_GrantNeighbourhood_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GrantNeighbourhood_Neighbourhoods_BeneficiaryNeighbourhoodsId",
                        column: x => x.BeneficiaryNeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantTheme",
                columns: table => new
                {
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantTheme", x => new { x.GrantId, x.ThemesId });
                    table.ForeignKey(
                        name: "FK_GrantTheme_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GrantTheme_Themes_ThemesId",
                        column: x => x.ThemesId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoalMeasurements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasuredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoalMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoalMeasurements_ProgrammeGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "ProgrammeGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Disbursements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetLineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsDemoData = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disbursements", x => x.Id);
                    table.CheckConstraint("CK_Disbursements_Amount", "\"AmountCents\" > 0");
                    table.ForeignKey(
                        name: "FK_Disbursements_GrantAllocations_GrantId_BudgetLineId",
                        columns: x => new { x.GrantId, x.BudgetLineId },
                        principalTable: "GrantAllocations",
                        principalColumns: new[] { "GrantId", "BudgetLineId" });
                    table.ForeignKey(
                        name: "FK_Disbursements_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_BudgetLines_FunderId_Year_Name",
                table: "BudgetLines",
                columns: new[] { "FunderId", "Year", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLines_NameKey_Id",
                table: "BudgetLines",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLines_Year_Iv3TaskField",
                table: "BudgetLines",
                columns: new[] { "Year", "Iv3TaskField" });

            migrationBuilder.CreateIndex(
                name: "IX_CoalitionMembers_CoalitionId_InitiativeId",
                table: "CoalitionMembers",
                columns: new[] { "CoalitionId", "InitiativeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoalitionMembers_CoalitionId_JoinedOn_Id",
                table: "CoalitionMembers",
                columns: new[] { "CoalitionId", "JoinedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CoalitionMembers_CoalitionId_OrganisationId",
                table: "CoalitionMembers",
                columns: new[] { "CoalitionId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoalitionMembers_InitiativeId",
                table: "CoalitionMembers",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_CoalitionMembers_OrganisationId",
                table: "CoalitionMembers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CoalitionRecognitions_CoalitionId",
                table: "CoalitionRecognitions",
                column: "CoalitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Coalitions_MunicipalityId_NameKey",
                table: "Coalitions",
                columns: new[] { "MunicipalityId", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Coalitions_NameKey_Id",
                table: "Coalitions",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationParties_CollaborationId_InitiativeId",
                table: "CollaborationParties",
                columns: new[] { "CollaborationId", "InitiativeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationParties_CollaborationId_OrganisationId",
                table: "CollaborationParties",
                columns: new[] { "CollaborationId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationParties_InitiativeId",
                table: "CollaborationParties",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationParties_OrganisationId",
                table: "CollaborationParties",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Collaborations_MunicipalityId_StartsOn",
                table: "Collaborations",
                columns: new[] { "MunicipalityId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Collaborations_StartsOn_Id",
                table: "Collaborations",
                columns: new[] { "StartsOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationTheme_ThemesId",
                table: "CollaborationTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_GrantId_BudgetLineId",
                table: "Disbursements",
                columns: new[] { "GrantId", "BudgetLineId" });

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_GrantId_PaidOn",
                table: "Disbursements",
                columns: new[] { "GrantId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_GoalMeasurements_GoalId_MeasuredOn_Id",
                table: "GoalMeasurements",
                columns: new[] { "GoalId", "MeasuredOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantAllocations_BudgetLineId_AmountCents",
                table: "GrantAllocations",
                columns: new[] { "BudgetLineId", "AmountCents" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantNeighbourhood_GrantId",
                table: "GrantNeighbourhood",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_FunderId_ListedOn",
                table: "Grants",
                columns: new[] { "FunderId", "ListedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_Identifier",
                table: "Grants",
                column: "Identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Grants_ListedOn_Id",
                table: "Grants",
                columns: new[] { "ListedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_RecipientInitiativeId_ListedOn",
                table: "Grants",
                columns: new[] { "RecipientInitiativeId", "ListedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_RecipientOrganisationId_ListedOn",
                table: "Grants",
                columns: new[] { "RecipientOrganisationId", "ListedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_RecipientProgrammeId_ListedOn",
                table: "Grants",
                columns: new[] { "RecipientProgrammeId", "ListedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantTheme_ThemesId",
                table: "GrantTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeCoordinators_InitiativeId_PersonId",
                table: "InitiativeCoordinators",
                columns: new[] { "InitiativeId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeCoordinators_PersonId",
                table: "InitiativeCoordinators",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeTheme_ThemesId",
                table: "InitiativeTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_InitiativeId",
                table: "MeetingParticipants",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_MeetingId_InitiativeId",
                table: "MeetingParticipants",
                columns: new[] { "MeetingId", "InitiativeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_MeetingId_OrganisationId",
                table: "MeetingParticipants",
                columns: new[] { "MeetingId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_OrganisationId",
                table: "MeetingParticipants",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_NeighbourhoodCompanies_OrganisationId",
                table: "NeighbourhoodCompanies",
                column: "OrganisationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetingCollaboration_NetworkMeetingId",
                table: "NetworkMeetingCollaboration",
                column: "NetworkMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetings_AreaId_Date",
                table: "NetworkMeetings",
                columns: new[] { "AreaId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetings_Date_Id",
                table: "NetworkMeetings",
                columns: new[] { "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetings_MunicipalityId_Date",
                table: "NetworkMeetings",
                columns: new[] { "MunicipalityId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetings_OrganiserId",
                table: "NetworkMeetings",
                column: "OrganiserId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetingSignal_SignalsDiscussedId",
                table: "NetworkMeetingSignal",
                column: "SignalsDiscussedId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMeetingTheme_ThemesId",
                table: "NetworkMeetingTheme",
                column: "ThemesId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeGoals_ProgrammeId_Position",
                table: "ProgrammeGoals",
                columns: new[] { "ProgrammeId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeGoals_ThemeId",
                table: "ProgrammeGoals",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeInitiative_ProgrammesId",
                table: "ProgrammeInitiative",
                column: "ProgrammesId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeNeighbourhood_ProgrammeId",
                table: "ProgrammeNeighbourhood",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeOrganisation_ProgrammesId",
                table: "ProgrammeOrganisation",
                column: "ProgrammesId");

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_MunicipalityId_Status",
                table: "Programmes",
                columns: new[] { "MunicipalityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_NameKey_Id",
                table: "Programmes",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_OwnerId",
                table: "Programmes",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeTheme_ThemesId",
                table: "ProgrammeTheme",
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

            migrationBuilder.CreateIndex(
                name: "IX_ReinvestmentAllocations_InitiativeId",
                table: "ReinvestmentAllocations",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_ReinvestmentAllocations_NeighbourhoodId",
                table: "ReinvestmentAllocations",
                column: "NeighbourhoodId");

            migrationBuilder.CreateIndex(
                name: "IX_ReinvestmentAllocations_ReinvestmentId",
                table: "ReinvestmentAllocations",
                column: "ReinvestmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ReinvestmentAllocations_ThemeId",
                table: "ReinvestmentAllocations",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Reinvestments_CompanyId_Year",
                table: "Reinvestments",
                columns: new[] { "CompanyId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShareClasses_CompanyId_Name",
                table: "ShareClasses",
                columns: new[] { "CompanyId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Shareholdings_HolderOrganisationId",
                table: "Shareholdings",
                column: "HolderOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Shareholdings_HolderPersonId",
                table: "Shareholdings",
                column: "HolderPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Shareholdings_ShareClassId_From",
                table: "Shareholdings",
                columns: new[] { "ShareClassId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_SignalResponses_ActivityId",
                table: "SignalResponses",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_Signals_MunicipalityId_ObservedOn",
                table: "Signals",
                columns: new[] { "MunicipalityId", "ObservedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Signals_NeighbourhoodId_ObservedOn",
                table: "Signals",
                columns: new[] { "NeighbourhoodId", "ObservedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Signals_ObservedOn_Id",
                table: "Signals",
                columns: new[] { "ObservedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signals_ReportedByOrganisationId",
                table: "Signals",
                column: "ReportedByOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Signals_TargetGroupId",
                table: "Signals",
                column: "TargetGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Signals_UnderlyingThemeId",
                table: "Signals",
                column: "UnderlyingThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_SignalTheme_ThemesId",
                table: "SignalTheme",
                column: "ThemesId");
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
                name: "CoalitionMembers");

            migrationBuilder.DropTable(
                name: "CoalitionRecognitions");

            migrationBuilder.DropTable(
                name: "CollaborationParties");

            migrationBuilder.DropTable(
                name: "CollaborationTheme");

            migrationBuilder.DropTable(
                name: "Disbursements");

            migrationBuilder.DropTable(
                name: "GoalMeasurements");

            migrationBuilder.DropTable(
                name: "GrantNeighbourhood");

            migrationBuilder.DropTable(
                name: "GrantTheme");

            migrationBuilder.DropTable(
                name: "InitiativeCoordinators");

            migrationBuilder.DropTable(
                name: "InitiativeTheme");

            migrationBuilder.DropTable(
                name: "MeetingParticipants");

            migrationBuilder.DropTable(
                name: "NetworkMeetingCollaboration");

            migrationBuilder.DropTable(
                name: "NetworkMeetingSignal");

            migrationBuilder.DropTable(
                name: "NetworkMeetingTheme");

            migrationBuilder.DropTable(
                name: "ProgrammeInitiative");

            migrationBuilder.DropTable(
                name: "ProgrammeNeighbourhood");

            migrationBuilder.DropTable(
                name: "ProgrammeOrganisation");

            migrationBuilder.DropTable(
                name: "ProgrammeTheme");

            migrationBuilder.DropTable(
                name: "ReachRecords");

            migrationBuilder.DropTable(
                name: "ReinvestmentAllocations");

            migrationBuilder.DropTable(
                name: "Shareholdings");

            migrationBuilder.DropTable(
                name: "SignalResponses");

            migrationBuilder.DropTable(
                name: "SignalTheme");

            migrationBuilder.DropTable(
                name: "Coalitions");

            migrationBuilder.DropTable(
                name: "GrantAllocations");

            migrationBuilder.DropTable(
                name: "ProgrammeGoals");

            migrationBuilder.DropTable(
                name: "Collaborations");

            migrationBuilder.DropTable(
                name: "NetworkMeetings");

            migrationBuilder.DropTable(
                name: "Reinvestments");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "ShareClasses");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "Signals");

            migrationBuilder.DropTable(
                name: "BudgetLines");

            migrationBuilder.DropTable(
                name: "Grants");

            migrationBuilder.DropTable(
                name: "NeighbourhoodCompanies");

            migrationBuilder.DropTable(
                name: "Programmes");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Initiatives");
        }
    }
}
