using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// Demo sign-ins, one per role with a scope (the README shows a session for each; the role itself always comes from the
/// token): the coordinator of Eettafel Middelland, a Nissewaard official, a staff member of Welzijn Nissewaard and an
/// administrator. Plus what only some of them may see: a draft activity and a grant application in Nissewaard.
/// All names, addresses and numbers are invented.
/// </summary>
public static class DemoAccess
{
    public const string CoordinatorSubject = "demo-coordinator";
    public const string OfficialSubject = "demo-official";
    public const string PartnerSubject = "demo-partner";
    public const string AdminSubject = "demo-admin";

    public const string PartnerOrganisation = "Welzijn Nissewaard (demo)";
    public const string DraftActivityTitle = "Budgetcursus voor jonge ouders (concept, demo)";
    public const string ApplicationIdentifier = "360G-INFRA-demo-0012";

    public static async Task SeedAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var nissewaard = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM1930", cancellationToken);
        var welzijn = await db.Organisations.SingleAsync(o => o.Name == PartnerOrganisation, cancellationToken);
        var gemeente = await db.Organisations.SingleAsync(o => o.Name == "Gemeente Nissewaard", cancellationToken);
        var waterland = await db.Neighbourhoods.SingleAsync(n => n.Name == "Waterland" && n.MunicipalityId == nissewaard.Id, cancellationToken);
        var poverty = await db.Themes.SingleAsync(t => t.Code == DemoTaxonomy.DebtPoverty, cancellationToken);

        // The Eettafel coordinator already exists (DemoNetwork); give them a sign-in and a phone number.
        var coordinator = await db.People.SingleAsync(p => p.DisplayName == "Coördinator Eettafel (demo)", cancellationToken);
        coordinator.Subject = CoordinatorSubject;
        coordinator.Phone = "+31 6 00000001";

        var official = Person("Beleidsmedewerker Nissewaard (demo)", OfficialSubject, "beleid.nissewaard", "+31 6 00000002");
        var partner = Person("Medewerker Welzijn Nissewaard (demo)", PartnerSubject, "medewerker.welzijn", "+31 6 00000003");
        var admin = Person("Beheerder (demo)", AdminSubject, "beheer", "+31 6 00000004");
        db.AddRange(official, partner, admin);
        db.Add(new OfficialAssignment { Person = official, MunicipalityId = nissewaard.Id, IsDemoData = true });
        db.Add(new Employment { Person = partner, OrganisationId = welzijn.Id, IsDemoData = true });

        db.Add(new Activity
        {
            Name = DraftActivityTitle,
            Description = "Being prepared: a course on household budgets for young parents. A draft, so only Welzijn Nissewaard, Nissewaard's officials and administrators see it (demo).",
            Status = ActivityStatus.Draft,
            MunicipalityId = nissewaard.Id,
            ProviderOrganisationId = welzijn.Id,
            Themes = [poverty],
            Neighbourhoods = [waterland],
            Schedule = ActivitySchedule.Period(new DateOnly(2027, 1, 11), new DateOnly(2027, 3, 29)),
            Languages = ["nl"],
            IsDemoData = true,
        });
        db.Add(new Grant
        {
            Identifier = ApplicationIdentifier,
            Title = "Budgetcursus voor jonge ouders (demo)",
            Description = "An application not yet decided: only the applicant, the funder and Nissewaard's officials see it (demo).",
            FunderId = gemeente.Id,
            RecipientOrganisationId = welzijn.Id,
            AmountAppliedForCents = 6_400_00,
            AppliedOn = new DateOnly(2026, 10, 15),
            Status = GrantStatus.Applied,
            Themes = [poverty],
            BeneficiaryNeighbourhoods = [waterland],
            IsDemoData = true,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Person Person(string displayName, string subject, string mailbox, string phone) => new()
    {
        DisplayName = displayName,
        FullName = $"Fictieve {displayName}",
        Email = $"{mailbox}@example.invalid",
        Phone = phone,
        Subject = subject,
        IsDemoData = true,
    };
}
