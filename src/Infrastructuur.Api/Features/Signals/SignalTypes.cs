using System.ComponentModel;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Signals;

/// <summary>Who raised a signal, as far as the public may know.</summary>
public enum ReporterKind
{
    [Description("An organisation raised the signal (see reportingOrganisation).")]
    Organisation = 1,

    [Description("A resident raised the signal; who it was is never exposed.")]
    Resident,
}

public sealed class ReporterKindType : EnumerationGraphType<ReporterKind>
{
    public ReporterKindType()
    {
        Name = "ReporterKind";
        Description = "Who raised a signal: an organisation or a resident.";
    }
}

public sealed class SignalStatusType : EnumerationGraphType<SignalStatus>
{
    public SignalStatusType()
    {
        Name = "SignalStatus";
        Description = "Where a signal stands: new → discussed → addressed → closed.";
    }
}

// A signal reaches only those who may read it as a record (VisibilityRules.Signal, applied on every path: lists, their
// totalCount, node(id:), nested lists); everyone else gets suppressed counts from Query.counts. Nothing about a person is on a signal.
public sealed class SignalType : ObjectGraphType<Signal>
{
    public static readonly KeysetOrder<Signal, DateOnly> ByObservedOn = new("observedOn", s => s.ObservedOn, descending: true);

    public SignalType()
    {
        Description = "An observed need in a neighbourhood (e.g. teachers seeing concentration problems in children), the theme it was traced to and where it stands. "
            + "Signals are records about residents: you see one only if it is in your scope (officials of its municipality; staff of the reporting organisation "
            + "or of one whose activity answers it; coordinators of an initiative whose activity answers it; administrators). Anyone else gets counts per area and theme from Query.counts, small cells suppressed.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        this.AddVersionField();
        Field(s => s.ObservedOn).Description("The day the need was observed.");
        Field<NonNullGraphType<NeighbourhoodType>>("neighbourhood")
            .Description("Where the need was observed; its areas and municipality are reachable from it.")
            .Reads(x => x.NeighbourhoodId).Resolve(ctx => ctx.LoadSelectedById<Neighbourhood>(ctx.Source.NeighbourhoodId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes of the need as observed, by Dutch name.")
            .Resolve(ctx => ctx.Loader<ThemesBySignal>().ListOf(ctx.Source));
        Field<TargetGroupType>("targetGroup")
            .Description("The group of people the need concerns, if known.")
            .Reads(x => x.TargetGroupId).Resolve(ctx => ctx.LoadSelectedById<TargetGroup>(ctx.Source.TargetGroupId));
        Field<NonNullGraphType<SignalStatusType>>("status").Description("Where the signal stands.").FromColumn(x => x.Status);
        Field<ThemeType>("underlyingTheme")
            .Description("The theme the network traced the need to (concentration problems → debt and poverty); null until traced.")
            .Reads(x => x.UnderlyingThemeId).Resolve(ctx => ctx.LoadSelectedById<Theme>(ctx.Source.UnderlyingThemeId));
        Field<StringGraphType>("description")
            .Policy(Policies.Scoped)
            .Description("What was observed, in the reporter's words; it may describe residents' circumstances. Readable by everyone who may see the signal; null when there is none.")
            .FromColumn(x => x.Description);
        Field<NonNullGraphType<ReporterKindType>>("reporterKind")
            .Description("Who raised the signal: an organisation or a resident.")
            .Reads(s => s.ReportedByResident)
            .Resolve(ctx => ctx.Source.ReportedByResident ? ReporterKind.Resident : ReporterKind.Organisation);
        Field<OrganisationType>("reportingOrganisation")
            .Description("The organisation that raised the signal when reporterKind is ORGANISATION; always null for a resident.")
            .Reads(s => s.ReportedByResident, s => s.ReportedByOrganisationId)
            .Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.ReportedByResident ? null : ctx.Source.ReportedByOrganisationId));
        Field<NonNullGraphType<ConnectionType<NetworkMeetingType>>>("discussedAt")
            .Description("The network meetings that discussed the signal, most recent first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => s => s.DiscussedAt, NetworkMeetingType.ByDate));
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("responses")
            .Description("The activities started or changed in response to the signal (linkSignalResponse), by name; each one's provider is the organisation or initiative that responds. "
                + "Only activities you may see, as in every list of activities (a draft only to its provider's scope and officials of its municipality).")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => s => db.SignalResponses.Where(r => r.SignalId == s.Id).Join(db.Activities, r => r.ActivityId, a => a.Id, (_, a) => a), ActivityOrder.Default));
    }
}

/// <summary>The filters of Query.signals.</summary>
public sealed class SignalFilter
{
    public string? Municipality { get; set; }

    public string? MunicipalityCode { get; set; }

    public string? Area { get; set; }

    public string? Neighbourhood { get; set; }

    public string? NeighbourhoodCode { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? ThemeCodes { get; set; }

    public List<SignalStatus>? Statuses { get; set; }

    /// <summary>The codes given, checked for their shape and against their ID twins.</summary>
    public CodeSet Codes() => new(
        Shared.Codes.Municipality(Municipality, MunicipalityCode, "municipalityCode"),
        Shared.Codes.Neighbourhood(Neighbourhood, NeighbourhoodCode, "neighbourhoodCode"),
        Themes: Shared.Codes.Terms(Themes, ThemeCodes, "themeCodes"));

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

public sealed class SignalFilterType : InputObjectGraphType<SignalFilter>
{
    public SignalFilterType()
    {
        Name = "SignalFilter";
        Description = "Narrows Query.signals; all given filters apply together.";
        Field<IdGraphType>("municipality").Description("Only signals in this municipality (its global ID).");
        Field<StringGraphType>("municipalityCode").Description(Codes.MunicipalityCodeDescription("municipality"));
        Field<IdGraphType>("area").Description("Only signals in this working area: in one of its neighbourhoods or in a region directly inside one (global ID).");
        Field<IdGraphType>("neighbourhood").Description("Only signals in this region or in a region directly inside it (a wijk includes its buurten; global ID).");
        Field<StringGraphType>("neighbourhoodCode").Description(Codes.NeighbourhoodCodeDescription("neighbourhood"));
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("Only signals on one of these themes or one of their direct sub-themes (global IDs).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("themeCodes").Description(Codes.TermCodesDescription("themes", "Theme"));
        Field<ListGraphType<NonNullGraphType<SignalStatusType>>>("statuses").Description("Only signals with one of these statuses.");
        Field<DateOnlyGraphType>("from").Description("Only signals observed on or after this day.");
        Field<DateOnlyGraphType>("to").Description("Only signals observed on or before this day.");
    }
}

public static class SignalQueries
{
    public static void AddSignalQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<SignalType>>>("signals")
            .Description("The signals of observed needs you may see (see Signal), most recently observed first; totalCount counts only those. Counts for everyone: Query.counts(of: SIGNALS).")
            .PagingArguments()
            .Argument<SignalFilterType>("filterBy", "Narrows the list.")
            .ResolveAsync(async ctx =>
            {
                // Read the arguments now: the count runs later, when the resolve context may already serve another field.
                var filter = ctx.GetArgument<SignalFilter?>("filterBy") ?? new();
                var matching = Matching(filter);
                var codes = filter.Codes();
                await ctx.EnsureKnownAsync(codes);
                return await ctx.PageAsync(db => ByCodes(db, db.Signals.Where(matching), codes), SignalType.ByObservedOn);
            });

        query.Field<SignalType>("signal")
            .Description("One signal by its global ID; null with NOT_FOUND when there is none or you may not see it (see Signal).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The signal's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Signal>(GlobalId.Decode(ctx.GetArgument<string>("id"), nameof(Signal))));
    }

    /// <summary>The code twins of <see cref="Matching"/>'s conditions, resolved in the same SQL.</summary>
    private static IQueryable<Signal> ByCodes(InfrastructuurDb db, IQueryable<Signal> signals, CodeSet codes)
    {
        if (codes.Municipality is { } municipality)
        {
            var ids = Codes.MunicipalityIds(db, municipality);
            signals = signals.Where(s => ids.Contains(s.MunicipalityId));
        }

        if (codes.Neighbourhood is { } region)
        {
            var ids = Codes.AtOrBelow(db, region);
            signals = signals.Where(s => ids.Contains(s.NeighbourhoodId));
        }

        if (codes.Themes is { } themes)
        {
            var ids = Codes.TermIds<Theme>(db, [.. themes]);
            signals = signals.Where(s => s.Themes.Any(t => ids.Contains(t.Id) || (t.ParentId != null && ids.Contains(t.ParentId.Value))));
        }

        return signals;
    }

    private static Expression<Func<Signal, bool>> Matching(SignalFilter filter)
    {
        var municipality = filter.Municipality is { } m ? GlobalId.Decode(m, nameof(Municipality)) : (Guid?)null;
        var area = filter.Area is { } a ? GlobalId.Decode(a, nameof(Area)) : (Guid?)null;
        var place = filter.Neighbourhood is { } n ? GlobalId.Decode(n, nameof(Neighbourhood)) : (Guid?)null;
        var themes = IdList.Decode(filter.Themes, nameof(Theme));
        var statuses = filter.Statuses?.Distinct().ToList();
        var (from, to) = (filter.From, filter.To);
        return s =>
            (municipality == null || s.MunicipalityId == municipality)
            && (place == null || s.NeighbourhoodId == place || s.Neighbourhood!.ParentId == place)
            && (area == null || s.Neighbourhood!.Areas.Any(x => x.Id == area) || s.Neighbourhood!.Parent!.Areas.Any(x => x.Id == area))
            && (themes == null || s.Themes.Any(t => themes.Contains(t.Id) || (t.ParentId != null && themes.Contains(t.ParentId.Value))))
            && (statuses == null || statuses.Contains(s.Status))
            && (from == null || s.ObservedOn >= from)
            && (to == null || s.ObservedOn <= to);
    }
}

public sealed class ThemesBySignal(IDbContextFactory<InfrastructuurDb> factory) : ThemesBy<Signal>(factory)
{
    protected override Expression<Func<Signal, IEnumerable<Theme>>> Children(InfrastructuurDb db) => s => s.Themes;
}
