using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// Demo programmes and money: Middelland's five-year programme, Rotterdam's and Nissewaard's budget lines per Iv3 task
/// field, a fund, grants (one drawing on three columns), and the Middelland neighbourhood company. Amounts are invented;
/// every record is flagged IsDemoData. Amounts are in cents.
/// </summary>
public static class DemoFunding
{
    public const string ProgrammeName = "Mooi Mooier Middelland (demo)";
    public const string FundName = "Fonds Wijkkracht (demo)";
    public const string WijkBvName = "Wijk-BV Middelland (demo)";

    /// <summary>The programme's 2025 grant from Gemeente Rotterdam, drawing on three budget lines.</summary>
    public const string ProgrammeGrantIdentifier = "360G-INFRA-demo-0001";

    private static readonly DateOnly Founded = new(2025, 9, 1);

    public static async Task SeedAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var rotterdam = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM0599", cancellationToken);
        var middelland = await db.Neighbourhoods.SingleAsync(n => n.CbsCode == DemoData.MiddellandCode, cancellationToken);
        var delfshaven = await db.Neighbourhoods.SingleAsync(n => n.CbsCode == DemoData.DelfshavenCode, cancellationToken);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, cancellationToken);
        var initiatives = await db.Initiatives.ToDictionaryAsync(i => i.Name, cancellationToken);
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code, cancellationToken);
        var nissewaardPlaces = await db.Neighbourhoods.Where(n => n.Municipality!.CbsCode == "GM1930").ToDictionaryAsync(n => n.Name, cancellationToken);

        var gemeenteRotterdam = organisations["Gemeente Rotterdam"];
        var gemeenteNissewaard = organisations["Gemeente Nissewaard"];
        var huisVanDeWijk = organisations["Stichting Huis van de Wijk Middelland (demo)"];
        var teamToekomst = organisations["Team Toekomst (demo)"];
        var wijkBv = organisations[WijkBvName];
        var fund = new Organisation { Name = FundName, Kind = OrganisationKind.Fund, Description = "A fund for resident initiatives in Rotterdam-West (demo).", Neighbourhoods = [delfshaven], IsDemoData = true };

        var programme = Programme(rotterdam, middelland, huisVanDeWijk, teamToekomst, wijkBv, initiatives, themes);

        // Rotterdam books per Iv3 task field; the columns are what the programme "fits poorly within".
        (string Iv3, string Column, long Cents2025, long Cents2026)[] rotterdamColumns =
        [
            ("6.1", "Samenkracht en burgerparticipatie", 240_000_00, 255_000_00),
            ("6.2", "Wijkteams", 120_000_00, 127_500_00),
            ("7.1", "Volksgezondheid", 120_000_00, 127_500_00),
            ("4.3", "Onderwijsbeleid en leerlingzaken", 120_000_00, 127_500_00),
        ];
        var lines = new Dictionary<(string Iv3, int Year), BudgetLine>();
        foreach (var (iv3, column, cents2025, cents2026) in rotterdamColumns)
        {
            lines[(iv3, 2025)] = Line(gemeenteRotterdam, 2025, $"{column} Delfshaven 2025 (demo)", iv3, column, cents2025);
            lines[(iv3, 2026)] = Line(gemeenteRotterdam, 2026, $"{column} Delfshaven 2026 (demo)", iv3, column, cents2026);
        }

        var fundLine = Line(fund, 2025, "Wijkkracht Rotterdam-West 2025 (demo)", null, "Bewonersinitiatieven", 75_000_00);
        var nissewaardSamenkracht = Line(gemeenteNissewaard, 2025, "Samenkracht en burgerparticipatie 2025 (demo)", "6.1", "Samenkracht en burgerparticipatie", 310_000_00);
        var nissewaardGezondheid = Line(gemeenteNissewaard, 2025, "Preventie en gezondheid 2025 (demo)", "7.1", "Volksgezondheid", 185_000_00);

        var grants = new List<Grant>
        {
            // Ontschotting: one award paid from three municipal columns (81,250.00 + 46,187.50 + 25,000.00 = 152,437.50).
            Awarded(ProgrammeGrantIdentifier, "Mooi Mooier Middelland 2025 (demo)", gemeenteRotterdam, programme, applied: 180_000_00, awarded: 152_437_50, new DateOnly(2025, 2, 10), GrantStatus.Disbursed,
                [(lines[("6.1", 2025)], 81_250_00), (lines[("6.2", 2025)], 46_187_50), (lines[("7.1", 2025)], 25_000_00)],
                [(new DateOnly(2025, 3, 1), 40_000_00, lines[("6.1", 2025)]), (new DateOnly(2025, 3, 1), 23_093_75, lines[("6.2", 2025)]), (new DateOnly(2025, 9, 1), 41_250_00, lines[("6.1", 2025)]), (new DateOnly(2025, 9, 1), 12_500_00, lines[("7.1", 2025)])],
                [themes[DemoTaxonomy.DebtPoverty], themes[DemoTaxonomy.YouthResilience], themes[DemoTaxonomy.HealthyFamilies]], [middelland]),
            Awarded("360G-INFRA-demo-0002", "Mooi Mooier Middelland 2026 (demo)", gemeenteRotterdam, programme, applied: 175_000_00, awarded: 160_000_00, new DateOnly(2026, 1, 20), GrantStatus.Awarded,
                [(lines[("6.1", 2026)], 110_000_00), (lines[("4.3", 2026)], 50_000_00)], [],
                [themes[DemoTaxonomy.Concentration], themes[DemoTaxonomy.YouthResilience]], [middelland]),
            Awarded("360G-INFRA-demo-0003", "Buurtbudget Mooi Mooier Middelland (demo)", fund, programme, applied: 20_000_00, awarded: 20_000_00, new DateOnly(2025, 4, 15), GrantStatus.Settled,
                [(fundLine, 20_000_00)], [(new DateOnly(2025, 5, 1), 20_000_00, fundLine)],
                [themes[DemoTaxonomy.HealthyFood]], [middelland]),

            // Individual Middelland initiatives, all from one column (6.1, 2025).
            Awarded("360G-INFRA-demo-0004", "Gezamenlijke maaltijden (demo)", gemeenteRotterdam, initiatives["Eettafel Middelland (demo)"], applied: 4_850_00, awarded: 4_850_00, new DateOnly(2025, 4, 2), GrantStatus.Settled,
                [(lines[("6.1", 2025)], 4_850_00)], [(new DateOnly(2025, 4, 20), 4_850_00, lines[("6.1", 2025)])],
                [themes[DemoTaxonomy.HealthyFood]], [middelland]),
            Awarded("360G-INFRA-demo-0005", "Huiswerkbegeleiding (demo)", gemeenteRotterdam, initiatives["Huiswerkhulp Middelland (demo)"], applied: 3_500_00, awarded: 3_200_00, new DateOnly(2025, 5, 6), GrantStatus.Disbursed,
                [(lines[("6.1", 2025)], 3_200_00)], [(new DateOnly(2025, 6, 1), 1_600_00, lines[("6.1", 2025)])],
                [themes[DemoTaxonomy.Concentration]], [middelland]),
            Awarded("360G-INFRA-demo-0006", "Spreekuur geldzorgen (demo)", gemeenteRotterdam, initiatives["Geldzorgen Spreekuur (demo)"], applied: 2_750_50, awarded: 2_750_50, new DateOnly(2025, 6, 12), GrantStatus.Awarded,
                [(lines[("6.1", 2025)], 2_750_50)], [],
                [themes[DemoTaxonomy.DebtPoverty]], [middelland]),
            Rejected("360G-INFRA-demo-0007", "Straatvoetbaltoernooi (demo)", gemeenteRotterdam, initiatives["Straatvoetbal 3024 (demo)"], applied: 12_000_00, new DateOnly(2025, 5, 15), themes[DemoTaxonomy.YouthResilience], middelland),
            Awarded("360G-INFRA-demo-0008", "Zomeractiviteiten Delfshaven (demo)", gemeenteRotterdam, teamToekomst, applied: 40_000_00, awarded: 35_000_00, new DateOnly(2025, 3, 18), GrantStatus.Disbursed,
                [(lines[("4.3", 2025)], 35_000_00)], [(new DateOnly(2025, 6, 15), 35_000_00, lines[("4.3", 2025)])],
                [themes[DemoTaxonomy.YouthResilience]], [delfshaven]),

            // Nissewaard: the chain from concentration problems to poverty to nutrition education for parents.
            Awarded("360G-INFRA-demo-0009", "Voedingsvoorlichting voor ouders op school (demo)", gemeenteNissewaard, organisations["Voedingsteam Gezond Gezin (demo)"], applied: 18_500_00, awarded: 18_500_00, new DateOnly(2025, 2, 3), GrantStatus.Disbursed,
                [(nissewaardGezondheid, 18_500_00)], [(new DateOnly(2025, 3, 1), 9_250_00, nissewaardGezondheid)],
                [themes[DemoTaxonomy.HealthyFood], themes[DemoTaxonomy.Concentration]], [nissewaardPlaces["Waterland"], nissewaardPlaces["Groenewoud"]]),
            Awarded("360G-INFRA-demo-0010", "Schuldhulp dichtbij (demo)", gemeenteNissewaard, organisations["Schuldhulp Nissewaard (demo)"], applied: 45_000_00, awarded: 42_000_00, new DateOnly(2025, 1, 28), GrantStatus.Disbursed,
                [(nissewaardSamenkracht, 42_000_00)], [(new DateOnly(2025, 2, 15), 21_000_00, nissewaardSamenkracht), (new DateOnly(2025, 8, 15), 21_000_00, nissewaardSamenkracht)],
                [themes[DemoTaxonomy.DebtPoverty]], [nissewaardPlaces["Maaswijk"]]),
            Awarded("360G-INFRA-demo-0011", "Weerbare jongeren (demo)", gemeenteNissewaard, organisations["Jongerenwerk Spijkenisse (demo)"], applied: 27_300_00, awarded: 27_300_00, new DateOnly(2025, 3, 10), GrantStatus.Awarded,
                [(nissewaardSamenkracht, 17_300_00), (nissewaardGezondheid, 10_000_00)], [],
                [themes[DemoTaxonomy.YouthResilience]], [nissewaardPlaces["Spijkenisse Centrum"], nissewaardPlaces["De Akkers"]]),
        };

        var (company, residents, holdings) = Company(wijkBv, huisVanDeWijk, teamToekomst, fund, initiatives);

        db.Add(fund);
        db.Add(programme);
        db.AddRange(lines.Values);
        db.AddRange(fundLine, nissewaardSamenkracht, nissewaardGezondheid);
        db.AddRange(grants);
        db.Add(company);
        db.AddRange(residents);
        db.AddRange(holdings);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Programme Programme(Municipality rotterdam, Neighbourhood middelland, Organisation owner, Organisation teamToekomst, Organisation wijkBv, Dictionary<string, Initiative> initiatives, Dictionary<string, Theme> themes) => new()
    {
        Name = ProgrammeName,
        Description = "A five-year integral programme written by residents: healthy food, money worries, youth and school, together instead of per budget column (demo).",
        StartsOn = new DateOnly(2024, 1, 1),
        EndsOn = new DateOnly(2028, 12, 31),
        WrittenBy = "Residents of Middelland with the Huis van de Wijk (demo)",
        Owner = owner,
        Municipality = rotterdam,
        Status = ProgrammeStatus.Active,
        EndorsedOn = new DateOnly(2024, 3, 14),
        EndorsementNote = "Supported by the municipality as an integral programme, although it fits poorly within the municipal budget columns (demo).",
        Neighbourhoods = [middelland],
        Themes = [themes[DemoTaxonomy.DebtPoverty], themes[DemoTaxonomy.YouthResilience], themes[DemoTaxonomy.HealthyFamilies], themes[DemoTaxonomy.Concentration]],
        Initiatives = [.. DemoData.HuisVanDeWijkInitiatives.Take(8).Select(name => initiatives[name])],
        Organisations = [teamToekomst, wijkBv],
        Goals =
        [
            Goal(1, "Fewer households in Middelland with problematic debts (demo)", themes[DemoTaxonomy.DebtPoverty], "Households with problematic debts known to debt counselling", "% of households", 14.0m, 2023, 10.0m, 2028,
                [(new DateOnly(2024, 12, 31), 13.2m, "Annual figure from debt counselling (demo)."), (new DateOnly(2025, 12, 31), 12.1m, null)]),
            Goal(2, "Children from Middelland join summer activities (demo)", themes[DemoTaxonomy.YouthResilience], "Children reached by the summer programme", "children", 400m, 2023, 1000m, 2028,
                [(new DateOnly(2024, 9, 1), 650m, null), (new DateOnly(2025, 9, 1), 1000m, "Counted at registration with Team Toekomst (demo).")]),
            Goal(3, "More families cook and eat healthily together (demo)", themes[DemoTaxonomy.HealthyFood], "Families taking part in shared meals and cooking lessons", "families", 60m, 2023, 150m, 2028,
                [(new DateOnly(2025, 6, 30), 95m, null)]),
            Goal(4, "Children can concentrate at school (demo)", themes[DemoTaxonomy.Concentration], "Teachers reporting concentration problems in their class", "% of teachers", 45.5m, 2024, 30m, 2028, []),
        ],
        IsDemoData = true,
    };

    private static ProgrammeGoal Goal(int position, string text, Theme theme, string indicator, string unit, decimal baseline, int baselineYear, decimal target, int targetYear, (DateOnly On, decimal Value, string? Note)[] measurements) => new()
    {
        Position = position,
        Text = text,
        Theme = theme,
        Indicator = indicator,
        Unit = unit,
        Baseline = baseline,
        BaselineYear = baselineYear,
        Target = target,
        TargetYear = targetYear,
        Measurements = [.. measurements.Select(m => new GoalMeasurement { MeasuredOn = m.On, Value = m.Value, Note = m.Note, IsDemoData = true })],
        IsDemoData = true,
    };

    private static BudgetLine Line(Organisation funder, int year, string name, string? iv3, string column, long cents) =>
        new() { Funder = funder, Year = year, Name = name, Iv3TaskField = iv3, Column = column, AmountBudgetedCents = cents, IsDemoData = true };

    private static Grant Awarded(
        string identifier, string title, Organisation funder, object recipient, long applied, long awarded, DateOnly awardDate, GrantStatus status,
        (BudgetLine Line, long Cents)[] allocations, (DateOnly On, long Cents, BudgetLine Line)[] payments, Theme[] themes, Neighbourhood[] places)
    {
        var grant = New(identifier, title, funder, recipient, applied, awardDate.AddDays(-45), themes, places);
        grant.Status = status;
        grant.AmountAwardedCents = awarded;
        grant.AwardDate = awardDate;
        grant.PlannedStartsOn = new DateOnly(awardDate.Year, 1, 1);
        grant.PlannedEndsOn = new DateOnly(awardDate.Year, 12, 31);
        grant.Allocations = [.. allocations.Select(a => new GrantAllocation { BudgetLine = a.Line, AmountCents = a.Cents, IsDemoData = true })];
        grant.Disbursements = [.. payments.Select(p => new Disbursement { PaidOn = p.On, AmountCents = p.Cents, BudgetLineId = p.Line.Id, IsDemoData = true })];
        return grant;
    }

    private static Grant Rejected(string identifier, string title, Organisation funder, Initiative recipient, long applied, DateOnly appliedOn, Theme theme, Neighbourhood place)
    {
        var grant = New(identifier, title, funder, recipient, applied, appliedOn, [theme], [place]);
        grant.Status = GrantStatus.Rejected;
        return grant;
    }

    private static Grant New(string identifier, string title, Organisation funder, object recipient, long applied, DateOnly appliedOn, Theme[] themes, Neighbourhood[] places) => new()
    {
        Identifier = identifier,
        Title = title,
        Description = $"{title}: a demo grant.",
        Funder = funder,
        RecipientInitiative = recipient as Initiative,
        RecipientOrganisation = recipient as Organisation,
        RecipientProgramme = recipient as Programme,
        AmountAppliedForCents = applied,
        AppliedOn = appliedOn,
        Themes = [.. themes],
        BeneficiaryNeighbourhoods = [.. places],
        IsDemoData = true,
    };

    private static (NeighbourhoodCompany Company, Person[] Residents, List<Shareholding> Holdings) Company(Organisation wijkBv, Organisation huisVanDeWijk, Organisation teamToekomst, Organisation fund, Dictionary<string, Initiative> initiatives)
    {
        var ordinary = new ShareClass { Name = "Gewoon aandeel (demo)", NominalValueCents = 1_00, IsDemoData = true };
        var company = new NeighbourhoodCompany
        {
            Organisation = wijkBv,
            FoundedOn = Founded,
            Purpose = "Pool budgets across municipal columns, let residents and partners hold shares, and reinvest the profit in Middelland (demo).",
            ShareClasses = [ordinary],
            Reinvestments =
            [
                new Reinvestment
                {
                    Year = 2026,
                    ProfitCents = 12_400_00,
                    AmountReinvestedCents = 9_000_00,
                    DecidedAt = "Algemene vergadering 2026-05-12 (demo)",
                    Allocations =
                    [
                        new ReinvestmentAllocation { Initiative = initiatives["Eettafel Middelland (demo)"], AmountCents = 5_000_00, IsDemoData = true },
                        new ReinvestmentAllocation { Initiative = initiatives["Jongerenpodium West (demo)"], AmountCents = 4_000_00, IsDemoData = true },
                    ],
                    IsDemoData = true,
                },
            ],
            IsDemoData = true,
        };

        // Organisations may be listed; residents are private people (fictional here), one of them holding twice.
        Person[] residents = [.. new[] { "A", "B", "C" }.Select(letter => new Person { DisplayName = $"Aandeelhouder {letter} (demo)", IsDemoData = true })];
        var resident = residents[0].Id;
        (Organisation? Organisation, Guid? Person, long Shares, DateOnly From)[] holdings =
        [
            (huisVanDeWijk, null, 5_000, Founded), (teamToekomst, null, 1_000, Founded), (fund, null, 2_500, Founded.AddMonths(2)),
            (null, resident, 50, Founded), (null, resident, 25, Founded.AddMonths(4)), (null, residents[1].Id, 100, Founded), (null, residents[2].Id, 10, Founded.AddMonths(1)),
        ];
        return (company, residents, [.. holdings.Select(h => new Shareholding { ShareClass = ordinary, HolderOrganisation = h.Organisation, HolderPersonId = h.Person, Shares = h.Shares, From = h.From, IsDemoData = true })]);
    }
}
