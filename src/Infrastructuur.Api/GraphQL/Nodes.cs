using System.Collections.Concurrent;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL;

/// <summary>The Relay Node interface: every object with a global ID can be fetched again by it.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a stable, opaque global ID that can be fetched again with node(id:).";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object's global ID: opaque, URL-safe, stable.");
    }
}

/// <summary>
/// How one GraphQL type is fetched by its UUID: registered once per node type (see GraphQLSetup). <see cref="Load"/>
/// reads the whole row (a mutation's replay, which reads it outside a selection of its own); <see cref="Select"/>,
/// for <c>node</c> and <c>nodes</c>, only what the field's selection needs of that type.
/// </summary>
public sealed record NodeResolver(string TypeName, Func<IResolveFieldContext, Guid, IDataLoaderResult<object?>> Load, Func<IResolveFieldContext, Guid, IDataLoaderResult<object?>>? Selected = null)
{
    public Func<IResolveFieldContext, Guid, IDataLoaderResult<object?>> Select => Selected ?? Load;

    public static NodeResolver For<T>(string typeName)
        where T : Entity =>
        new(typeName, (ctx, id) => ctx.LoadById<T>(id).Then(e => (object?)e), (ctx, id) => ctx.LoadSelectedById<T>(id).Then(e => (object?)e));
}

/// <summary>
/// Loads any entity type by primary key, batched per request, and only rows the caller may see: node(id:), the root
/// by-ID fields and every reference go through here, so a hidden row is simply not found (null + NOT_FOUND).
/// </summary>
public sealed class ById<T> : BatchLoader<Guid, T>
    where T : Entity
{
    private readonly IDbContextFactory<InfrastructuurDb> factory;
    private readonly Shape? _shape;

    /// <summary>Reads whole rows (the request's shared loader of this type).</summary>
    [ActivatorUtilitiesConstructor]
    public ById(IDbContextFactory<InfrastructuurDb> factory) => this.factory = factory;

    /// <summary>Reads only <paramref name="shape"/>'s columns and joins (<see cref="Shape"/>).</summary>
    public ById(IDbContextFactory<InfrastructuurDb> factory, Shape shape)
        : this(factory) => _shape = shape;

    // The most frequent query there is, so it is compiled once (per engine: each has its own model) and skips EF Core's
    // per-call expression work; measured as part of a reference's cost in bench/ (Q1).
    private static readonly ConcurrentDictionary<Type, Func<InfrastructuurDb, Guid[], IAsyncEnumerable<T>>> Compiled = new();

    protected override async Task<IReadOnlyDictionary<Guid, T>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (_shape is not null && keys.Count == 1 && CompiledShape<T>.For(db, _shape, viewer) is { } compiled)
        {
            return await ByKey(compiled(db, keys.First()), 1, cancellationToken);
        }

        if (_shape?.Selector<T>(db.Model, viewer) is { } selector)
        {
            return await db.Set<T>().VisibleTo(viewer).AsNoTracking().WithKeyIn(keys).Select(selector).ToDictionaryAsync(e => e.Id, cancellationToken);
        }

        if (Visibility.Rule<T>(viewer) is not null)
        {
            // A viewer-dependent filter cannot be a compiled query; rows with a rule take the ordinary path.
            return await db.Set<T>().VisibleTo(viewer).AsNoTracking().WithKeyIn(keys).ToDictionaryAsync(e => e.Id, cancellationToken);
        }

        var query = Compiled.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery((InfrastructuurDb context, Guid[] ids) => context.Set<T>().AsNoTracking().Where(e => ids.Contains(e.Id))));
        return await ByKey(query(db, [.. keys]), keys.Count, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<Guid, T>> ByKey(IAsyncEnumerable<T> rows, int capacity, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, T>(capacity);
        await foreach (var entity in rows.WithCancellation(cancellationToken))
        {
            found[entity.Id] = entity;
        }

        return found;
    }
}

public static class NodeFieldExtensions
{
    /// <summary>The global ID field of a node type.</summary>
    /// <summary>Makes a graph type a Node: the Node interface and its global ID field. The GraphQL type name is the entity's CLR name.</summary>
    public static void AsNode<T>(this ObjectGraphType<T> type)
        where T : Entity
    {
        var typeName = typeof(T).Name;
        type.Name = typeName;
        type.Interface<NodeInterface>();
        type.Field<NonNullGraphType<IdGraphType>>("id")
            .Description($"The {typeName}'s global ID.")
            .Resolve(ctx => GlobalId.Encode(typeName, ctx.Source.Id));
    }

    /// <summary>A reference field resolved through the request's batch loader, never one query per parent.</summary>
    public static IDataLoaderResult<T?> LoadById<T>(this IResolveFieldContext context, Guid? id)
        where T : Entity =>
        id is { } key ? context.Loader<ById<T>>().Load(key) : NullResult<T>.Instance;

    /// <summary>
    /// A reference the field returns as its value: the row with only the columns and joins the field's selection set
    /// needs (<see cref="Shape.OfField"/>), batched with every other reference of the same shape. Only for a field whose
    /// value is this row; a resolver that reads the row for something else uses <see cref="LoadById{T}"/>.
    /// </summary>
    public static IDataLoaderResult<T?> LoadSelectedById<T>(this IResolveFieldContext context, Guid? id)
        where T : Entity
    {
        if (id is not { } key)
        {
            return NullResult<T>.Instance;
        }

        var shape = Shape.OfField(context, typeof(T));
        if (shape.Whole)
        {
            return context.Loader<ById<T>>().Load(key);
        }

        var request = context.Request();
        return request.Shared($"by-id:{shape.Key}", () => new ById<T>(request.DbFactory, shape)).Load(key);
    }

    /// <summary>
    /// A root by-ID field (<c>activity(id:)</c> …): the row, or null with NOT_FOUND — alike whether there is no such row
    /// or the caller may not see it, and alike with node(id:).
    /// </summary>
    public static IDataLoaderResult<T?> LoadByIdOrNotFound<T>(this IResolveFieldContext context, Guid id)
        where T : Entity =>
        context.LoadSelectedById<T>(id).Then<T?, T?>(found => found ?? throw new ApiException(ErrorCodes.NotFound, $"Could not resolve to a {typeof(T).Name} with that ID."));

    private sealed class NullResult<T> : IDataLoaderResult<T?>
    {
        public static readonly NullResult<T> Instance = new();

        public Task<T?> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult<T?>(default);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(null);
    }
}

/// <summary>
/// One row by its key, read through a shape, as a compiled query: EF Core otherwise rebuilds, walks and looks up the
/// query's expression on every call, which cost more of a by-ID request's CPU than running the statement. Kept per
/// engine, shape and class of viewer (<see cref="Viewer.RuleClass"/>: their row rules are the same), up to
/// <see cref="MaxEntries"/> shapes a type; beyond that, and for viewers with rules of their own, the ordinary path.
/// </summary>
internal static class CompiledShape<T>
    where T : Entity
{
    private const int MaxEntries = 500;

    private static readonly ConcurrentDictionary<(Type Db, string Shape, string RuleClass), Func<InfrastructuurDb, Guid, IAsyncEnumerable<T>>> Queries = new();

    public static Func<InfrastructuurDb, Guid, IAsyncEnumerable<T>>? For(InfrastructuurDb db, Shape shape, Viewer viewer)
    {
        if (viewer.RuleClass is not { } ruleClass)
        {
            return null;
        }

        var key = (db.GetType(), shape.Key, ruleClass);
        if (Queries.TryGetValue(key, out var query))
        {
            return query;
        }

        if (Queries.Count >= MaxEntries || shape.Selector<T>(db.Model, viewer) is not { } selector)
        {
            return null;
        }

        Expression<Func<InfrastructuurDb, Guid, IQueryable<T>>> byId = (context, id) => context.Set<T>().AsNoTracking().Where(e => e.Id == id);
        var visible = Visibility.VisibleIn(byId, viewer);
        var body = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(T), typeof(T)], visible.Body, Expression.Quote(selector));
        return Queries.GetOrAdd(key, EF.CompileAsyncQuery(Expression.Lambda<Func<InfrastructuurDb, Guid, IQueryable<T>>>(body, visible.Parameters)));
    }
}
