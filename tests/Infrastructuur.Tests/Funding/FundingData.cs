using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Funding;

/// <summary>Builders for the records funding tests insert themselves: every name is unique, so tests never see each other's rows.</summary>
internal static class FundingData
{
    public static string Unique(string what) => $"{what} {Guid.NewGuid():N} (test)";

    public static string Id<T>(T entity)
        where T : Entity => GlobalId.Encode(typeof(T).Name, entity.Id);

    public static Organisation Organisation(OrganisationKind kind = OrganisationKind.Fund) => new() { Name = Unique(kind.ToString()), Kind = kind };

    public static async Task<Municipality> RotterdamAsync(InfrastructuurDb db) => await db.Municipalities.SingleAsync(m => m.CbsCode == "GM0599");

    public static Initiative Initiative(Municipality municipality) => new() { Name = Unique("Initiative"), Municipality = municipality, Status = InitiativeStatus.Active };

    public static Programme Programme(Municipality municipality, Organisation owner) => new()
    {
        Name = Unique("Programme"),
        StartsOn = new DateOnly(2025, 1, 1),
        EndsOn = new DateOnly(2027, 12, 31),
        Owner = owner,
        Municipality = municipality,
        Status = ProgrammeStatus.Active,
    };

    public static BudgetLine Line(Organisation funder, int year = 2025, string? iv3 = "6.1", long cents = 1_000_000_00) =>
        new() { Funder = funder, Year = year, Name = Unique("Line"), Iv3TaskField = iv3, Column = "Test column", AmountBudgetedCents = cents };

    /// <summary>An awarded grant (or, with <paramref name="status"/>, another one) to an initiative, organisation or programme.</summary>
    public static Grant Grant(Organisation funder, Entity recipient, long? awardedCents, DateOnly? awardDate, GrantStatus status = GrantStatus.Awarded, DateOnly? appliedOn = null) => new()
    {
        Identifier = Unique("360G-TEST"),
        Title = Unique("Grant"),
        Funder = funder,
        RecipientInitiative = recipient as Initiative,
        RecipientOrganisation = recipient as Organisation,
        RecipientProgramme = recipient as Programme,
        AmountAwardedCents = awardedCents,
        AwardDate = awardDate,
        AppliedOn = appliedOn,
        Status = status,
    };

    public static Disbursement Paid(long cents, BudgetLine? line = null, DateOnly? on = null) =>
        new() { AmountCents = cents, BudgetLineId = line?.Id, PaidOn = on ?? new DateOnly(2025, 6, 1) };

    public static GrantAllocation From(BudgetLine line, long cents) => new() { BudgetLine = line, AmountCents = cents };

    public static List<JsonNode> Nodes(this JsonNode? connection) => [.. connection!["nodes"]!.AsArray().Select(n => n!)];

    public static List<string> Strings(this IEnumerable<JsonNode> nodes, string field) => [.. nodes.Select(n => n[field]!.GetValue<string>())];

    public static decimal Money(this JsonNode? value) => value.Exact();
}
