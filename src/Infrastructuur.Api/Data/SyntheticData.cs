using System.Buffers.Binary;
using System.Globalization;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Search;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>How large a synthetic data set is. The counts not given here grow with the ones that are.</summary>
public sealed record SyntheticSize
{
    public int Neighbourhoods { get; init; } = 40;

    public int Organisations { get; init; } = 2_000;

    public int Activities { get; init; } = 100_000;

    public int Initiatives { get; init; } = 5_000;

    public int Grants { get; init; } = 20_000;

    /// <summary>One reach figure for every fourth activity.</summary>
    public int ReachRecords => Activities / 4;

    /// <summary>Fifty signals per neighbourhood.</summary>
    public int Signals => Neighbourhoods * 50;

    /// <summary>One programme per hundred initiatives.</summary>
    public int Programmes => Math.Max(1, Initiatives / 100);

    /// <summary>The default size times <paramref name="factor"/>, at least a handful of each.</summary>
    public static SyntheticSize Scaled(double factor)
    {
        if (factor is <= 0 or > 10 || double.IsNaN(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The size factor must be above 0 and at most 10.");
        }

        var d = new SyntheticSize();
        return new()
        {
            Neighbourhoods = Scale(d.Neighbourhoods, factor, 4),
            Organisations = Scale(d.Organisations, factor, 10),
            Activities = Scale(d.Activities, factor, 20),
            Initiatives = Scale(d.Initiatives, factor, 10),
            Grants = Scale(d.Grants, factor, 10),
        };
    }

    private static int Scale(int count, double factor, int minimum) => Math.Max(minimum, (int)Math.Round(count * factor));
}

/// <summary>What a run wrote: the municipality that holds it and the rows per table.</summary>
public sealed record SyntheticReport(Guid MunicipalityId, string MunicipalityCode, IReadOnlyDictionary<string, int> Rows, IReadOnlyDictionary<string, TimeSpan> Took, TimeSpan Elapsed)
{
    public int TotalRows => Rows.Values.Sum();
}

/// <summary>
/// A large, deterministic data set for benchmarks and for tests that need volume: one synthetic municipality ("SY" and
/// the seed's last four digits — never a CBS code; its regions get no CBS codes at all) with its districts,
/// neighbourhoods and areas, and organisations, initiatives, activities with their themes, target groups, regions and
/// partners, reach figures, budget lines, programmes, grants with allocations and disbursements, and signals. The same
/// seed and size give the same rows (IDs, names, dates) every time. Themes and target groups are the starting
/// taxonomy's (<see cref="DemoTaxonomy"/>), added when missing. Every record is marked as demo data and named
/// "(synthetisch)". Rows are written with <see cref="BulkInsert"/> in one transaction.
/// </summary>
public sealed class SyntheticData
{
    private const string Suffix = " (synthetisch)";

    private static readonly DateTime Clock = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Formats =
    [
        "Kookworkshop", "Inloopspreekuur", "Training", "Cursus", "Huiswerkbegeleiding", "Sportinstuif", "Voorlichting",
        "Ontmoetingsochtend", "Wandelgroep", "Taalles", "Opvoedcursus", "Spelmiddag", "Moestuinproject", "Beweegles",
        "Gespreksgroep", "Budgetcursus", "Weerbaarheidstraining", "Leesclub", "Zwemles", "Muziekles",
    ];

    private static readonly string[] Topics =
    [
        "gezonde voeding", "omgaan met geld", "zelfvertrouwen", "opvoeden", "bewegen", "samen koken", "digitale vaardigheden",
        "schulden voorkomen", "eenzaamheid", "concentratie", "goed slapen", "mediawijsheid", "rouw en verlies", "mantelzorg",
        "de Nederlandse taal", "gezond gewicht", "minder stress", "pesten", "vriendschap", "de natuur",
    ];

    private static readonly (string Name, int? Minimum, int? Maximum)[] Audiences =
    [
        ("ouders", 18, null), ("kinderen", 4, 12), ("jongeren", 12, 23), ("ouderen", 65, null), ("moeders", 18, null),
        ("vaders", 18, null), ("gezinnen", null, null), ("buurtbewoners", null, null), ("nieuwkomers", 16, null), ("peuters", 2, 4),
    ];

    private static readonly string[] Places =
    [
        "De Linde", "Het Kompas", "De Regenboog", "De Brug", "Het Baken", "De Horizon", "De Eik", "Het Palet", "De Wilg",
        "Het Anker", "De Boog", "De Vonk", "Het Plein", "De Haven", "De Akker",
    ];

    private static readonly string[] InitiativeWords =
    [
        "Buurtkeuken", "Eettafel", "Repair Café", "Taalcafé", "Moestuin", "Speeltuinvereniging", "Buurtkamer", "Kledingbank",
        "Huiswerkhulp", "Wijkwandeling", "Buurtbibliotheek", "Klussendienst",
    ];

    private static readonly string[] Streets = ["Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Parklaan", "Havenkade", "Lindelaan", "Marktplein"];

    private static readonly Dictionary<OrganisationKind, string> KindWords = new()
    {
        [OrganisationKind.School] = "Basisschool",
        [OrganisationKind.FaithCommunity] = "Geloofsgemeenschap",
        [OrganisationKind.SportsClub] = "Sportvereniging",
        [OrganisationKind.YouthWork] = "Jongerenwerk",
        [OrganisationKind.Welfare] = "Welzijn",
        [OrganisationKind.CareProvider] = "Zorggroep",
        [OrganisationKind.PublicHealthService] = "GGD-team",
        [OrganisationKind.Municipality] = "Gemeentelijk team",
        [OrganisationKind.HousingCorporation] = "Woonstichting",
        [OrganisationKind.Fund] = "Fonds",
        [OrganisationKind.NeighbourhoodCompany] = "Wijkbedrijf",
        [OrganisationKind.Other] = "Stichting",
    };

    private static readonly string[] Iv3TaskFields = ["6.1", "6.2", "7.1", "4.3", "5.1"];

    private readonly Random _random;
    private readonly int _seed;
    private readonly SyntheticSize _size;
    private long _clockMs;

    private SyntheticData(int seed, SyntheticSize size)
    {
        _random = new Random(seed);
        _seed = seed;
        _size = size;
        _clockMs = new DateTimeOffset(Clock).ToUnixTimeMilliseconds();
    }

    /// <summary>The synthetic municipality's code for a seed: "SY" and four digits, so it can never be taken for a CBS code.</summary>
    public static string MunicipalityCode(int seed) => "SY" + Math.Abs(seed % 10_000).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Writes the data set for <paramref name="seed"/> into <paramref name="db"/>; refuses when it is there already.</summary>
    public static async Task<SyntheticReport> GenerateAsync(InfrastructuurDb db, SyntheticSize size, int seed, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var code = MunicipalityCode(seed);
        if (await db.Municipalities.AnyAsync(m => m.CbsCode == code, cancellationToken))
        {
            throw new InvalidOperationException($"A synthetic data set with code {code} is already in this database; use another seed.");
        }

        var (themes, groups) = await TaxonomyAsync(db, cancellationToken);
        Guid municipality;
        var rows = new Dictionary<string, int>();
        var took = new Dictionary<string, TimeSpan>();
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                // A large page cache keeps the one big transaction from spilling pages to the WAL again and again.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var municipalityId = Guid.Empty;
            await SearchIndex.BulkLoadAsync(
                db,
                async () => municipalityId = await OfferingFactTriggers.BulkLoadAsync(
                    db,
                    () => DashboardVersions.BulkLoadAsync(db, () => new SyntheticData(seed, size).WriteAsync(new BulkInsert(db), themes, groups, rows, took, cancellationToken), cancellationToken),
                    cancellationToken),
                cancellationToken);
            municipality = municipalityId;
            // The dashboards' facts in the same transaction: rebuilt, since the load asked for it.
            await DashboardFacts.CatchUpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (sqlite)
            {
                // The connection goes back to the pool: give it SQLite's default cache again.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }

        if (!sqlite)
        {
            // Statistics for the planner and the visibility map for index-only scans now, as autovacuum would give them later.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", cancellationToken);
        }
        else
        {
            await SqliteStatistics.AnalyzeAsync(db, cancellationToken);
        }

        return new SyntheticReport(municipality, code, rows, took, clock.Elapsed);
    }

    private static async Task<(Guid[] Themes, Guid[] Groups)> TaxonomyAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var themeCodes = DemoTaxonomy.Themes().SelectMany(t => t.Children.Prepend(t)).Select(t => t.Code).ToList();
        var groupCodes = DemoTaxonomy.TargetGroups().SelectMany(t => t.Children.Prepend(t)).Select(t => t.Code).ToList();
        if (!await db.Themes.AnyAsync(t => themeCodes.Contains(t.Code), cancellationToken))
        {
            db.AddRange(DemoTaxonomy.Themes());
            db.AddRange(DemoTaxonomy.TargetGroups());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        // In the taxonomy's own order, so that the same seed picks the same terms in every database.
        var themes = await db.Themes.Where(t => themeCodes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, t => t.Id, cancellationToken);
        var groups = await db.TargetGroups.Where(t => groupCodes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, t => t.Id, cancellationToken);
        return ([.. themeCodes.Where(themes.ContainsKey).Select(c => themes[c])], [.. groupCodes.Where(groups.ContainsKey).Select(c => groups[c])]);
    }

    private async Task<Guid> WriteAsync(BulkInsert bulk, Guid[] themes, Guid[] groups, Dictionary<string, int> rows, Dictionary<string, TimeSpan> took, CancellationToken ct)
    {
        async Task Entities<T>(string name, List<T> list)
            where T : class
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var entity in list.OfType<Entity>())
            {
                InfrastructuurDb.Derive(entity);
            }

            await bulk.EntitiesAsync(list, ct);
            (rows[name], took[name]) = (list.Count, clock.Elapsed);
        }

        async Task Links<TOwner>(string navigation, List<(Guid, Guid)> list)
            where TOwner : class
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await bulk.LinksAsync<TOwner>(navigation, list, ct);
            var name = $"{typeof(TOwner).Name}.{navigation}";
            (rows[name], took[name]) = (list.Count, clock.Elapsed);
        }

        // Geography: districts of five neighbourhoods each, and four working areas over the districts.
        var municipality = New(new Municipality { Name = $"Synthetische gemeente {_seed}{Suffix}", CbsCode = MunicipalityCode(_seed) });
        var districts = Enumerable.Range(1, (_size.Neighbourhoods + 4) / 5)
            .Select(i => New(new Neighbourhood { Name = $"Synthetische wijk {i}{Suffix}", Level = RegionLevel.District, LocalLabel = "wijk", MunicipalityId = municipality.Id }))
            .ToList();
        var places = Enumerable.Range(0, _size.Neighbourhoods)
            .Select(i => New(new Neighbourhood { Name = $"Synthetische buurt {i + 1}{Suffix}", Level = RegionLevel.Neighbourhood, LocalLabel = "buurt", MunicipalityId = municipality.Id, ParentId = districts[i / 5].Id }))
            .ToList();
        var areas = Enumerable.Range(1, Math.Min(4, districts.Count))
            .Select(i => New(new Area { Name = $"Synthetisch gebied {i}{Suffix}", MunicipalityId = municipality.Id }))
            .ToList();
        var areaLinks = districts.Select((d, i) => (areas[i % areas.Count].Id, d.Id)).ToList();
        await Entities("Municipalities", [municipality]);
        await Entities("Neighbourhoods", [.. districts, .. places]);
        await Entities("Areas", areas);
        await Links<Area>(nameof(Area.Neighbourhoods), areaLinks);

        // Organisations, each working in one to three neighbourhoods; three in five with an identifier.
        var kinds = Enum.GetValues<OrganisationKind>();
        var organisations = Enumerable.Range(1, _size.Organisations).Select(i =>
        {
            var kind = i <= 5 ? OrganisationKind.Fund : Pick(kinds);
            return New(new Organisation
            {
                Name = $"{KindWords[kind]} {Pick(Places)} {i}{Suffix}",
                Kind = kind,
                Description = $"{KindWords[kind]} in {municipality.Name}, actief op {Pick(Topics)} en {Pick(Topics)}.",
            });
        }).ToList();
        var identifiers = organisations.Where(_ => Chance(0.6)).Select(o => new OrganisationIdentifier
        {
            Id = NextId(),
            OrganisationId = o.Id,
            Scheme = "XI-SYNTHETIC",
            Value = $"{_seed}-{o.Id:N}",
        }).ToList();
        var organisationPlaces = organisations.SelectMany(o => Some(places, 1, 3).Select(p => (o.Id, p.Id))).ToList();
        await Entities("Organisations", organisations);
        await Entities("OrganisationIdentifiers", identifiers);
        await Links<Organisation>(nameof(Organisation.Neighbourhoods), organisationPlaces);

        // Residents' initiatives, a third hosted by an organisation.
        var initiatives = Enumerable.Range(1, _size.Initiatives).Select(i => New(new Initiative
        {
            Name = $"{Pick(InitiativeWords)} {Pick(Places)} {i}{Suffix}",
            Description = $"Bewoners organiseren {Pick(Topics)} voor {Pick(Audiences).Name} in de buurt.",
            Status = Chance(0.85) ? InitiativeStatus.Active : Pick(Enum.GetValues<InitiativeStatus>()),
            StartedOn = Day(new DateOnly(2015, 1, 1), 4000),
            MunicipalityId = municipality.Id,
            HostOrganisationId = Chance(0.33) ? Pick(organisations).Id : null,
        })).ToList();
        await Entities("Initiatives", initiatives);
        await Links<Initiative>(nameof(Initiative.Neighbourhoods), [.. initiatives.SelectMany(i => Some(places, 1, 2).Select(p => (i.Id, p.Id)))]);
        await Links<Initiative>(nameof(Initiative.Themes), [.. initiatives.SelectMany(i => Some(themes, 1, 2).Select(t => (i.Id, t)))]);

        // The offering: mostly one neighbourhood each, one to three themes, provided by organisations and some initiatives.
        var activities = Enumerable.Range(1, _size.Activities).Select(_ => NewActivity(municipality, organisations, initiatives)).ToList();
        await Entities("Activities", activities);
        await Links<Activity>(nameof(Activity.Themes), [.. activities.SelectMany(a => Some(themes, 1, 3).Select(t => (a.Id, t)))]);
        await Links<Activity>(nameof(Activity.TargetGroups), [.. activities.SelectMany(a => Some(groups, 1, 2).Select(g => (a.Id, g)))]);
        await Links<Activity>(nameof(Activity.Neighbourhoods), [.. activities.SelectMany(a => Some(places, 1, Chance(0.1) ? 2 : 1).Select(p => (a.Id, p.Id)))]);
        await Links<Activity>(nameof(Activity.Partners), [.. activities.Where(_ => Chance(0.25)).SelectMany(a => Some(organisations, 1, 2).Where(o => o.Id != a.ProviderOrganisationId).Select(o => (a.Id, o.Id)))]);
        await Entities("ReachRecords", [.. Enumerable.Range(0, _size.ReachRecords).Select(_ => NewReach(Pick(activities), places, groups))]);

        // Funding: each fund and the municipal team book on lines per year; grants draw on one or two lines of their funder.
        var funders = organisations.Where(o => o.Kind is OrganisationKind.Fund or OrganisationKind.Municipality).Take(Math.Max(5, _size.Grants / 1_000)).ToList();
        var lines = funders.SelectMany(f => Enumerable.Range(2023, 4).SelectMany(year => Iv3TaskFields.Select(iv3 => New(new BudgetLine
        {
            FunderId = f.Id,
            Year = year,
            Name = $"{f.Name} {year} taakveld {iv3}",
            Iv3TaskField = f.Kind == OrganisationKind.Municipality ? iv3 : null,
            Column = $"Kolom {iv3}",
            AmountBudgetedCents = _random.NextInt64(100_000_00, 5_000_000_00),
        })))).ToList();
        var programmes = Enumerable.Range(1, _size.Programmes).Select(i => New(new Programme
        {
            Name = $"Programma {Pick(Topics)} {Pick(Places)} {i}{Suffix}",
            Description = $"Een integraal programma over {Pick(Topics)} en {Pick(Topics)}, door bewoners en partners.",
            StartsOn = new DateOnly(2023 + (i % 3), 1, 1),
            EndsOn = new DateOnly(2027 + (i % 3), 12, 31),
            OwnerId = Pick(organisations).Id,
            MunicipalityId = municipality.Id,
            Status = Chance(0.8) ? ProgrammeStatus.Active : ProgrammeStatus.Draft,
        })).ToList();
        await Entities("BudgetLines", lines);
        await Entities("Programmes", programmes);
        await Links<Programme>(nameof(Programme.Neighbourhoods), [.. programmes.SelectMany(p => Some(places, 1, 4).Select(n => (p.Id, n.Id)))]);
        await Links<Programme>(nameof(Programme.Themes), [.. programmes.SelectMany(p => Some(themes, 1, 3).Select(t => (p.Id, t)))]);
        await Links<Programme>(nameof(Programme.Initiatives), [.. programmes.SelectMany(p => Some(initiatives, 2, 8).Select(i => (p.Id, i.Id)))]);
        await Links<Programme>(nameof(Programme.Organisations), [.. programmes.SelectMany(p => Some(organisations, 1, 4).Select(o => (p.Id, o.Id)))]);

        var linesByFunder = lines.GroupBy(l => l.FunderId).ToDictionary(g => g.Key, g => g.ToList());
        var grants = new List<Grant>();
        var allocations = new List<GrantAllocation>();
        var disbursements = new List<Disbursement>();
        for (var i = 1; i <= _size.Grants; i++)
        {
            var (grant, drawn, paid) = NewGrant(i, funders, linesByFunder, initiatives, organisations, programmes);
            grants.Add(grant);
            allocations.AddRange(drawn);
            disbursements.AddRange(paid);
        }

        await Entities("Grants", grants);
        await Entities("GrantAllocations", allocations);
        await Entities("Disbursements", disbursements);
        await Links<Grant>(nameof(Grant.Themes), [.. grants.Select(g => (g.Id, Pick(themes)))]);
        await Links<Grant>(nameof(Grant.BeneficiaryNeighbourhoods), [.. grants.Select(g => (g.Id, Pick(places).Id))]);

        // Signals: observed needs in every neighbourhood, from organisations and residents.
        var signals = Enumerable.Range(0, _size.Signals).Select(_ =>
        {
            var byResident = Chance(0.3);
            return New(new Signal
            {
                ObservedOn = Day(new DateOnly(2024, 1, 1), 1000),
                NeighbourhoodId = Pick(places).Id,
                MunicipalityId = municipality.Id,
                TargetGroupId = Chance(0.8) ? Pick(groups) : null,
                ReportedByOrganisationId = byResident ? null : Pick(organisations).Id,
                ReportedByResident = byResident,
                Status = Pick(Enum.GetValues<SignalStatus>()),
                UnderlyingThemeId = Chance(0.3) ? Pick(themes) : null,
            });
        }).ToList();
        await Entities("Signals", signals);
        await Links<Signal>(nameof(Signal.Themes), [.. signals.SelectMany(s => Some(themes, 1, 2).Select(t => (s.Id, t)))]);
        return municipality.Id;
    }

    private Activity NewActivity(Municipality municipality, List<Organisation> organisations, List<Initiative> initiatives)
    {
        var format = Pick(Formats);
        var topic = Pick(Topics);
        var audience = Pick(Audiences);
        var byInitiative = Chance(0.15);
        var start = Day(new DateOnly(2024, 1, 1), 1200);
        var schedule = _random.Next(3) switch
        {
            0 => ActivitySchedule.OneOff(start, new TimeOnly(10, 0), new TimeOnly(12, 0)),
            1 => ActivitySchedule.Period(Chance(0.1) ? null : start, Chance(0.4) ? null : start.AddDays(_random.Next(30, 400))),
            _ => ActivitySchedule.Weekly((Weekday)_random.Next(1, 8), new TimeOnly(_random.Next(8, 20), 0), new TimeOnly(_random.Next(20, 22), 0), start, Chance(0.5) ? null : start.AddDays(_random.Next(60, 365))),
        };
        var fixedPlace = Chance(0.7);
        return New(new Activity
        {
            Name = $"{format} {topic} voor {audience.Name}{Suffix}",
            Description = $"{format} over {Pick(Topics)}, in {Pick(Places)}. Voor {audience.Name}; {(Chance(0.6) ? "gratis" : "met een kleine bijdrage")}.",
            Status = Chance(0.8) ? ActivityStatus.Active : Pick(Enum.GetValues<ActivityStatus>()),
            MunicipalityId = municipality.Id,
            ProviderOrganisationId = byInitiative ? null : Pick(organisations).Id,
            ProviderInitiativeId = byInitiative ? Pick(initiatives).Id : null,
            MinimumAge = audience.Minimum,
            MaximumAge = audience.Maximum,
            PreventionLevel = Chance(0.7) ? Pick(Enum.GetValues<PreventionLevel>()) : null,
            EvidenceRecognition = Chance(0.8) ? EvidenceRecognition.None : Pick(Enum.GetValues<EvidenceRecognition>()),
            DeliverySetting = Pick(Enum.GetValues<DeliverySetting>()),
            Location = fixedPlace
                ? new ActivityLocation
                {
                    Street = Pick(Streets),
                    HouseNumber = _random.Next(1, 200).ToString(CultureInfo.InvariantCulture),
                    Postcode = Postcode.Parse($"{_random.Next(9000, 9999)} X{(char)('A' + _random.Next(26))}"),
                    Place = municipality.Name,
                    Latitude = Math.Round(51.8m + (decimal)_random.NextDouble() / 10, 6),
                    Longitude = Math.Round(4.3m + (decimal)_random.NextDouble() / 10, 6),
                }
                : null,
            Schedule = schedule,
            Cost = Chance(0.6) ? ActivityCost.Free() : ActivityCost.Fee(_random.Next(1, 40) * 100L, "per keer"),
            Capacity = Chance(0.6) ? _random.Next(5, 60) : null,
            Languages = Chance(0.8) ? ["nl"] : ["nl", Pick(new[] { "en", "ar", "tr", "pl" })],
            LastVerifiedOn = Chance(0.5) ? Day(new DateOnly(2025, 1, 1), 600) : null,
        });
    }

    private ReachRecord NewReach(Activity activity, List<Neighbourhood> places, Guid[] groups)
    {
        var from = Day(new DateOnly(2024, 1, 1), 900);
        return New(new ReachRecord
        {
            ActivityId = activity.Id,
            PeriodStart = from,
            PeriodEnd = from.AddDays(_random.Next(0, 120)),
            TargetGroupId = Chance(0.5) ? Pick(groups) : null,
            NeighbourhoodId = Chance(0.5) ? Pick(places).Id : null,
            Count = _random.Next(1, 300),
            CountingMethod = Pick(Enum.GetValues<CountingMethod>()),
        });
    }

    private (Grant Grant, List<GrantAllocation> Allocations, List<Disbursement> Disbursements) NewGrant(
        int number, List<Organisation> funders, Dictionary<Guid, List<BudgetLine>> linesByFunder, List<Initiative> initiatives, List<Organisation> organisations, List<Programme> programmes)
    {
        var funder = Pick(funders);
        var status = _random.Next(10) switch
        {
            0 => GrantStatus.Applied,
            1 => GrantStatus.Rejected,
            < 6 => GrantStatus.Awarded,
            < 9 => GrantStatus.Disbursed,
            _ => GrantStatus.Settled,
        };
        var awarded = status is GrantStatus.Awarded or GrantStatus.Disbursed or GrantStatus.Settled;
        var applied = Day(new DateOnly(2023, 1, 1), 1300);
        var recipient = _random.Next(20);
        var grant = New(new Grant
        {
            Identifier = $"360G-SYNTH-{_seed}-{number:D6}",
            Title = $"Subsidie {Pick(Topics)} {number}{Suffix}",
            Description = $"Voor {Pick(Topics)} met {Pick(Audiences).Name}.",
            FunderId = funder.Id,
            RecipientInitiativeId = recipient < 12 ? Pick(initiatives).Id : null,
            RecipientOrganisationId = recipient is >= 12 and < 19 ? Pick(organisations).Id : null,
            RecipientProgrammeId = recipient == 19 ? Pick(programmes).Id : null,
            AmountAppliedForCents = _random.Next(5, 500) * 100_00L,
            AppliedOn = applied,
            Status = status,
        });
        var allocations = new List<GrantAllocation>();
        var disbursements = new List<Disbursement>();
        if (!awarded)
        {
            return (grant, allocations, disbursements);
        }

        var awardDate = applied.AddDays(_random.Next(20, 120));
        var amount = grant.AmountAppliedForCents!.Value;
        grant.AwardDate = awardDate;
        grant.AmountAwardedCents = amount;
        grant.PlannedStartsOn = awardDate;
        grant.PlannedEndsOn = awardDate.AddDays(365);
        var drawn = Some(linesByFunder[funder.Id], 1, Chance(0.3) ? 2 : 1).ToList();
        var share = amount / drawn.Count;
        allocations.AddRange(drawn.Select((l, i) => New(new GrantAllocation
        {
            GrantId = grant.Id,
            BudgetLineId = l.Id,
            AmountCents = i == 0 ? amount - (share * (drawn.Count - 1)) : share,
        })));
        if (status != GrantStatus.Awarded)
        {
            disbursements.Add(New(new Disbursement { GrantId = grant.Id, PaidOn = awardDate.AddDays(30), AmountCents = allocations[0].AmountCents, BudgetLineId = allocations[0].BudgetLineId }));
        }

        return (grant, allocations, disbursements);
    }

    /// <summary>A new record with a deterministic version 7 UUID (time-ordered, like the app's own) and fixed audit times.</summary>
    private T New<T>(T entity)
        where T : Entity
    {
        entity.Id = NextId();
        entity.CreatedAt = entity.ModifiedAt = Clock.AddMinutes(_random.Next(0, 60 * 24 * 300));
        entity.IsDemoData = true;
        return entity;
    }

    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = _clockMs++;
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(ms >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)ms);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private DateOnly Day(DateOnly from, int days) => from.AddDays(_random.Next(days));

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> distinct items.</summary>
    private IEnumerable<T> Some<T>(IReadOnlyList<T> items, int min, int max)
    {
        var count = Math.Min(items.Count, _random.Next(min, max + 1));
        var picked = new HashSet<int>();
        while (picked.Count < count)
        {
            picked.Add(_random.Next(items.Count));
        }

        return picked.Order().Select(i => items[i]);
    }
}
