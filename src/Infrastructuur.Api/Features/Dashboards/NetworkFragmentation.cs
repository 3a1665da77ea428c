using System.ComponentModel;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

public enum NetworkNodeKind
{
    [Description("An organisation.")]
    Organisation = 1,

    [Description("A residents' initiative.")]
    Initiative,
}

public enum NetworkEdgeKind
{
    [Description("Both are parties to a collaboration that ran in the period; weight: how many such collaborations.")]
    Collaboration = 1,

    [Description("Both took part in a network meeting held in the period; weight: how many such meetings.")]
    Meeting,

    [Description("Both were members of the same coalition at some time in the period; weight: how many such coalitions. Coalitions such as the Huis van de Wijk are networks of their own, so shared membership is an edge.")]
    Coalition,
}

public sealed class NetworkNodeKindType() : DescribedEnumType<NetworkNodeKind>("What a node of the network graph is.");

public sealed class NetworkEdgeKindType() : DescribedEnumType<NetworkEdgeKind>("What ties two nodes of the network graph.");

public sealed record NetworkNode(PartyRef Party, string Name)
{
    public NetworkNodeKind Kind => Party.IsOrganisation ? NetworkNodeKind.Organisation : NetworkNodeKind.Initiative;
}

/// <summary>One tie between two nodes; <see cref="From"/>'s ID sorts before <see cref="To"/>'s, so each pair appears once per kind.</summary>
public sealed record NetworkEdge(PartyRef From, PartyRef To, NetworkEdgeKind Kind, int Weight);

public sealed record NetworkChange(NetworkGraph Now, NetworkGraph Before);

/// <summary>The network graph of one period and what it says about fragmentation.</summary>
public sealed class NetworkGraph
{
    public NetworkGraph(DateOnly from, DateOnly to, IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkEdge> edges)
    {
        From = from;
        To = to;
        Nodes = nodes;
        Edges = edges;

        // Union-find over the distinct pairs, whatever kind ties them.
        var index = nodes.Select((n, i) => (n.Party.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var parent = Enumerable.Range(0, nodes.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var pairs = edges.Select(e => (e.From.Id, e.To.Id)).Distinct().ToList();
        var degree = new int[nodes.Count];
        foreach (var (a, b) in pairs)
        {
            var (i, j) = (index[a], index[b]);
            degree[i]++;
            degree[j]++;
            parent[Find(i)] = Find(j);
        }

        EdgeCount = pairs.Count;
        var sizes = new int[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            sizes[Find(i)]++;
        }

        ComponentSizes = [.. sizes.Where(size => size > 0).OrderDescending()];

        // The nodes come by name (then ID), so the isolated ones do too.
        Isolated = [.. nodes.Where((_, i) => degree[i] == 0)];
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public IReadOnlyList<NetworkNode> Nodes { get; }

    public IReadOnlyList<NetworkEdge> Edges { get; }

    public int EdgeCount { get; }

    public IReadOnlyList<int> ComponentSizes { get; }

    public IReadOnlyList<NetworkNode> Isolated { get; }

    public double? Density => Nodes.Count < 2 ? null : 2.0 * EdgeCount / ((double)Nodes.Count * (Nodes.Count - 1));

    public double? LargestComponentShare => Nodes.Count == 0 ? null : (double)ComponentSizes[0] / Nodes.Count;

    /// <summary>
    /// Nodes: organisations working in a region of the scope, and residents' initiatives of the scope that are active or paused
    /// and had started by the period's end. Edges: ties of the municipality's collaborations, meetings and coalitions in the
    /// period between two nodes, each kind found by one self-join grouped by pair in SQL.
    /// </summary>
    public static async Task<NetworkGraph> ComputeAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken) =>
        await ComputeAsync(db, scope, await NodesAsync(db, scope, cancellationToken), cancellationToken);

    /// <summary>
    /// The graph of the scope's period from the place's candidate nodes (<see cref="NodesAsync"/>): those whose initiative
    /// had started by the period's end.
    /// </summary>
    public static async Task<NetworkGraph> ComputeAsync(InfrastructuurDb db, Scope scope, IReadOnlyList<NodeCandidate> candidates, CancellationToken cancellationToken)
    {
        var (municipality, start, end) = (scope.MunicipalityId, scope.From, scope.To);
        List<NetworkNode> nodes = [.. candidates.Where(c => c.StartedOn is not { } started || started <= end).Select(c => c.Node)];

        var collaborations = await TiesAsync(
            from p in DashboardSql.Published<CollaborationParty>(db)
            join c in db.Collaborations on p.CollaborationId equals c.Id
            where c.MunicipalityId == municipality && c.StartsOn <= end && (c.EndsOn == null || c.EndsOn >= start)
            select new Member { Group = c.Id, Party = p.OrganisationId ?? p.InitiativeId },
            cancellationToken);
        var meetings = await TiesAsync(
            from p in DashboardSql.Published<MeetingParticipant>(db)
            join m in db.NetworkMeetings on p.MeetingId equals m.Id
            where m.MunicipalityId == municipality && m.Date >= start && m.Date <= end
            select new Member { Group = m.Id, Party = p.OrganisationId ?? p.InitiativeId },
            cancellationToken);
        var coalitions = await TiesAsync(
            from p in DashboardSql.Published<CoalitionMember>(db)
            join c in db.Coalitions on p.CoalitionId equals c.Id
            where c.MunicipalityId == municipality && p.JoinedOn <= end && (p.LeftOn == null || p.LeftOn > start)
            select new Member { Group = c.Id, Party = p.OrganisationId ?? p.InitiativeId },
            cancellationToken);

        // The self-joins return each pair both ways; keep one direction, and only ties between nodes of the scope.
        var inScope = nodes.ToDictionary(n => n.Party.Id, n => n.Party);
        IEnumerable<NetworkEdge> Edges(List<Tie> ties, NetworkEdgeKind kind) =>
            ties.Where(t => t.A is { } a && t.B is { } b && a.CompareTo(b) < 0 && inScope.ContainsKey(a) && inScope.ContainsKey(b))
                .Select(t => new NetworkEdge(inScope[t.A!.Value], inScope[t.B!.Value], kind, t.Weight));
        List<NetworkEdge> edges =
        [
            .. Edges(collaborations, NetworkEdgeKind.Collaboration),
            .. Edges(meetings, NetworkEdgeKind.Meeting),
            .. Edges(coalitions, NetworkEdgeKind.Coalition),
        ];
        return new NetworkGraph(start, end, nodes, [.. edges.OrderBy(e => e.Kind).ThenBy(e => e.From.Id).ThenBy(e => e.To.Id)]);
    }

    /// <summary>
    /// The nodes a place's graph may have in any period, by name (then ID): organisations working in a region of the
    /// scope, and its residents' initiatives that are active or paused now, with the day they started. Only that day
    /// depends on the period, so a period and the one before it read them once.
    /// </summary>
    public static async Task<List<NodeCandidate>> NodesAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var organisations = await DashboardSql.Organisations(db, scope)
            .Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var initiatives = await DashboardSql.RunningInitiatives(db, scope)
            .Select(i => new { i.Id, i.Name, i.StartedOn }).ToListAsync(cancellationToken);
        return
        [
            .. organisations.Select(o => new NodeCandidate(new NetworkNode(new PartyRef(o.Id, null), o.Name), null))
                .Concat(initiatives.Select(i => new NodeCandidate(new NetworkNode(new PartyRef(null, i.Id), i.Name), i.StartedOn)))
                .OrderBy(c => c.Node.Name, StringComparer.Ordinal).ThenBy(c => c.Node.Party.Id),
        ];
    }

    /// <summary>A node of the place, and for an initiative the day it started (none: counts in every period).</summary>
    public sealed record NodeCandidate(NetworkNode Node, DateOnly? StartedOn);

    /// <summary>Pairs of distinct parties sharing a group (a collaboration, meeting, coalition), with how many groups they share: one self-join grouped by pair.</summary>
    private static Task<List<Tie>> TiesAsync(IQueryable<Member> members, CancellationToken cancellationToken) =>
        members.Join(members, a => a.Group, b => b.Group, (a, b) => new { A = a.Party, B = b.Party })
            .Where(p => p.A != p.B)
            .GroupBy(p => new { p.A, p.B })
            .Select(g => new Tie { A = g.Key.A, B = g.Key.B, Weight = g.Count() })
            .ToListAsync(cancellationToken);

    /// <summary>A party in a group that ties its members.</summary>
    private sealed class Member
    {
        public Guid Group { get; set; }

        public Guid? Party { get; set; }
    }

    private sealed class Tie
    {
        public Guid? A { get; set; }

        public Guid? B { get; set; }

        public int Weight { get; set; }
    }
}

/// <summary>The network of a scope in its period and in the period of equal length before it.</summary>
public sealed class NetworkFragmentation(Scope scope)
{
    public Scope Scope { get; } = scope;

    public static Task<NetworkGraph> GraphAsync(IResolveFieldContext context, Scope scope) =>
        DashboardCache.GetOrComputeAsync(context, scope.MunicipalityId, $"network|{scope.Key}", async (figures, db, ct) =>
        {
            // The place's nodes whatever the period: read once for this period and the one before it.
            var place = scope with { From = DateOnly.MinValue, To = DateOnly.MinValue };
            var candidates = await figures.GetAsync(scope.MunicipalityId, $"network-nodes|{place.Key}", (nodesDb, token) => NetworkGraph.NodesAsync(nodesDb, scope, token));
            return await NetworkGraph.ComputeAsync(db, scope, candidates, ct);
        });
}

public sealed class NetworkNodeType : ObjectGraphType<NetworkNode>
{
    public NetworkNodeType()
    {
        Name = "NetworkNode";
        this.DefaultPolicy(Policies.Public);
        Description = "A node of the network graph: an organisation or a residents' initiative. Its kind and name are the party's, whatever the dashboard, so one party is one NetworkNode with one ID of its own (fetch it again with node(id:)).";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The NetworkNode's global ID, its own and not the party's (party.id is that): an ID names one object of one type. Edges refer to it.")
            .Resolve(ctx => NetworkEdgeType.Id(ctx.Source.Party));
        Field<NonNullGraphType<NetworkNodeKindType>>("kind").Description("ORGANISATION or INITIATIVE.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The party's name.").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<PartyType>>("party").Description("The organisation or initiative itself.").Resolve(ctx => ctx.LoadParty(ctx.Source.Party));
    }

    /// <summary>
    /// node(id:) for a NetworkNode: the organisation or initiative with that key (keys are UUIDs, unique across tables), as
    /// the caller may see it; both look-ups join the request's batches.
    /// </summary>
    public static readonly NodeResolver Resolver = new(nameof(NetworkNode), (ctx, id) =>
    {
        var organisation = ctx.LoadById<Organisations.Organisation>(id);
        var initiative = ctx.LoadById<Initiatives.Initiative>(id);
        return new Deferred<object?>(async ct =>
            await organisation.GetResultAsync(ct) is { } o ? new NetworkNode(new PartyRef(o.Id, null), o.Name)
            : await initiative.GetResultAsync(ct) is { } i ? new NetworkNode(new PartyRef(null, i.Id), i.Name)
            : null);
    });
}

public sealed class NetworkEdgeType : ObjectGraphType<NetworkEdge>
{
    public NetworkEdgeType()
    {
        Name = "NetworkEdge";
        this.DefaultPolicy(Policies.Public);
        Description = "A tie between two nodes of one kind, for drawing; two nodes tied in several ways have one edge per kind.";
        Field<NonNullGraphType<IdGraphType>>("from").Description("The ID of one node (NetworkNode.id); each pair appears once per kind.").Resolve(ctx => Id(ctx.Source.From));
        Field<NonNullGraphType<IdGraphType>>("to").Description("The ID of the other node (NetworkNode.id).").Resolve(ctx => Id(ctx.Source.To));
        Field<NonNullGraphType<NetworkEdgeKindType>>("kind").Description("What ties them.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<IntGraphType>>("weight").Description("How many collaborations, meetings or coalitions of this kind tie them in the period.").Resolve(ctx => ctx.Source.Weight);
    }

    /// <summary>
    /// The global ID of a party's node: type NetworkNode with the party's key, never the party's own ID, because Relay's
    /// store keys objects by ID alone and would merge the node with its Organisation or Initiative.
    /// </summary>
    public static string Id(PartyRef party) => GlobalId.Encode(nameof(NetworkNode), party.Id);
}

public sealed class NetworkChangeType : ObjectGraphType<NetworkChange>
{
    public NetworkChangeType()
    {
        Name = "NetworkChange";
        this.DefaultPolicy(Policies.Public);
        Description = "This period's figures minus those of the period just before it (see previousPeriod).";
        Field<NonNullGraphType<IntGraphType>>("nodeCount").Description("Change in nodes.").Resolve(ctx => ctx.Source.Now.Nodes.Count - ctx.Source.Before.Nodes.Count);
        Field<NonNullGraphType<IntGraphType>>("edgeCount").Description("Change in tied pairs.").Resolve(ctx => ctx.Source.Now.EdgeCount - ctx.Source.Before.EdgeCount);
        Field<FloatGraphType>("density").Description("Change in density; null when either is undefined.").Resolve(ctx => ctx.Source.Now.Density - ctx.Source.Before.Density);
        Field<NonNullGraphType<IntGraphType>>("componentCount").Description("Change in connected components (negative: less fragmented).").Resolve(ctx => ctx.Source.Now.ComponentSizes.Count - ctx.Source.Before.ComponentSizes.Count);
        Field<NonNullGraphType<IntGraphType>>("isolatedCount").Description("Change in isolated nodes.").Resolve(ctx => ctx.Source.Now.Isolated.Count - ctx.Source.Before.Isolated.Count);
        Field<FloatGraphType>("largestComponentShare").Description("Change in the largest component's share; null when either is undefined.").Resolve(ctx => ctx.Source.Now.LargestComponentShare - ctx.Source.Before.LargestComponentShare);
    }
}

public sealed class NetworkFiguresType : ObjectGraphType<NetworkGraph>
{
    public NetworkFiguresType()
    {
        Name = "NetworkFigures";
        this.DefaultPolicy(Policies.Public);
        Description = "Fragmentation figures of the network graph in one period. Nodes: organisations working in a region of the scope, and residents' initiatives of the scope "
            + "that are ACTIVE or PAUSED now and had started by the period's last day (initiatives keep no status history). Edges: the municipality's collaborations that ran in "
            + "the period, network meetings held in it and coalitions with both as members in it, between two nodes (see NetworkEdgeKind). Figures count tied pairs once, whatever ties them.";
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day of the period.").Resolve(ctx => ctx.Source.From);
        Field<NonNullGraphType<DateOnlyGraphType>>("endsOn").Description("The last day of the period.").Resolve(ctx => ctx.Source.To);
        Field<NonNullGraphType<IntGraphType>>("nodeCount").Description("N: the nodes.").Resolve(ctx => ctx.Source.Nodes.Count);
        Field<NonNullGraphType<IntGraphType>>("edgeCount").Description("E: the distinct tied pairs.").Resolve(ctx => ctx.Source.EdgeCount);
        Field<FloatGraphType>("density").Description("2E / (N(N − 1)), from 0 (no ties) to 1 (everyone tied to everyone); null with fewer than two nodes.").Resolve(ctx => ctx.Source.Density);
        Field<NonNullGraphType<IntGraphType>>("componentCount").Description("The connected components, isolated nodes included.").Resolve(ctx => ctx.Source.ComponentSizes.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("componentSizes").Description("The size of each component, largest first.").Resolve(ctx => ctx.Source.ComponentSizes);
        Field<FloatGraphType>("largestComponentShare").Description("The share of nodes in the largest component, from 0 to 1; null without nodes.").Resolve(ctx => ctx.Source.LargestComponentShare);
        Field<NonNullGraphType<IntGraphType>>("isolatedCount").Description("Nodes without any tie.").Resolve(ctx => ctx.Source.Isolated.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyType>>>>("isolated")
            .Description("The nodes without any tie, by name: the first ones (isolatedCount says how many there are; every node with its ties is in NetworkFragmentation.nodes and edges).")
            .Argument<NonNullGraphType<IntGraphType>>("first", $"How many to list, 0 to {MaxIsolated}.", a => a.DefaultValue = 100)
            .Resolve(ctx => ctx.LoadParties(ctx.Source.Isolated.Take(ctx.FirstArgument(MaxIsolated)).Select(n => n.Party)));
    }

    /// <summary>A large municipality has thousands of isolated providers: a dashboard names the first few and counts the rest.</summary>
    public const int MaxIsolated = 1_000;
}

public sealed class NetworkFragmentationType : ObjectGraphType<NetworkFragmentation>
{
    public NetworkFragmentationType()
    {
        Name = "NetworkFragmentation";
        this.DefaultPolicy(Policies.Public);
        Description = "The network of organisations and initiatives in the scope: fragmentation figures for the period and the period of equal length before it, and the graph itself for drawing.";
        Field<NonNullGraphType<NetworkFiguresType>>("period").Description("The figures of the dashboard's period.").ResolveAsync(async ctx => await NetworkFragmentation.GraphAsync(ctx, ctx.Source.Scope));
        Field<NonNullGraphType<NetworkFiguresType>>("previousPeriod")
            .Description("The same figures for the period of equal length just before it: as many calendar months back when the period is whole months (so the year before a calendar year), otherwise as many days.")
            .ResolveAsync(async ctx => await NetworkFragmentation.GraphAsync(ctx, ctx.Source.Scope.Previous()));
        Field<NonNullGraphType<NetworkChangeType>>("change")
            .Description("The period's figures minus the previous period's.")
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Source.Scope;
                var now = await NetworkFragmentation.GraphAsync(ctx, scope);
                return new NetworkChange(now, await NetworkFragmentation.GraphAsync(ctx, scope.Previous()));
            });
        // Connections, not lists: a whole municipality's graph has thousands of nodes, more than one answer should carry.
        Field<NonNullGraphType<ConnectionType<NetworkNodeType>>>("nodes")
            .Description("The nodes of the period's graph, by name, a page at a time (totalCount: all of them).")
            .PagingArguments()
            .ResolveAsync(Page(g => g.Nodes, "network-nodes"));
        Field<NonNullGraphType<ConnectionType<NetworkEdgeType>>>("edges")
            .Description("The edges of the period's graph: one per tied pair and kind, with the number of ties as weight; by kind, then by the nodes' IDs, a page at a time (totalCount: all of them).")
            .PagingArguments()
            .ResolveAsync(Page(g => g.Edges, "network-edges"));
    }

    private static Func<IResolveFieldContext<NetworkFragmentation>, Task<object?>> Page<T>(Func<NetworkGraph, IReadOnlyList<T>> list, string name) =>
        async ctx =>
        {
            // Read before awaiting: GraphQL.NET reuses resolve contexts (see Paging.PageAsync).
            var args = ConnectionArgs.From(ctx);
            return Paging.OfList(list(await NetworkFragmentation.GraphAsync(ctx, ctx.Source.Scope)), args, name);
        };
}
