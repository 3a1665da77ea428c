using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;

namespace Infrastructuur.Api.Data;

/// <summary>
/// The demo data set: the two real cases of the source article (Nissewaard and Rotterdam-Middelland), with invented
/// organisations and initiatives whose names say they are demo data. Every record is flagged IsDemoData.
/// Rotterdam's CBS codes are taken from CBS's public region file; Nissewaard's regions carry placeholder codes in CBS's
/// pattern (see <see cref="NissewaardCode"/>) so that links and filters by code work on them too.
/// </summary>
public static class DemoData
{
    public const string MiddellandCode = "BU05990325";
    public const string DelfshavenCode = "WK059903";
    public const int CbsCodeYear = 2024;

    /// <summary>
    /// The code of Nissewaard's demo buurt <paramref name="buurt"/> (1-based) of working area <paramref name="area"/>
    /// (1-based): BU + the municipality's 1930 + two digits per level, CBS's pattern for a buurt. Placeholders, not
    /// checked against CBS's region file (a real BU1930… code may name another buurt); they are demo data like the
    /// regions that carry them.
    /// </summary>
    public static string NissewaardCode(int area, int buurt) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"BU1930{area:D2}{buurt:D2}");

    /// <summary>The twelve resident initiatives that form the Huis van de Wijk in Middelland (names are invented).</summary>
    public static readonly string[] HuisVanDeWijkInitiatives =
    [
        "Eettafel Middelland (demo)", "Buurtkeuken De Lange Tafel (demo)", "Huiswerkhulp Middelland (demo)",
        "Taalcafé Middelland (demo)", "Moedergroep Delfshaven (demo)", "Straatvoetbal 3024 (demo)",
        "Repair Café Middelland (demo)", "Geldzorgen Spreekuur (demo)", "Buurtmoestuin Middellandplein (demo)",
        "Ouderen Koffieochtend (demo)", "Jongerenpodium West (demo)", "Wijkwinkel Weggeefhoek (demo)",
    ];

    public static async Task SeedAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        // Rotterdam: Delfshaven is a CBS wijk Rotterdam calls a "gebied"; Middelland a CBS buurt it calls a "wijk".
        var rotterdam = new Municipality { Name = "Rotterdam", CbsCode = "GM0599", IsDemoData = true };
        var delfshaven = new Neighbourhood { Name = "Delfshaven", Level = RegionLevel.District, LocalLabel = "gebied", CbsCode = DelfshavenCode, CbsCodeYear = CbsCodeYear, Municipality = rotterdam, IsDemoData = true };
        var middelland = new Neighbourhood { Name = "Middelland", Level = RegionLevel.Neighbourhood, LocalLabel = "wijk", CbsCode = MiddellandCode, CbsCodeYear = CbsCodeYear, Municipality = rotterdam, Parent = delfshaven, IsDemoData = true };
        var delfshavenArea = new Area { Name = "Gebied Delfshaven", Description = "Rotterdam's working area Delfshaven.", Municipality = rotterdam, Neighbourhoods = [delfshaven, middelland], IsDemoData = true };

        // Nissewaard (formed in 2015 from Spijkenisse and Bernisse) works in four areas of its own; its buurten carry placeholder codes (NissewaardCode).
        var nissewaard = new Municipality { Name = "Nissewaard", CbsCode = "GM1930", IsDemoData = true };
        string[][] areaNeighbourhoods =
        [
            ["Spijkenisse Centrum", "Waterland"],
            ["Groenewoud", "De Akkers"],
            ["Maaswijk", "Schiekamp"],
            ["Bernisse", "Zuidland"],
        ];
        string[] areaNames = ["Wijkgebied Noord", "Wijkgebied Oost", "Wijkgebied West", "Wijkgebied Bernisse"];
        var nissewaardAreas = new List<Area>();
        for (var i = 0; i < areaNames.Length; i++)
        {
            nissewaardAreas.Add(new Area
            {
                Name = areaNames[i],
                Description = "One of Nissewaard's four working areas (demo).",
                Municipality = nissewaard,
                Neighbourhoods = [.. areaNeighbourhoods[i].Select((n, j) => new Neighbourhood { Name = n, Level = RegionLevel.Neighbourhood, LocalLabel = "wijk", CbsCode = NissewaardCode(i + 1, j + 1), CbsCodeYear = CbsCodeYear, Municipality = nissewaard, IsDemoData = true })],
                IsDemoData = true,
            });
        }

        var nissewaardNeighbourhoods = nissewaardAreas.SelectMany(a => a.Neighbourhoods).ToList();

        // About fifteen Nissewaard providers, and the Middelland partners.
        var providers = new (string Name, OrganisationKind Kind)[]
        {
            ("Basisschool De Regenboog (demo)", OrganisationKind.School),
            ("Basisschool Het Anker (demo)", OrganisationKind.School),
            ("Openbare Basisschool De Vuurtoren (demo)", OrganisationKind.School),
            ("Welzijn Nissewaard (demo)", OrganisationKind.Welfare),
            ("Jongerenwerk Spijkenisse (demo)", OrganisationKind.YouthWork),
            ("Sportvereniging Nissewaard United (demo)", OrganisationKind.SportsClub),
            ("Zwemclub De Spetters (demo)", OrganisationKind.SportsClub),
            ("Protestantse Gemeente Spijkenisse (demo)", OrganisationKind.FaithCommunity),
            ("Moskee Al Amal (demo)", OrganisationKind.FaithCommunity),
            ("GGD Rotterdam-Rijnmond afdeling Nissewaard (demo)", OrganisationKind.PublicHealthService),
            ("Thuiszorg Zuid-Holland Zuid (demo)", OrganisationKind.CareProvider),
            ("Jeugdteam Nissewaard (demo)", OrganisationKind.YouthWork),
            ("Schuldhulp Nissewaard (demo)", OrganisationKind.Welfare),
            ("Woningcorporatie Maasoevers (demo)", OrganisationKind.HousingCorporation),
            ("Voedingsteam Gezond Gezin (demo)", OrganisationKind.CareProvider),
        };
        var nissewaardOrganisations = providers.Select((p, i) => new Organisation
        {
            Name = p.Name,
            Kind = p.Kind,
            Description = "A Nissewaard prevention provider (demo).",
            Neighbourhoods = [nissewaardNeighbourhoods[i % nissewaardNeighbourhoods.Count]],
            IsDemoData = true,
        }).ToList();
        var gemeenteNissewaard = new Organisation { Name = "Gemeente Nissewaard", Kind = OrganisationKind.Municipality, Description = "The municipality, director (regisseur) of the prevention network.", Website = "https://www.nissewaard.nl", Identifiers = [new OrganisationIdentifier { Scheme = "NL-OWMS", Value = "GM1930" }], Neighbourhoods = [.. nissewaardNeighbourhoods], IsDemoData = true };

        var gemeenteRotterdam = new Organisation { Name = "Gemeente Rotterdam", Kind = OrganisationKind.Municipality, Description = "The municipality; supports Middelland's integral programme.", Website = "https://www.rotterdam.nl", Identifiers = [new OrganisationIdentifier { Scheme = "NL-OWMS", Value = "GM0599" }], Neighbourhoods = [delfshaven, middelland], IsDemoData = true };
        var huisVanDeWijkHost = new Organisation { Name = "Stichting Huis van de Wijk Middelland (demo)", Kind = OrganisationKind.Welfare, Description = "Hosts the Huis van de Wijk, where twelve resident initiatives work together (demo).", Email = "info@huisvandewijk.example", Neighbourhoods = [middelland], IsDemoData = true };
        var teamToekomst = new Organisation { Name = "Team Toekomst (demo)", Kind = OrganisationKind.YouthWork, Description = "Runs summer training and activities for children from Delfshaven (demo).", Neighbourhoods = [delfshaven, middelland], IsDemoData = true };
        var wijkBv = new Organisation { Name = "Wijk-BV Middelland (demo)", Kind = OrganisationKind.NeighbourhoodCompany, Description = "The neighbourhood company being set up so budgets can be pooled and residents can hold shares (demo).", Neighbourhoods = [middelland], IsDemoData = true };

        var initiatives = HuisVanDeWijkInitiatives.Select((name, i) => new Initiative
        {
            Name = name,
            Description = "A resident initiative in Middelland, part of the Huis van de Wijk (demo).",
            Status = InitiativeStatus.Active,
            StartedOn = new DateOnly(2019 + (i % 4), 1 + i, 1),
            Municipality = rotterdam,
            HostOrganisation = huisVanDeWijkHost,
            Neighbourhoods = [middelland],
            IsDemoData = true,
        }).ToList();

        db.AddRange(DemoTaxonomy.Themes());
        db.AddRange(DemoTaxonomy.TargetGroups());
        db.AddRange(rotterdam, nissewaard, delfshaven, middelland, delfshavenArea);
        db.AddRange(nissewaardAreas);
        db.AddRange(nissewaardOrganisations);
        db.AddRange(gemeenteNissewaard, gemeenteRotterdam, huisVanDeWijkHost, teamToekomst, wijkBv);
        db.AddRange(initiatives);
        await db.SaveChangesAsync(cancellationToken);
        await DemoOffering.SeedAsync(db, cancellationToken);
        await DemoFunding.SeedAsync(db, cancellationToken);
        await DemoNetwork.SeedAsync(db, cancellationToken);
        await DemoDashboards.SeedAsync(db, cancellationToken);
        await DemoAccess.SeedAsync(db, cancellationToken);
    }
}
