using GraphQL;
using GraphQL.Builders;
using GraphQL.DataLoader;
using GraphQL.Types;
using GraphQL.Validation;
using Infrastructuur.Api.GraphQL.Federation;

namespace Infrastructuur.Api.GraphQL;

/// <summary>A page of a list, Relay style. <see cref="TotalCount"/> runs its own COUNT only when a client selects it.</summary>
public sealed class Connection<T> : IConnection
{
    public required IReadOnlyList<Edge<T>> Edges { get; init; }

    public required PageInfo PageInfo { get; init; }

    /// <summary>Started only when a client selects totalCount; batched for nested connections.</summary>
    public required Func<IDataLoaderResult<int>> TotalCount { get; init; }

    IEnumerable<IEdge> IConnection.Edges => Edges;

    IEnumerable<object?> IConnection.Nodes => Edges.Select(e => (object?)e.Node);

    IDataLoaderResult<int> IConnection.Count() => TotalCount();
}

public sealed record Edge<T>(string Cursor, T Node) : IEdge
{
    object? IEdge.Node => Node;
}

// Connection<T> is generic over the entity; these views keep the graph types free of that parameter.
internal interface IConnection
{
    IEnumerable<IEdge> Edges { get; }

    IEnumerable<object?> Nodes { get; }

    PageInfo PageInfo { get; }

    IDataLoaderResult<int> Count();
}

internal interface IEdge
{
    string Cursor { get; }

    object? Node { get; }
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>The paging arguments of one connection field, checked before execution.</summary>
public sealed record ConnectionArgs(int? First, string? After, int? Last, string? Before)
{
    public const int MaxPageSize = 100;

    public bool Backward => Last.HasValue;

    public int Size => First ?? Last ?? 0;

    public static ConnectionArgs From(IResolveFieldContext context) => new(
        context.GetArgument<int?>("first"),
        context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"),
        context.GetArgument<string?>("before"));
}

public static class ConnectionFieldExtensions
{
    /// <summary>
    /// Adds first/after/last/before and rejects, before execution, a page that is missing, two-sided or over
    /// <see cref="ConnectionArgs.MaxPageSize"/>: a client can never ask one field for an unbounded list.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<IntGraphType>("first", $"Returns the first n items (1 to {ConnectionArgs.MaxPageSize}). Give either first or last.")
        .Argument<StringGraphType>("after", "Returns the items after this cursor (from pageInfo.endCursor or an edge's cursor).")
        .Argument<IntGraphType>("last", $"Returns the last n items (1 to {ConnectionArgs.MaxPageSize}). Give either first or last.")
        .Argument<StringGraphType>("before", "Returns the items before this cursor (from pageInfo.startCursor or an edge's cursor).")
        .ValidateArguments(ValidatePaging)
        .WithMetadata(DocumentCache.CheckedArguments, new[] { "first", "after", "last", "before" });

    private static void ValidatePaging(FieldArgumentsValidationContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var name = context.FieldAst.Name.StringValue;
        if (first is null == last is null)
        {
            throw new ValidationError($"Field '{name}' needs exactly one of 'first' or 'last', from 1 to {ConnectionArgs.MaxPageSize}.") { Code = ErrorCodes.ValidationFailed };
        }

        var size = first ?? last!.Value;
        if (size is < 1 or > ConnectionArgs.MaxPageSize)
        {
            var error = new ValidationError($"Field '{name}' asks for {size} items; the page size must be from 1 to {ConnectionArgs.MaxPageSize}.") { Code = ErrorCodes.ValidationFailed };
            error.Data["limit"] = ConnectionArgs.MaxPageSize;
            throw error;
        }

        if (first is not null && context.GetArgument<string?>("before") is not null)
        {
            throw new ValidationError($"Field '{name}': 'before' goes with 'last', not with 'first'.") { Code = ErrorCodes.ValidationFailed };
        }

        if (last is not null && context.GetArgument<string?>("after") is not null)
        {
            throw new ValidationError($"Field '{name}': 'after' goes with 'first', not with 'last'.") { Code = ErrorCodes.ValidationFailed };
        }
    }
}

/// <summary>The connection graph type for a node graph type: OrganisationType → OrganisationConnection.</summary>
internal sealed class ConnectionType<TNodeType> : ObjectGraphType<IConnection>
    where TNodeType : IGraphType
{
    public ConnectionType()
    {
        var node = typeof(TNodeType).GraphQLName();
        Name = $"{node}Connection";
        Description = $"A page of {node} items, with cursors to page on.";
        this.DefaultPolicy(Policies.Public);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType>>>>>("edges")
            .Description($"The {node} items of this page, each with its cursor.")
            .Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description($"The {node} items of this page, without cursors.")
            .Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Where this page lies in the whole list.")
            .Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many items the whole list has, across all pages. Counted only when selected.")
            .Resolve(ctx => ctx.Source.Count());
    }
}

internal sealed class EdgeType<TNodeType> : ObjectGraphType<IEdge>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        var node = typeof(TNodeType).GraphQLName();
        Name = $"{node}Edge";
        Description = $"A {node} with its cursor.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("An opaque cursor for this item; pass it as 'after' or 'before'.")
            .Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node")
            .Description($"The {node}.")
            .Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Paging state of a connection (Relay cursor connections).";
        this.DefaultPolicy(Policies.Public);
        this.Shareable(); // every Relay subgraph defines the same PageInfo
        Field(p => p.HasNextPage).Description("True when more items follow this page.");
        Field(p => p.HasPreviousPage).Description("True when items come before this page.");
        Field(p => p.StartCursor, nullable: true).Description("The cursor of the first item of this page; null when the page is empty.");
        Field(p => p.EndCursor, nullable: true).Description("The cursor of the last item of this page; null when the page is empty.");
    }
}
