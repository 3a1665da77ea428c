using System.ComponentModel;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Programmes;

public sealed class ProgrammeStatusType : EnumerationGraphType<ProgrammeStatus>
{
    public ProgrammeStatusType()
    {
        Name = "ProgrammeStatus";
        Description = "Where a programme stands.";
    }
}

public sealed class ProgrammeType : ObjectGraphType<Programme>
{
    public static readonly KeysetOrder<Programme, string> ByName = ProgrammeOrder.ByName.Ascending;

    public ProgrammeType()
    {
        Description = "A multi-year integral programme (such as Mooi Mooier Middelland): goals across themes, written by residents and partners, funded from several budget columns.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(p => p.Name).Description("The programme's name.");
        Field(p => p.Description, nullable: true).Description("What the programme wants to achieve, in its own words.");
        Field(p => p.StartsOn).Description("The first day of the programme's period.");
        Field(p => p.EndsOn).Description("The last day of the programme's period.");
        Field(p => p.ModifiedAt).Description("When the record last changed (UTC); orderBy MODIFIED_AT reads it.");
        Field(p => p.WrittenBy, nullable: true).Description("Who wrote the programme, in words (e.g. \"residents of Middelland with the Huis van de Wijk\").");
        Field<NonNullGraphType<OrganisationType>>("owner")
            .Description("The organisation that owns the programme and answers for it.")
            .Reads(x => x.OwnerId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.OwnerId));
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the programme belongs to.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<NonNullGraphType<ProgrammeStatusType>>("status").Description("Where the programme stands.").FromColumn(x => x.Status);
        Field(p => p.EndorsedOn, nullable: true).Description("The day the municipality endorsed the programme; null while it has not.");
        Field(p => p.EndorsementNote, nullable: true).Description("What the municipality said when it endorsed the programme.");
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The regions the programme is for, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => p => p.Neighbourhoods, NeighbourhoodType.ByName));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes the programme works on, by Dutch name.")
            .Reads().Resolve(ctx => ctx.Loader<ThemesByProgramme>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyType>>>>("participants")
            .Description("The organisations and initiatives taking part, by name.")
            .Reads().Resolve(ctx => ctx.Loader<ParticipantsByProgramme>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgrammeGoalType>>>>("goals")
            .Description("The programme's goals, in the programme's order.")
            .Reads().Resolve(ctx => ctx.Loader<GoalsByProgramme>().Load(ctx.Source.Id).Then(list => list ?? []));
        this.AddFundingFields();
    }
}

public sealed class ProgrammeGoalType : ObjectGraphType<ProgrammeGoal>
{
    public ProgrammeGoalType()
    {
        // Indicator values are stored as exact decimals and shown as Float: they are counts and percentages, not money.
        Description = "A goal of a programme, with an indicator measured against a baseline and a target.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(g => g.Text).Description("The goal in words.");
        Field<ThemeType>("theme")
            .Description("The theme the goal belongs to, if any.")
            .Reads(x => x.ThemeId).Resolve(ctx => ctx.LoadSelectedById<Theme>(ctx.Source.ThemeId));
        Field(g => g.Indicator, nullable: true).Description("What is measured to follow the goal.");
        Field(g => g.Unit, nullable: true).Description("The unit of the indicator's values (e.g. \"children\", \"% of households\").");
        Field<FloatGraphType>("baseline").Description("The indicator's value at the start (the baseline), in the goal's unit.").Resolve(ctx => (double?)ctx.Source.Baseline);
        Field(g => g.BaselineYear, nullable: true).Description("The year the baseline was measured.");
        Field<FloatGraphType>("target").Description("The value the programme aims for, in the goal's unit.").Resolve(ctx => (double?)ctx.Source.Target);
        Field(g => g.TargetYear, nullable: true).Description("The year the target should be reached.");
        Field<NonNullGraphType<ProgrammeType>>("programme")
            .Description("The programme the goal belongs to.")
            .Reads(x => x.ProgrammeId).Resolve(ctx => ctx.LoadSelectedById<Programme>(ctx.Source.ProgrammeId));
        Field<NonNullGraphType<ConnectionType<GoalMeasurementType>>>("measurements")
            .Description("Measured values of the indicator, oldest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => g => db.GoalMeasurements.Where(m => m.GoalId == g.Id), GoalMeasurementType.ByMeasuredOn));
    }
}

public sealed class GoalMeasurementType : ObjectGraphType<GoalMeasurement>
{
    public static readonly KeysetOrder<GoalMeasurement, DateOnly> ByMeasuredOn = new("measuredOn", m => m.MeasuredOn);

    public GoalMeasurementType()
    {
        Description = "A value of a goal's indicator, measured on a day.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(m => m.MeasuredOn).Description("The day the value was measured.");
        Field<NonNullGraphType<FloatGraphType>>("value").Description("The measured value, in the goal's unit.").Resolve(ctx => (double)ctx.Source.Value);
        Field(m => m.Note, nullable: true).Description("How the value was measured, or what it means.");
    }
}

/// <summary>The programme edges of initiatives and organisations; called from their graph types.</summary>
public static class ProgrammeFields
{
    public static void AddProgrammeFields(this InitiativeType type) =>
        type.Field<NonNullGraphType<ConnectionType<ProgrammeType>>>("programmes")
            .Description("Programmes the initiative takes part in, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => i => i.Programmes, ProgrammeType.ByName));

    public static void AddProgrammeFields(this OrganisationType type)
    {
        type.Field<NonNullGraphType<ConnectionType<ProgrammeType>>>("programmes")
            .Description("Programmes the organisation takes part in, by name (see ownedProgrammes for those it owns).")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => o => o.Programmes, ProgrammeType.ByName));
        type.Field<NonNullGraphType<ConnectionType<ProgrammeType>>>("ownedProgrammes")
            .Description("Programmes the organisation owns, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => o => db.Programmes.Where(p => p.OwnerId == o.Id), ProgrammeType.ByName));
    }
}

public sealed class ProgrammeFilter
{
    public string? Municipality { get; set; }

    public string? MunicipalityCode { get; set; }

    public string? Neighbourhood { get; set; }

    public string? NeighbourhoodCode { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? ThemeCodes { get; set; }

    public List<ProgrammeStatus>? Statuses { get; set; }

    /// <summary>The codes given, checked for their shape and against their ID twins.</summary>
    public CodeSet Codes() => new(
        Shared.Codes.Municipality(Municipality, MunicipalityCode, "municipalityCode"),
        Shared.Codes.Neighbourhood(Neighbourhood, NeighbourhoodCode, "neighbourhoodCode"),
        Themes: Shared.Codes.Terms(Themes, ThemeCodes, "themeCodes"));

    public DateOnly? ActiveOn { get; set; }

    public string? Text { get; set; }
}

public sealed class ProgrammeFilterType : InputObjectGraphType<ProgrammeFilter>
{
    public ProgrammeFilterType()
    {
        Name = "ProgrammeFilter";
        Description = "Which programmes to list; all conditions given must hold.";
        Field<IdGraphType>("municipality").Description("Only programmes of this municipality (global ID).");
        Field<IdGraphType>("neighbourhood").Description("Only programmes for this region or a region inside it (a district includes its neighbourhoods).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("Only programmes on at least one of these themes or their sub-themes (at most 100).").AtMostMaxKeys();
        Field<StringGraphType>("municipalityCode").Description(Codes.MunicipalityCodeDescription("municipality"));
        Field<StringGraphType>("neighbourhoodCode").Description(Codes.NeighbourhoodCodeDescription("neighbourhood"));
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("themeCodes").Description(Codes.TermCodesDescription("themes", "Theme")).AtMostMaxKeys();
        Field<ListGraphType<NonNullGraphType<ProgrammeStatusType>>>("statuses").Description("Only programmes with one of these statuses; omitted or empty: any status.");
        Field<DateOnlyGraphType>("activeOn").Description("Only programmes whose period includes this day.");
        Field<StringGraphType>("text").Description($"Only programmes whose name and description contain every word of this text, ignoring case and accents (\"gezonde wijk\" finds \"Gezonde Wijk Zuid\"). At most {Filters.MaxTextLength} characters.");
    }
}

public enum ProgrammeOrderField
{
    [Description("By name, ignoring case and accents.")]
    Name = 1,

    [Description("By first day.")]
    StartsOn,

    [Description("By the moment of the last change (see modifiedAt).")]
    ModifiedAt,
}

public sealed class ProgrammeOrderFieldType() : DescribedEnumType<ProgrammeOrderField>("What programmes can be ordered by.");

public sealed class ProgrammeOrder : ListOrder<ProgrammeOrderField>
{
    public static readonly KeysetOrderPair<Programme, string> ByName = new("name", p => p.NameKey);
    private static readonly KeysetOrderPair<Programme, DateOnly> ByStartsOn = new("startsOn", p => p.StartsOn);
    private static readonly KeysetOrderPair<Programme, DateTime> ByModifiedAt = new("modifiedAt", p => p.ModifiedAt);

    /// <summary>The keyset ordering, ties broken by ID so that paging never skips or repeats a programme.</summary>
    public IKeysetOrder<Programme> Keyset() => Field switch
    {
        ProgrammeOrderField.StartsOn => ByStartsOn.In(Direction),
        ProgrammeOrderField.ModifiedAt => ByModifiedAt.In(Direction),
        _ => ByName.In(Direction),
    };
}

public sealed class ProgrammeOrderType() : ListOrderType<ProgrammeOrder, ProgrammeOrderField, ProgrammeOrderFieldType>("ProgrammeOrder", "programmes");

public static class ProgrammeQueries
{
    public static void AddProgrammeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ProgrammeType>>>("programmes")
            .Description("Integral programmes matching filterBy, in the order of orderBy (name when left out).")
            .PagingArguments()
            .Argument<ProgrammeFilterType>("filterBy", "Which programmes to list.")
            .Argument<ProgrammeOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<ProgrammeFilter?>("filterBy") ?? new();
                var order = ctx.GetArgument<ProgrammeOrder?>("orderBy")?.Keyset() ?? ProgrammeType.ByName;
                var words = Filters.Words(filter.Text);
                var municipality = filter.Municipality is { } id ? GlobalId.Decode(id, nameof(Municipality)) : (Guid?)null;
                var codes = filter.Codes();
                var municipalityCode = codes.Municipality;
                await ctx.EnsureKnownAsync(codes);
                List<Guid>? places, themes;
                await using (var db = await ctx.OpenDbAsync())
                {
                    places = await ctx.NeighbourhoodsWithinAsync(db, filter.Neighbourhood, codes.Neighbourhood);
                    themes = await ctx.ThemesWithinAsync(db, filter.Themes, codes.Themes);
                }

                var statuses = filter.Statuses is { Count: > 0 } s ? s : null;
                var activeOn = filter.ActiveOn;
                return await ctx.PageAsync(
                    db => db.Programmes.Where(p =>
                        (municipality == null || p.MunicipalityId == municipality)
                        && (municipalityCode == null || db.Municipalities.Any(m => m.Id == p.MunicipalityId && m.CbsCode == municipalityCode))
                        && (places == null || p.Neighbourhoods.Any(n => places.Contains(n.Id)))
                        && (themes == null || p.Themes.Any(t => themes.Contains(t.Id)))
                        && (statuses == null || statuses.Contains(p.Status))
                        && (activeOn == null || (p.StartsOn <= activeOn && p.EndsOn >= activeOn))).ContainingWords(words),
                    order);
            });

        query.Field<ProgrammeType>("programme")
            .Description("One programme by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The programme's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Programme>(GlobalId.Decode(ctx.GetArgument<string>("id"), nameof(Programme))));
    }
}

/// <summary>Each programme's goals, in order, for a whole page of programmes in one query.</summary>
public sealed class GoalsByProgramme(IDbContextFactory<InfrastructuurDb> factory) : ListsByParent<ProgrammeGoal>(factory)
{
    protected override IQueryable<ProgrammeGoal> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> parents) =>
        db.ProgrammeGoals.Where(g => parents.Contains(g.ProgrammeId)).OrderBy(g => g.Position).ThenBy(g => g.Id);

    protected override Guid ParentOf(ProgrammeGoal row) => row.ProgrammeId;
}

/// <summary>Each programme's participating organisations and initiatives, by name: two queries for a whole page of programmes.</summary>
public sealed class ParticipantsByProgramme(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, List<object>>
{
    protected override async Task<IReadOnlyDictionary<Guid, List<object>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var programmes = db.Programmes.AsNoTracking().Where(p => keys.Contains(p.Id));
        var organisations = await programmes.SelectMany(p => p.Organisations, (p, o) => new { ProgrammeId = p.Id, Organisation = o }).ToListAsync(cancellationToken);
        var initiatives = await programmes.SelectMany(p => p.Initiatives, (p, i) => new { ProgrammeId = p.Id, Initiative = i }).VisibleTo(viewer).ToListAsync(cancellationToken);
        return organisations.Select(r => (r.ProgrammeId, Key: r.Organisation.NameKey, r.Organisation.Id, Participant: (object)r.Organisation))
            .Concat(initiatives.Select(r => (r.ProgrammeId, Key: r.Initiative.NameKey, r.Initiative.Id, Participant: (object)r.Initiative)))
            .GroupBy(r => r.ProgrammeId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Participant).ToList());
    }
}

/// <summary>Each programme's themes, for a whole page of programmes in one query.</summary>
public sealed class ThemesByProgramme(IDbContextFactory<InfrastructuurDb> factory) : TermsByOwner<Programme, Theme>(factory, p => p.Themes);
