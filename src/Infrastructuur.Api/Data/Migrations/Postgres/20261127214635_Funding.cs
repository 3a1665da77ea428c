using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Infrastructuur.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Funding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FunderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Iv3TaskField = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Column = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AmountBudgetedCents = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "NeighbourhoodCompanies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FoundedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "Programmes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AuthorCoalitionId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EndorsedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndorsementNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "Reinvestments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ProfitCents = table.Column<long>(type: "bigint", nullable: false),
                    AmountReinvestedCents = table.Column<long>(type: "bigint", nullable: false),
                    DecidedAt = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NominalValueCents = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "Grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Identifier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    FunderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientInitiativeId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientProgrammeId = table.Column<Guid>(type: "uuid", nullable: true),
                    AmountAppliedForCents = table.Column<long>(type: "bigint", nullable: true),
                    AmountAwardedCents = table.Column<long>(type: "bigint", nullable: true),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AwardDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ListedOn = table.Column<DateOnly>(type: "date", nullable: false, computedColumnSql: "COALESCE(\"AwardDate\", \"AppliedOn\")", stored: true),
                    PlannedStartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PlannedEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Indicator = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Baseline = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    BaselineYear = table.Column<int>(type: "integer", nullable: true),
                    Target = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    TargetYear = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    InitiativesId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammesId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    NeighbourhoodsId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    OrganisationsId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammesId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemesId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "ReinvestmentAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReinvestmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    InitiativeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    NeighbourhoodId = table.Column<Guid>(type: "uuid", nullable: true),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShareClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    HolderOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Shares = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetLineId = table.Column<Guid>(type: "uuid", nullable: false),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    BeneficiaryNeighbourhoodsId = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false)
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
                        name: "FK_GrantNeighbourhood_Neighbourhoods_BeneficiaryNeighbourhoods~",
                        column: x => x.BeneficiaryNeighbourhoodsId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantTheme",
                columns: table => new
                {
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemesId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasuredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    BudgetLineId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemoData = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "IX_NeighbourhoodCompanies_OrganisationId",
                table: "NeighbourhoodCompanies",
                column: "OrganisationId",
                unique: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Disbursements");

            migrationBuilder.DropTable(
                name: "GoalMeasurements");

            migrationBuilder.DropTable(
                name: "GrantNeighbourhood");

            migrationBuilder.DropTable(
                name: "GrantTheme");

            migrationBuilder.DropTable(
                name: "ProgrammeInitiative");

            migrationBuilder.DropTable(
                name: "ProgrammeNeighbourhood");

            migrationBuilder.DropTable(
                name: "ProgrammeOrganisation");

            migrationBuilder.DropTable(
                name: "ProgrammeTheme");

            migrationBuilder.DropTable(
                name: "ReinvestmentAllocations");

            migrationBuilder.DropTable(
                name: "Shareholdings");

            migrationBuilder.DropTable(
                name: "GrantAllocations");

            migrationBuilder.DropTable(
                name: "ProgrammeGoals");

            migrationBuilder.DropTable(
                name: "Reinvestments");

            migrationBuilder.DropTable(
                name: "ShareClasses");

            migrationBuilder.DropTable(
                name: "BudgetLines");

            migrationBuilder.DropTable(
                name: "Grants");

            migrationBuilder.DropTable(
                name: "NeighbourhoodCompanies");

            migrationBuilder.DropTable(
                name: "Programmes");
        }
    }
}
