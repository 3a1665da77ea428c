using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Network : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_InitiativeCoordinators_InitiativeId_PersonId",
                table: "InitiativeCoordinators",
                columns: new[] { "InitiativeId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeCoordinators_PersonId",
                table: "InitiativeCoordinators",
                column: "PersonId");

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
                name: "CoalitionMembers");

            migrationBuilder.DropTable(
                name: "CoalitionRecognitions");

            migrationBuilder.DropTable(
                name: "CollaborationParties");

            migrationBuilder.DropTable(
                name: "CollaborationTheme");

            migrationBuilder.DropTable(
                name: "InitiativeCoordinators");

            migrationBuilder.DropTable(
                name: "MeetingParticipants");

            migrationBuilder.DropTable(
                name: "NetworkMeetingCollaboration");

            migrationBuilder.DropTable(
                name: "NetworkMeetingSignal");

            migrationBuilder.DropTable(
                name: "NetworkMeetingTheme");

            migrationBuilder.DropTable(
                name: "SignalResponses");

            migrationBuilder.DropTable(
                name: "SignalTheme");

            migrationBuilder.DropTable(
                name: "Coalitions");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Collaborations");

            migrationBuilder.DropTable(
                name: "NetworkMeetings");

            migrationBuilder.DropTable(
                name: "Signals");
        }
    }
}
