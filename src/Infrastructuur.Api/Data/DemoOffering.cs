using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// The demo prevention offering of both cases: Nissewaard's providers across its four areas (with the chain concentration
/// problems → poverty → nutrition education for parents at school), Team Toekomst's summer in Delfshaven that reached about
/// 1,000 children, and activities of the Huis van de Wijk initiatives in Middelland. Titles say "(demo)"; addresses are invented.
/// </summary>
public static class DemoOffering
{
    public const string NutritionEducationTitle = "Laagdrempelige voedingsvoorlichting voor ouders op school (demo)";
    public const string SummerTitle = "Zomeractiviteiten Team Toekomst (demo)";
    public const string CafeTitle = "Café de Middellander (demo)";
    public const int SummerReach = 1000;

    private static readonly string[] Dutch = ["nl"];

    public static async Task SeedAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code, cancellationToken);
        var groups = await db.TargetGroups.ToDictionaryAsync(t => t.Code, cancellationToken);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, cancellationToken);
        var initiatives = await db.Initiatives.ToDictionaryAsync(i => i.Name, cancellationToken);
        var nissewaard = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM1930", cancellationToken);
        var rotterdam = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM0599", cancellationToken);
        var places = await db.Neighbourhoods.Where(n => n.MunicipalityId == nissewaard.Id).ToDictionaryAsync(n => n.Name, cancellationToken);
        var delfshaven = await db.Neighbourhoods.SingleAsync(n => n.CbsCode == DemoData.DelfshavenCode, cancellationToken);
        var middelland = await db.Neighbourhoods.SingleAsync(n => n.CbsCode == DemoData.MiddellandCode, cancellationToken);

        Activity New(string title, string description, Municipality owner, string[] themeCodes, string[] groupCodes, Neighbourhood[] serves, ActivitySchedule schedule) => new()
        {
            Name = title,
            Description = description,
            Status = ActivityStatus.Active,
            MunicipalityId = owner.Id,
            Themes = [.. themeCodes.Select(c => themes[c])],
            TargetGroups = [.. groupCodes.Select(c => groups[c])],
            Neighbourhoods = [.. serves],
            Schedule = schedule,
            Languages = [.. Dutch],
            IsDemoData = true,
        };

        Activity ByOrganisation(string provider, string title, string description, string[] themeCodes, string[] groupCodes, string[] serves, ActivitySchedule schedule)
        {
            var activity = New(title, description, nissewaard, themeCodes, groupCodes, [.. serves.Select(s => places[s])], schedule);
            activity.ProviderOrganisationId = organisations[provider].Id;
            return activity;
        }

        static ActivityLocation Spijkenisse(string street, string number, string postcode, string place = "Spijkenisse") =>
            new() { Street = street, HouseNumber = number, Postcode = Postcode.Parse(postcode), Place = place, Latitude = 51.8450m, Longitude = 4.3290m };

        var schoolYear = ActivitySchedule.Period(new DateOnly(2026, 8, 31), new DateOnly(2027, 7, 9));
        var verified = new DateOnly(2026, 10, 1);

        // Nissewaard: the chain from the source article. Teachers signalled concentration problems, the network traced them
        // to poverty in families, and a provider now gives low-threshold nutrition education to parents at school.
        var nutrition = ByOrganisation("Voedingsteam Gezond Gezin (demo)", NutritionEducationTitle,
            "Laagdrempelige voorlichting over gezond en goedkoop eten voor ouders, op het schoolplein na het brengen. Gestart na signalen van leerkrachten over concentratieproblemen.",
            [DemoTaxonomy.HealthyFood], ["parents"], ["Groenewoud", "De Akkers"],
            ActivitySchedule.Weekly(Weekday.Tuesday, new TimeOnly(8, 30), new TimeOnly(9, 30), new DateOnly(2026, 9, 1), new DateOnly(2027, 7, 6)));
        nutrition.DeliverySetting = DeliverySetting.AtSchool;
        nutrition.PreventionLevel = PreventionLevel.Selective;
        nutrition.EvidenceRecognition = EvidenceRecognition.WellDescribed;
        nutrition.Location = Spijkenisse("Regenbooglaan", "1", "3205 AA");
        nutrition.Cost = ActivityCost.Free();
        nutrition.Capacity = 25;
        nutrition.Languages = ["nl", "ar", "tr"];
        nutrition.LastVerifiedOn = verified;
        nutrition.Partners = [organisations["Basisschool De Regenboog (demo)"], organisations["Basisschool Het Anker (demo)"], organisations["GGD Rotterdam-Rijnmond afdeling Nissewaard (demo)"]];

        var nissewaardActivities = new List<Activity>
        {
            nutrition,
            ByOrganisation("Basisschool De Regenboog (demo)", "Ontbijtclub De Regenboog (demo)", "Elke maandag samen ontbijten voor schooltijd.",
                [DemoTaxonomy.HealthyFood, DemoTaxonomy.Concentration], ["children-4-12"], ["Groenewoud"],
                ActivitySchedule.Weekly(Weekday.Monday, new TimeOnly(8, 0), new TimeOnly(8, 30), new DateOnly(2024, 9, 2))),
            ByOrganisation("Basisschool Het Anker (demo)", "Huiswerkklas Het Anker (demo)", "Rustige plek en begeleiding bij huiswerk na schooltijd.",
                [DemoTaxonomy.Concentration], ["children-4-12"], ["De Akkers"],
                ActivitySchedule.Weekly(Weekday.Wednesday, new TimeOnly(14, 0), new TimeOnly(15, 30), new DateOnly(2025, 9, 3))),
            ByOrganisation("Openbare Basisschool De Vuurtoren (demo)", "Concentratietraining in de klas (demo)", "Korte oefeningen in aandacht en ontspanning, door de leerkracht gegeven.",
                [DemoTaxonomy.Concentration], ["children-4-12"], ["Maaswijk"], schoolYear),
            ByOrganisation("Welzijn Nissewaard (demo)", "Formulierenbrigade (demo)", "Hulp bij formulieren, toeslagen en brieven van instanties.",
                [DemoTaxonomy.DebtPoverty], ["residents"], ["Spijkenisse Centrum"],
                ActivitySchedule.Weekly(Weekday.Thursday, new TimeOnly(10, 0), new TimeOnly(12, 0))),
            ByOrganisation("Welzijn Nissewaard (demo)", "Buurtkamer Waterland (demo)", "Inloop voor koffie, een praatje en doorverwijzing.",
                [DemoTaxonomy.DebtPoverty], ["residents", "older-people"], ["Waterland"], ActivitySchedule.Period(null, null)),
            ByOrganisation("Jongerenwerk Spijkenisse (demo)", "Meidenclub Spijkenisse (demo)", "Wekelijkse club voor meiden over zelfvertrouwen en grenzen.",
                [DemoTaxonomy.YouthResilience], ["young-people"], ["Schiekamp"],
                ActivitySchedule.Weekly(Weekday.Friday, new TimeOnly(19, 0), new TimeOnly(21, 0), new DateOnly(2025, 1, 10))),
            ByOrganisation("Jongerenwerk Spijkenisse (demo)", "Straatcoaches Maaswijk (demo)", "Jongerenwerkers op straat in de avonduren.",
                [DemoTaxonomy.YouthResilience], ["young-people"], ["Maaswijk"], ActivitySchedule.Period(new DateOnly(2023, 3, 1), null)),
            ByOrganisation("Sportvereniging Nissewaard United (demo)", "Sportief Fit na school (demo)", "Gratis sporten na schooltijd op het veld van de club.",
                [DemoTaxonomy.YouthResilience, DemoTaxonomy.HealthyFamilies], ["children-4-12"], ["De Akkers"],
                ActivitySchedule.Weekly(Weekday.Wednesday, new TimeOnly(15, 0), new TimeOnly(16, 30), new DateOnly(2026, 4, 1))),
            ByOrganisation("Zwemclub De Spetters (demo)", "Zwemvangnet (demo)", "Zwemles voor kinderen uit gezinnen die het zwemdiploma niet kunnen betalen.",
                [DemoTaxonomy.DebtPoverty], ["children-4-12"], ["Zuidland"],
                ActivitySchedule.Weekly(Weekday.Saturday, new TimeOnly(9, 0), new TimeOnly(10, 0), new DateOnly(2026, 1, 10), new DateOnly(2026, 12, 19))),
            ByOrganisation("Protestantse Gemeente Spijkenisse (demo)", "Gesprekstafel opvoeden (demo)", "Ouders praten onder begeleiding over opvoeden.",
                [DemoTaxonomy.HealthyFamilies], ["parents"], ["Spijkenisse Centrum"],
                ActivitySchedule.Weekly(Weekday.Tuesday, new TimeOnly(19, 30), new TimeOnly(21, 0), new DateOnly(2025, 9, 2))),
            ByOrganisation("Moskee Al Amal (demo)", "Moedercafé Al Amal (demo)", "Ontmoeting en voorlichting voor moeders, in meerdere talen.",
                [DemoTaxonomy.HealthyFamilies], ["parents"], ["Groenewoud"],
                ActivitySchedule.Weekly(Weekday.Thursday, new TimeOnly(13, 0), new TimeOnly(15, 0), new DateOnly(2024, 10, 3))),
            ByOrganisation("GGD Rotterdam-Rijnmond afdeling Nissewaard (demo)", "Spreekuur gezond gewicht (demo)", "Advies voor gezinnen met kinderen met overgewicht.",
                [DemoTaxonomy.HealthyFood], ["families"], ["Waterland"],
                ActivitySchedule.Weekly(Weekday.Monday, new TimeOnly(13, 30), new TimeOnly(16, 0))),
            ByOrganisation("Thuiszorg Zuid-Holland Zuid (demo)", "Gezond eten na je 65e (demo)", "Huisbezoek met advies over voeding voor ouderen die alleen wonen.",
                [DemoTaxonomy.HealthyFood], ["older-people"], ["Bernisse"], ActivitySchedule.Period(new DateOnly(2025, 1, 1), null)),
            ByOrganisation("Jeugdteam Nissewaard (demo)", "Opvoedondersteuning thuis (demo)", "Korte ondersteuning bij opvoedvragen, bij het gezin thuis.",
                [DemoTaxonomy.HealthyFamilies], ["parents"], ["Schiekamp", "Maaswijk"], ActivitySchedule.Period(new DateOnly(2022, 1, 1), null)),
            ByOrganisation("Jeugdteam Nissewaard (demo)", "Weerbaarheidstraining groep 8 (demo)", "Tien lessen weerbaarheid voor leerlingen van groep 8.",
                [DemoTaxonomy.YouthResilience], ["children-4-12"], ["Zuidland", "Bernisse"],
                ActivitySchedule.Period(new DateOnly(2027, 1, 11), new DateOnly(2027, 3, 22))),
            ByOrganisation("Schuldhulp Nissewaard (demo)", "Geldzaken op orde (demo)", "Inloopspreekuur voor wie zorgen heeft over geld.",
                [DemoTaxonomy.DebtPoverty], ["residents"], ["De Akkers"],
                ActivitySchedule.Weekly(Weekday.Wednesday, new TimeOnly(9, 30), new TimeOnly(11, 30))),
            ByOrganisation("Schuldhulp Nissewaard (demo)", "Budgetcursus voor jongeren (demo)", "Online cursus over geld, sparen en schulden voorkomen.",
                [DemoTaxonomy.DebtPoverty, DemoTaxonomy.YouthResilience], ["young-people"], ["Spijkenisse Centrum", "Bernisse"],
                ActivitySchedule.Period(new DateOnly(2026, 10, 5), new DateOnly(2026, 12, 14))),
            ByOrganisation("Woningcorporatie Maasoevers (demo)", "Vroegsignalering huurachterstand (demo)", "Huisbezoek bij de eerste gemiste huur, samen met schuldhulp.",
                [DemoTaxonomy.DebtPoverty], ["families"], ["Maaswijk", "Schiekamp"], ActivitySchedule.Period(new DateOnly(2024, 6, 1), null)),
            ByOrganisation("Voedingsteam Gezond Gezin (demo)", "Kookworkshops voor gezinnen (demo)", "Samen goedkoop en gezond koken, in vier avonden.",
                [DemoTaxonomy.HealthyFood], ["families"], ["Bernisse"],
                ActivitySchedule.OneOff(new DateOnly(2027, 2, 4), new TimeOnly(18, 0), new TimeOnly(20, 30), new DateOnly(2027, 2, 25))),
        };

        var settings = new Dictionary<string, DeliverySetting>
        {
            ["Ontbijtclub De Regenboog (demo)"] = DeliverySetting.AtSchool,
            ["Huiswerkklas Het Anker (demo)"] = DeliverySetting.AtSchool,
            ["Concentratietraining in de klas (demo)"] = DeliverySetting.AtSchool,
            ["Weerbaarheidstraining groep 8 (demo)"] = DeliverySetting.AtSchool,
            ["Formulierenbrigade (demo)"] = DeliverySetting.CommunityCentre,
            ["Buurtkamer Waterland (demo)"] = DeliverySetting.CommunityCentre,
            ["Meidenclub Spijkenisse (demo)"] = DeliverySetting.CommunityCentre,
            ["Gesprekstafel opvoeden (demo)"] = DeliverySetting.CommunityCentre,
            ["Moedercafé Al Amal (demo)"] = DeliverySetting.CommunityCentre,
            ["Geldzaken op orde (demo)"] = DeliverySetting.CommunityCentre,
            ["Kookworkshops voor gezinnen (demo)"] = DeliverySetting.CommunityCentre,
            ["Straatcoaches Maaswijk (demo)"] = DeliverySetting.Outdoors,
            ["Sportief Fit na school (demo)"] = DeliverySetting.Outdoors,
            ["Zwemvangnet (demo)"] = DeliverySetting.Other,
            ["Spreekuur gezond gewicht (demo)"] = DeliverySetting.Other,
            ["Gezond eten na je 65e (demo)"] = DeliverySetting.AtHome,
            ["Opvoedondersteuning thuis (demo)"] = DeliverySetting.AtHome,
            ["Vroegsignalering huurachterstand (demo)"] = DeliverySetting.AtHome,
            ["Budgetcursus voor jongeren (demo)"] = DeliverySetting.Online,
        };
        foreach (var activity in nissewaardActivities.Skip(1))
        {
            activity.DeliverySetting = settings[activity.Name];
            activity.PreventionLevel = activity.DeliverySetting == DeliverySetting.AtHome ? PreventionLevel.Indicated : PreventionLevel.Universal;
            activity.Cost = ActivityCost.Free();
            activity.LastVerifiedOn = verified;
            if (activity.DeliverySetting is DeliverySetting.AtSchool or DeliverySetting.CommunityCentre)
            {
                activity.Location = Spijkenisse("Marktplein", "10", "3201 CB");
            }
        }

        var byTitle = nissewaardActivities.ToDictionary(a => a.Name);
        Ages(byTitle["Ontbijtclub De Regenboog (demo)"], 4, 12);
        Ages(byTitle["Huiswerkklas Het Anker (demo)"], 8, 12);
        Ages(byTitle["Concentratietraining in de klas (demo)"], 6, 12);
        Ages(byTitle["Meidenclub Spijkenisse (demo)"], 12, 18);
        Ages(byTitle["Straatcoaches Maaswijk (demo)"], 12, 23);
        Ages(byTitle["Sportief Fit na school (demo)"], 6, 12);
        Ages(byTitle["Zwemvangnet (demo)"], 5, 12);
        Ages(byTitle["Weerbaarheidstraining groep 8 (demo)"], 11, 12);
        Ages(byTitle["Budgetcursus voor jongeren (demo)"], 16, 23);
        Ages(byTitle["Gezond eten na je 65e (demo)"], 65, null);
        byTitle["Weerbaarheidstraining groep 8 (demo)"].EvidenceRecognition = EvidenceRecognition.EffectiveGoodIndications;
        byTitle["Opvoedondersteuning thuis (demo)"].EvidenceRecognition = EvidenceRecognition.EffectiveFirstIndications;
        byTitle["Spreekuur gezond gewicht (demo)"].EvidenceRecognition = EvidenceRecognition.WellFounded;
        byTitle["Moedercafé Al Amal (demo)"].Languages = ["nl", "ar", "tr"];
        byTitle["Zwemvangnet (demo)"].Cost = ActivityCost.Fee(500, "Per maand; gratis met de Nissewaardpas.");
        byTitle["Kookworkshops voor gezinnen (demo)"].Cost = ActivityCost.Fee(250, "Per avond, voor het hele gezin.");
        byTitle["Kookworkshops voor gezinnen (demo)"].Status = ActivityStatus.Draft;
        byTitle["Buurtkamer Waterland (demo)"].Status = ActivityStatus.Paused;
        byTitle["Zwemvangnet (demo)"].Partners = [organisations["Gemeente Nissewaard"]];
        byTitle["Vroegsignalering huurachterstand (demo)"].Partners = [organisations["Schuldhulp Nissewaard (demo)"]];

        // Rotterdam-Middelland: Team Toekomst's summer, and activities the Huis van de Wijk initiatives run.
        var summer = New(SummerTitle, "Sport, spel, uitjes en training in de zomervakantie voor kinderen uit Delfshaven, met de bewoners van het Huis van de Wijk.",
            rotterdam, [DemoTaxonomy.YouthResilience], ["children"], [delfshaven, middelland], ActivitySchedule.Period(new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31)));
        summer.ProviderOrganisationId = organisations["Team Toekomst (demo)"].Id;
        summer.Status = ActivityStatus.Ended;
        summer.DeliverySetting = DeliverySetting.Outdoors;
        summer.PreventionLevel = PreventionLevel.Universal;
        summer.Cost = ActivityCost.Free();
        summer.Ages(4, 16);
        summer.Partners = [organisations["Stichting Huis van de Wijk Middelland (demo)"]];
        summer.Reach =
        [
            new ReachRecord
            {
                PeriodStart = new DateOnly(2026, 7, 1), PeriodEnd = new DateOnly(2026, 8, 31), TargetGroupId = groups["children"].Id, NeighbourhoodId = delfshaven.Id,
                Count = SummerReach, CountingMethod = CountingMethod.Registration, Note = "Unique children registered for at least one summer activity.", IsDemoData = true,
            },
        ];

        var training = New("Zomertraining jonge leiders (demo)", "Training voor jongeren die in de zomer activiteiten voor kinderen begeleiden.",
            rotterdam, [DemoTaxonomy.YouthResilience], ["young-people"], [delfshaven], ActivitySchedule.Period(new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 30)));
        training.ProviderOrganisationId = organisations["Team Toekomst (demo)"].Id;
        training.Status = ActivityStatus.Ended;
        training.Ages(15, 23);

        Activity ByInitiative(string initiative, string title, string description, string[] themeCodes, string[] groupCodes, ActivitySchedule schedule)
        {
            var activity = New(title, description, rotterdam, themeCodes, groupCodes, [middelland], schedule);
            activity.ProviderInitiativeId = initiatives[initiative].Id;
            activity.DeliverySetting = DeliverySetting.CommunityCentre;
            activity.Location = new ActivityLocation { Street = "Middellandplein", HouseNumber = "1", Postcode = Postcode.Parse("3021 BT"), Place = "Rotterdam", Latitude = 51.9170m, Longitude = 4.4600m };
            activity.Cost = ActivityCost.Free();
            return activity;
        }

        var cafe = ByInitiative("Taalcafé Middelland (demo)", CafeTitle, "Wekelijks taal- en ontmoetingscafé: Nederlands oefenen bij koffie en thee.",
            [DemoTaxonomy.YouthResilience], ["residents"], ActivitySchedule.Weekly(Weekday.Tuesday, new TimeOnly(10, 0), new TimeOnly(12, 0), new DateOnly(2021, 4, 6)));
        cafe.Languages = ["nl", "en", "ar", "tr"];
        var meal = ByInitiative("Eettafel Middelland (demo)", "Wekelijkse buurtmaaltijd (demo)", "Samen eten aan lange tafels; betalen wat je kunt.",
            [DemoTaxonomy.HealthyFood], ["residents"], ActivitySchedule.Weekly(Weekday.Wednesday, new TimeOnly(17, 30), new TimeOnly(19, 30), new DateOnly(2019, 1, 9)));
        meal.Cost = ActivityCost.Fee(350, "Richtprijs; betalen wat je kunt.");
        meal.Capacity = 60;
        meal.Reach =
        [
            new ReachRecord { PeriodStart = new DateOnly(2025, 1, 1), PeriodEnd = new DateOnly(2025, 12, 31), Count = 2300, CountingMethod = CountingMethod.Headcount, Note = "Meals served; regular guests counted every week.", IsDemoData = true },
        ];
        var middellandActivities = new List<Activity>
        {
            summer,
            training,
            cafe,
            meal,
            ByInitiative("Buurtkeuken De Lange Tafel (demo)", "Samen koken met kinderen (demo)", "Kinderen koken een gezonde maaltijd voor hun ouders.",
                [DemoTaxonomy.HealthyFood, DemoTaxonomy.HealthyFamilies], ["children-4-12", "parents"], ActivitySchedule.Weekly(Weekday.Saturday, new TimeOnly(11, 0), new TimeOnly(14, 0), new DateOnly(2022, 3, 5))).Ages(6, 12),
            ByInitiative("Huiswerkhulp Middelland (demo)", "Huiswerkbegeleiding Middelland (demo)", "Vrijwilligers helpen kinderen met huiswerk en plannen.",
                [DemoTaxonomy.Concentration, DemoTaxonomy.YouthResilience], ["children-4-12"], ActivitySchedule.Weekly(Weekday.Thursday, new TimeOnly(15, 30), new TimeOnly(17, 0), new DateOnly(2020, 9, 3))).Ages(8, 14),
            ByInitiative("Geldzorgen Spreekuur (demo)", "Spreekuur geldzorgen (demo)", "Bewoners helpen bewoners met post, geld en regelingen.",
                [DemoTaxonomy.DebtPoverty], ["residents"], ActivitySchedule.Weekly(Weekday.Monday, new TimeOnly(13, 0), new TimeOnly(15, 0), new DateOnly(2023, 2, 6))),
            ByInitiative("Buurtmoestuin Middellandplein (demo)", "Moestuinieren met de buurt (demo)", "Samen groente kweken en oogsten op het plein.",
                [DemoTaxonomy.HealthyFood], ["residents", "children"], ActivitySchedule.Period(new DateOnly(2026, 3, 15), new DateOnly(2026, 10, 31))),
            ByInitiative("Moedergroep Delfshaven (demo)", "Moedergroep gezonde start (demo)", "Moeders van jonge kinderen wisselen tips uit over gezond opgroeien.",
                [DemoTaxonomy.HealthyFamilies], ["parents"], ActivitySchedule.Weekly(Weekday.Friday, new TimeOnly(9, 30), new TimeOnly(11, 0), new DateOnly(2021, 9, 3))),
        };
        foreach (var activity in middellandActivities.Where(a => a.LastVerifiedOn is null))
        {
            activity.LastVerifiedOn = new DateOnly(2026, 9, 15);
        }

        // The domain gives initiatives themes; the eating initiatives work on healthy food, among others.
        var initiativeThemes = new Dictionary<string, string[]>
        {
            ["Eettafel Middelland (demo)"] = [DemoTaxonomy.HealthyFood],
            ["Buurtkeuken De Lange Tafel (demo)"] = [DemoTaxonomy.HealthyFood, DemoTaxonomy.HealthyFamilies],
            ["Huiswerkhulp Middelland (demo)"] = [DemoTaxonomy.Concentration, DemoTaxonomy.YouthResilience],
            ["Moedergroep Delfshaven (demo)"] = [DemoTaxonomy.HealthyFamilies],
            ["Straatvoetbal 3024 (demo)"] = [DemoTaxonomy.YouthResilience],
            ["Repair Café Middelland (demo)"] = [DemoTaxonomy.DebtPoverty],
            ["Geldzorgen Spreekuur (demo)"] = [DemoTaxonomy.DebtPoverty],
            ["Buurtmoestuin Middellandplein (demo)"] = [DemoTaxonomy.HealthyFood],
            ["Jongerenpodium West (demo)"] = [DemoTaxonomy.YouthResilience],
            ["Wijkwinkel Weggeefhoek (demo)"] = [DemoTaxonomy.DebtPoverty],
        };
        foreach (var (name, codes) in initiativeThemes)
        {
            initiatives[name].Themes = [.. codes.Select(c => themes[c])];
        }

        // Reach the Nissewaard network analysed for its annual review.
        var lastYear = (Start: new DateOnly(2025, 1, 1), End: new DateOnly(2025, 12, 31));
        byTitle["Ontbijtclub De Regenboog (demo)"].Reach = [new ReachRecord { PeriodStart = lastYear.Start, PeriodEnd = lastYear.End, TargetGroupId = groups["children-4-12"].Id, NeighbourhoodId = places["Groenewoud"].Id, Count = 85, CountingMethod = CountingMethod.Headcount, IsDemoData = true }];
        byTitle["Formulierenbrigade (demo)"].Reach = [new ReachRecord { PeriodStart = lastYear.Start, PeriodEnd = lastYear.End, TargetGroupId = groups["residents"].Id, Count = 240, CountingMethod = CountingMethod.Registration, IsDemoData = true }];
        byTitle["Moedercafé Al Amal (demo)"].Reach = [new ReachRecord { PeriodStart = lastYear.Start, PeriodEnd = lastYear.End, TargetGroupId = groups["parents"].Id, Count = 60, CountingMethod = CountingMethod.Estimate, IsDemoData = true }];

        db.AddRange(nissewaardActivities);
        db.AddRange(middellandActivities);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Activity Ages(this Activity activity, int? minimum, int? maximum)
    {
        activity.MinimumAge = minimum;
        activity.MaximumAge = maximum;
        return activity;
    }
}
