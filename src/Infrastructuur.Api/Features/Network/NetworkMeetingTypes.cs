using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Network;

public sealed class NetworkMeetingType : ObjectGraphType<NetworkMeeting>
{
    public static readonly KeysetOrder<NetworkMeeting, DateOnly> ByDate = new("date", m => m.Date, descending: true);

    public NetworkMeetingType()
    {
        Description = "A meeting of the network, such as a municipality's yearly meeting per area: who took part, which themes and signals were discussed, and what came of it.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<StringGraphType>>("name").Description("The meeting's name.").FromColumn(m => m.Title);
        Field<NonNullGraphType<DateOnlyGraphType>>("heldOn").Description("The day of the meeting.").FromColumn(m => m.Date);
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the meeting belongs to.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<AreaType>("area")
            .Description("The working area the meeting was about; null for a meeting of the whole municipality.")
            .Reads(x => x.AreaId).Resolve(ctx => ctx.LoadSelectedById<Area>(ctx.Source.AreaId));
        Field<OrganisationType>("organiser")
            .Description("The organisation that organised the meeting, if recorded.")
            .Reads(x => x.OrganiserId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.OrganiserId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyType>>>>("participants")
            .Description("The organisations and initiatives that took part, by name.")
            .Resolve(ctx => ctx.Loader<ParticipantsByMeeting>().ListOf(ctx.Source).Then(rows => rows.Select(r => r.Party)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes on the agenda, by Dutch name.")
            .Resolve(ctx => ctx.Loader<ThemesByMeeting>().ListOf(ctx.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SignalType>>>>("signalsDiscussed")
            .Description("The signals discussed that you may see (see Signal), most recently observed first.")
            .Resolve(ctx => ctx.Loader<SignalsByMeeting>().ListOf(ctx.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CollaborationType>>>>("collaborationsStarted")
            .Description("Outcome: the collaborations the meeting started, newest first.")
            .Resolve(ctx => ctx.Loader<CollaborationsByMeeting>().ListOf(ctx.Source));
        Field(m => m.OutcomeNotes, nullable: true).Description("Outcome: what was agreed, in words.");
    }
}

/// <summary>The filters of Query.networkMeetings.</summary>
public sealed class NetworkMeetingFilter
{
    public string? Municipality { get; set; }

    public string? Area { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

public sealed class NetworkMeetingFilterType : InputObjectGraphType<NetworkMeetingFilter>
{
    public NetworkMeetingFilterType()
    {
        Name = "NetworkMeetingFilter";
        Description = "Narrows Query.networkMeetings; all given filters apply together.";
        Field<IdGraphType>("municipality").Description("Only meetings of this municipality (its global ID).");
        Field<IdGraphType>("area").Description("Only meetings about this working area (its global ID).");
        Field<DateOnlyGraphType>("from").Description("Only meetings on or after this day.");
        Field<DateOnlyGraphType>("to").Description("Only meetings on or before this day.");
    }
}

public static class NetworkQueries
{
    public static void AddNetworkQueries(this ObjectGraphType query)
    {
        query.AddCollaborationQueries();

        query.Field<NonNullGraphType<ConnectionType<NetworkMeetingType>>>("networkMeetings")
            .Description("Network meetings, most recent first.")
            .PagingArguments()
            .Argument<NetworkMeetingFilterType>("filterBy", "Narrows the list.")
            .ResolveAsync(ctx =>
            {
                var filter = ctx.GetArgument<NetworkMeetingFilter?>("filterBy") ?? new();
                var municipality = filter.Municipality is { } m ? GlobalId.Decode(m, nameof(Municipality)) : (Guid?)null;
                var area = filter.Area is { } a ? GlobalId.Decode(a, nameof(Area)) : (Guid?)null;
                var (from, to) = (filter.From, filter.To);
                return ctx.PageAsync(
                    db => db.NetworkMeetings.Where(n =>
                        (municipality == null || n.MunicipalityId == municipality)
                        && (area == null || n.AreaId == area)
                        && (from == null || n.Date >= from)
                        && (to == null || n.Date <= to)),
                    NetworkMeetingType.ByDate);
            });

        query.Field<NetworkMeetingType>("networkMeeting")
            .Description("One network meeting by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The meeting's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<NetworkMeeting>(GlobalId.Decode(ctx.GetArgument<string>("id"), nameof(NetworkMeeting))));
    }
}

public static class NetworkMeetingFields
{
    /// <summary>Adds <c>networkMeetings</c> to the area type.</summary>
    public static void AddNetworkMeetingFields(this ObjectGraphType<Area> area) =>
        area.Field<NonNullGraphType<ConnectionType<NetworkMeetingType>>>("networkMeetings")
            .Description("The network meetings about this area, most recent first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => a => db.NetworkMeetings.Where(m => m.AreaId == a.Id), NetworkMeetingType.ByDate));
}

public sealed class ParticipantsByMeeting(IDbContextFactory<InfrastructuurDb> factory) : PartiesBy<NetworkMeeting>(factory)
{
    protected override Expression<Func<NetworkMeeting, IEnumerable<PartyRow>>> Children(InfrastructuurDb db) =>
        m => m.Participants.Select(p => new PartyRow { Organisation = p.Organisation, Initiative = p.Initiative });
}

public sealed class ThemesByMeeting(IDbContextFactory<InfrastructuurDb> factory) : ThemesBy<NetworkMeeting>(factory)
{
    protected override Expression<Func<NetworkMeeting, IEnumerable<Theme>>> Children(InfrastructuurDb db) => m => m.Themes;
}

public sealed class SignalsByMeeting(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<NetworkMeeting, Signal>(factory)
{
    protected override Expression<Func<NetworkMeeting, IEnumerable<Signal>>> Children(InfrastructuurDb db) => m => m.SignalsDiscussed;

    protected override IEnumerable<Signal> Sort(IEnumerable<Signal> rows) => SignalType.ByObservedOn.InOrder(rows, reverse: false);
}

public sealed class CollaborationsByMeeting(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<NetworkMeeting, Collaboration>(factory)
{
    protected override Expression<Func<NetworkMeeting, IEnumerable<Collaboration>>> Children(InfrastructuurDb db) => m => m.CollaborationsStarted;

    protected override IEnumerable<Collaboration> Sort(IEnumerable<Collaboration> rows) => CollaborationType.ByStartsOn.InOrder(rows, reverse: false);
}
