using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// The network part of the demo: Middelland's coalitions and coordinators, Nissewaard's collaborations and area
/// meetings, and the article's signal chain (teachers see concentration problems → traced to poverty → a nutrition
/// team and a school start working together). People are invented and say so in their display names.
/// </summary>
public static class DemoNetwork
{
    public const string HuisVanDeWijk = "Huis van de Wijk Middelland (demo)";
    public const string SupportNetwork = "Steunnetwerk Team Toekomst (demo)";
    public const string Jeugdlab = "OZJ-Jeugdlab";
    public const string School = "Basisschool De Regenboog (demo)";
    public const string NutritionTeam = "Voedingsteam Gezond Gezin (demo)";
    public const string SchoolNutritionPurpose = "Laagdrempelige voedingsvoorlichting voor ouders op school (demo).";

    /// <summary>The initiative of the support network that left it (the demo's one former member).</summary>
    public const string FormerSupportMember = "Jongerenpodium West (demo)";

    public static async Task SeedAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var rotterdam = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM0599", cancellationToken);
        var nissewaard = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM1930", cancellationToken);
        var middelland = await db.Neighbourhoods.SingleAsync(n => n.CbsCode == DemoData.MiddellandCode, cancellationToken);
        var initiatives = await db.Initiatives.Where(i => DemoData.HuisVanDeWijkInitiatives.Contains(i.Name)).ToDictionaryAsync(i => i.Name, cancellationToken);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, cancellationToken);
        var areas = await db.Areas.Where(a => a.MunicipalityId == nissewaard.Id).Include(a => a.Neighbourhoods).OrderBy(a => a.Name).ToDictionaryAsync(a => a.Name, cancellationToken);
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code, cancellationToken);
        var groups = await db.TargetGroups.ToDictionaryAsync(t => t.Code, cancellationToken);

        AddCoordinators(db, initiatives);
        AddCoalitions(db, rotterdam, initiatives, organisations);

        var collaborations = Collaborations(nissewaard, organisations, themes);
        db.AddRange(collaborations);

        // The article's chain, in Nissewaard's northern area where the school is.
        var school = organisations[School];
        var north = areas["Wijkgebied Noord"];
        var concentration = new Signal
        {
            ObservedOn = new DateOnly(2025, 6, 10),
            Neighbourhood = north.Neighbourhoods.OrderBy(n => n.Name).First(),
            Municipality = nissewaard,
            Themes = [themes[DemoTaxonomy.Concentration]],
            TargetGroup = groups["children-4-12"],
            ReportedByOrganisation = school,
            Description = "Leerkrachten zien dat steeds meer kinderen zich slecht kunnen concentreren, vaak na een ochtend zonder ontbijt (demo).",
            Status = SignalStatus.Addressed,
            UnderlyingTheme = themes[DemoTaxonomy.DebtPoverty],
            IsDemoData = true,
        };
        db.Add(concentration);
        db.AddRange(Meetings(nissewaard, areas, organisations, themes, concentration, collaborations[0]));
        db.AddRange(ResidentSignals(rotterdam, middelland, themes, groups));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddCoordinators(InfrastructuurDb db, Dictionary<string, Initiative> initiatives)
    {
        (string Initiative, string DisplayName, string Role, DateOnly Since)[] coordinators =
        [
            ("Eettafel Middelland (demo)", "Coördinator Eettafel (demo)", "coördinator", new DateOnly(2019, 3, 1)),
            ("Eettafel Middelland (demo)", "Penningmeester Eettafel (demo)", "penningmeester", new DateOnly(2021, 9, 1)),
            ("Taalcafé Middelland (demo)", "Coördinator Taalcafé (demo)", "coördinator", new DateOnly(2022, 4, 1)),
            ("Huiswerkhulp Middelland (demo)", "Coördinator Huiswerkhulp (demo)", "coördinator", new DateOnly(2021, 3, 1)),
        ];
        foreach (var (initiative, displayName, role, since) in coordinators)
        {
            // Stored personal data is as invented as the display name; none of it is in the public schema.
            var person = new Person { DisplayName = displayName, FullName = $"Fictieve {displayName}", Email = $"{role}.{initiatives[initiative].Id:N}@example.invalid", IsDemoData = true };
            db.Add(new InitiativeCoordinator { Initiative = initiatives[initiative], Person = person, Since = since, Role = role, AcceptedAt = DateTime.UtcNow, IsDemoData = true });
        }
    }

    private static void AddCoalitions(InfrastructuurDb db, Municipality rotterdam, Dictionary<string, Initiative> initiatives, Dictionary<string, Organisation> organisations)
    {
        var huisVanDeWijk = new Coalition
        {
            Name = HuisVanDeWijk,
            Description = "Twelve resident initiatives in Middelland working together under one roof (demo).",
            Municipality = rotterdam,
            Members =
            [
                new CoalitionMember { Organisation = organisations["Stichting Huis van de Wijk Middelland (demo)"], JoinedOn = new DateOnly(2019, 1, 1), IsDemoData = true },
                .. DemoData.HuisVanDeWijkInitiatives.Select(name => new CoalitionMember { Initiative = initiatives[name], JoinedOn = initiatives[name].StartedOn ?? new DateOnly(2019, 1, 1), IsDemoData = true }),
            ],
            IsDemoData = true,
        };

        // About 1,000 children from Delfshaven reached in a summer; recognised as an OZJ-Jeugdlab since 2026. The source
        // does not say who grants the label, so GrantedBy stays empty rather than invented.
        string[] supporters = ["Huiswerkhulp Middelland (demo)", "Moedergroep Delfshaven (demo)", "Straatvoetbal 3024 (demo)", "Eettafel Middelland (demo)"];
        var supportNetwork = new Coalition
        {
            Name = SupportNetwork,
            Description = "Team Toekomst and Huis van de Wijk initiatives supporting children, young people and parents in Delfshaven (demo).",
            Municipality = rotterdam,
            Members =
            [
                new CoalitionMember { Organisation = organisations["Team Toekomst (demo)"], JoinedOn = new DateOnly(2023, 5, 1), IsDemoData = true },
                .. supporters.Select(name => new CoalitionMember { Initiative = initiatives[name], JoinedOn = new DateOnly(2023, 5, 1), IsDemoData = true }),
                new CoalitionMember { Initiative = initiatives[FormerSupportMember], JoinedOn = new DateOnly(2023, 5, 1), LeftOn = new DateOnly(2025, 7, 1), IsDemoData = true },
            ],
            Recognitions = [new CoalitionRecognition { Label = Jeugdlab, Since = new DateOnly(2026, 1, 1), IsDemoData = true }],
            IsDemoData = true,
        };
        db.AddRange(huisVanDeWijk, supportNetwork);
    }

    private static List<Collaboration> Collaborations(Municipality nissewaard, Dictionary<string, Organisation> organisations, Dictionary<string, Theme> themes)
    {
        Collaboration Between(string purpose, DateOnly startsOn, DateOnly? endsOn, CollaborationFormality formality, string[] themeCodes, params string[] parties) => new()
        {
            Purpose = purpose,
            StartsOn = startsOn,
            EndsOn = endsOn,
            Formality = formality,
            Municipality = nissewaard,
            Themes = [.. themeCodes.Select(code => themes[code])],
            Parties = [.. parties.Select(name => new CollaborationParty { Organisation = organisations[name], IsDemoData = true })],
            IsDemoData = true,
        };

        return
        [
            // First: the outcome of the signal chain (started at the northern area meeting).
            Between(SchoolNutritionPurpose, new DateOnly(2025, 10, 1), null, CollaborationFormality.Covenant, [DemoTaxonomy.HealthyFood, DemoTaxonomy.DebtPoverty], School, NutritionTeam),
            Between("Gezamenlijk spreekuur geldzorgen in de wijk (demo).", new DateOnly(2024, 3, 1), null, CollaborationFormality.Informal, [DemoTaxonomy.DebtPoverty], "Schuldhulp Nissewaard (demo)", "Welzijn Nissewaard (demo)"),
            Between("Sport en weerbaarheid voor jongeren na school (demo).", new DateOnly(2025, 1, 15), new DateOnly(2026, 12, 31), CollaborationFormality.Contract, [DemoTaxonomy.YouthResilience], "Jongerenwerk Spijkenisse (demo)", "Sportvereniging Nissewaard United (demo)", "Jeugdteam Nissewaard (demo)"),
            Between("Gezonde start voor jonge gezinnen (demo).", new DateOnly(2023, 9, 1), new DateOnly(2025, 6, 30), CollaborationFormality.Covenant, [DemoTaxonomy.HealthyFamilies], "GGD Rotterdam-Rijnmond afdeling Nissewaard (demo)", "Thuiszorg Zuid-Holland Zuid (demo)"),
        ];
    }

    private static IEnumerable<NetworkMeeting> Meetings(
        Municipality nissewaard, Dictionary<string, Area> areas, Dictionary<string, Organisation> organisations, Dictionary<string, Theme> themes, Signal concentration, Collaboration nutrition)
    {
        var organiser = organisations["Gemeente Nissewaard"];
        NetworkMeeting Meeting(string area, DateOnly date, string[] participants, string[] themeCodes) => new()
        {
            Title = $"Netwerkbijeenkomst {area} {date.Year} (demo)",
            Date = date,
            Municipality = nissewaard,
            Area = areas[area],
            Organiser = organiser,
            Participants = [.. participants.Append(organiser.Name).Select(name => new MeetingParticipant { Organisation = organisations[name], IsDemoData = true })],
            Themes = [.. themeCodes.Select(code => themes[code])],
            IsDemoData = true,
        };

        var north = Meeting("Wijkgebied Noord", new DateOnly(2025, 9, 18), [School, NutritionTeam, "Schuldhulp Nissewaard (demo)", "Welzijn Nissewaard (demo)"], [DemoTaxonomy.Concentration, DemoTaxonomy.DebtPoverty]);
        north.SignalsDiscussed = [concentration];
        north.CollaborationsStarted = [nutrition];
        north.OutcomeNotes = "Concentratieproblemen herleid tot armoede in gezinnen; voedingsvoorlichting voor ouders op school afgesproken (demo).";
        return
        [
            north,
            Meeting("Wijkgebied Oost", new DateOnly(2025, 11, 6), ["Basisschool Het Anker (demo)", "Jongerenwerk Spijkenisse (demo)", "Sportvereniging Nissewaard United (demo)"], [DemoTaxonomy.YouthResilience]),
            Meeting("Wijkgebied West", new DateOnly(2026, 2, 12), ["GGD Rotterdam-Rijnmond afdeling Nissewaard (demo)", "Thuiszorg Zuid-Holland Zuid (demo)", "Moskee Al Amal (demo)"], [DemoTaxonomy.HealthyFamilies, DemoTaxonomy.HealthyFood]),
            Meeting("Wijkgebied Bernisse", new DateOnly(2026, 3, 19), ["Protestantse Gemeente Spijkenisse (demo)", "Woningcorporatie Maasoevers (demo)", "Schuldhulp Nissewaard (demo)"], [DemoTaxonomy.DebtPoverty]),
        ];
    }

    private static IEnumerable<Signal> ResidentSignals(Municipality rotterdam, Neighbourhood middelland, Dictionary<string, Theme> themes, Dictionary<string, TargetGroup> groups)
    {
        Signal Raised(DateOnly observedOn, string theme, string group, SignalStatus status, string description) => new()
        {
            ObservedOn = observedOn,
            Neighbourhood = middelland,
            Municipality = rotterdam,
            Themes = [themes[theme]],
            TargetGroup = groups[group],
            ReportedByResident = true,
            Description = description,
            Status = status,
            IsDemoData = true,
        };

        return
        [
            Raised(new DateOnly(2025, 11, 3), DemoTaxonomy.HealthyFood, "families", SignalStatus.Discussed, "Bewoners zien gezinnen die aan het eind van de maand geen gezonde maaltijd kunnen betalen (demo)."),
            Raised(new DateOnly(2026, 2, 17), DemoTaxonomy.DebtPoverty, "residents", SignalStatus.New, "Buren vertellen op het spreekuur over oplopende energieschulden (demo)."),
            Raised(new DateOnly(2026, 4, 8), DemoTaxonomy.YouthResilience, "young-people", SignalStatus.New, "Jongeren missen een plek om na school samen te komen (demo)."),
        ];
    }
}
