using GraphQL;
using GraphQL.DataLoader;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.GraphQL;

public static class Paging
{
    /// <summary>Builds a connection from rows fetched in (possibly reversed) order, size + 1 of them at most.</summary>
    public static Connection<T> Build<T>(List<T> rows, IKeysetOrder<T> order, ConnectionArgs args, Func<IDataLoaderResult<int>> count) =>
        Build(rows, order.Cursor, args, count);

    /// <summary>The same, for a list whose cursors do not come from a keyset ordering (search results by rank).</summary>
    public static Connection<T> Build<T>(List<T> rows, Func<T, string> cursor, ConnectionArgs args, Func<IDataLoaderResult<int>> count)
    {
        // The rows are left as they are: a loader hands the same list to every occurrence of one parent in a response.
        var more = rows.Count > args.Size;
        IEnumerable<T> page = more ? rows.Take(rows.Count - 1) : rows;
        if (args.Backward)
        {
            page = page.Reverse();
        }

        var edges = page.Select(r => new Edge<T>(cursor(r), r)).ToList();
        var info = new PageInfo(
            HasNextPage: args.Backward ? args.Before is not null : more,
            HasPreviousPage: args.Backward ? more : args.After is not null,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<T> { Edges = edges, PageInfo = info, TotalCount = count };
    }

    /// <summary>
    /// A page of a list already in memory (a computed dashboard graph), in its own order. The cursor names the list and the
    /// item's position, so it pages the same list of the same figures; totalCount is the list's length.
    /// </summary>
    public static Connection<T> OfList<T>(IReadOnlyList<T> items, ConnectionArgs args, string list)
    {
        int Position(string cursor)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
                if (parts.Length == 2 && parts[0] == list && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < items.Count)
                {
                    return at;
                }
            }
            catch (FormatException)
            {
                // fall through to the one error message below
            }

            throw ApiException.BadRequest($"The cursor is not valid for this {list} list. Use a cursor from the same field and scope.");
        }

        string Cursor(int at) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{list}\n{at}")));

        // Positions [start, end) of the page; whether more follow is known from the list's length.
        int start, end;
        if (args.Backward)
        {
            end = args.Before is null ? items.Count : Position(args.Before);
            start = Math.Max(0, end - args.Size);
        }
        else
        {
            start = args.After is null ? 0 : Position(args.After) + 1;
            end = Math.Min(items.Count, start + args.Size);
        }

        var edges = Enumerable.Range(start, end - start).Select(i => new Edge<T>(Cursor(i), items[i])).ToList();
        var count = items.Count;
        var info = new PageInfo(
            HasNextPage: args.Backward ? args.Before is not null : end < items.Count,
            HasPreviousPage: args.Backward ? start > 0 : args.After is not null,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<T> { Edges = edges, PageInfo = info, TotalCount = () => new Deferred<int>(_ => Task.FromResult(count)) };
    }

    /// <summary>
    /// Resolves a root connection field: one page query (size + 1 rows) now, and a COUNT later only if
    /// totalCount is selected. Each runs on its own short-lived context (ADR 0005). Both see only the rows the caller
    /// may see (<see cref="Visibility.VisibleTo{T}(IQueryable{T}, Viewer)"/>), so hidden rows change neither.
    /// </summary>
    /// <remarks>
    /// GraphQL.NET reuses resolve contexts once a resolver returns, and <paramref name="query"/> runs again later for
    /// the count: read arguments and Source before calling this, never inside <paramref name="query"/>.
    /// </remarks>
    /// <param name="walk">
    /// Optionally, the same rows already sought past the cursor and ordered, on an index the database keeps for this
    /// ordering (<see cref="KeysetOrder{T, TKey}.Walk"/>); null from it, or no walk, orders <paramref name="query"/>.
    /// </param>
    public static async Task<object?> PageAsync<T>(
        this IResolveFieldContext context,
        Func<InfrastructuurDb, IQueryable<T>> query,
        IKeysetOrder<T> order,
        Func<InfrastructuurDb, string?, bool, IQueryable<T>?>? walk = null)
        where T : class
    {
        var request = context.Request();
        var factory = request.DbFactory;
        var args = ConnectionArgs.From(context);
        var shape = Shape.OfConnection(context, typeof(T)).With(order.Reads);
        var viewer = await request.RowsViewerAsync(context.CancellationToken);
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var cursor = args.Backward ? args.Before : args.After;
        IQueryable<T> sorted;
        if (walk?.Invoke(db, cursor, args.Backward) is { } walked)
        {
            // The walk reaches the rows through the index table's navigation, which is no query source the visibility
            // filter wraps: the rule goes on the rows themselves.
            sorted = walked.VisibleTo(viewer);
            if (Visibility.Rule<T>(viewer) is { } rule)
            {
                sorted = sorted.Where(rule);
            }
        }
        else
        {
            var page = query(db).VisibleTo(viewer);
            if (cursor is not null)
            {
                page = order.Seek(page, cursor, args.Backward);
            }

            sorted = order.Sort(page, args.Backward);
        }

        sorted = sorted.Take(args.Size + 1).AsNoTracking();
        var rows = await (shape.Selector<T>(db.Model, viewer) is { } selector ? sorted.Select(selector) : sorted).ToListAsync(context.CancellationToken);
        return Build(rows, order, args, () => new Deferred<int>(async ct =>
        {
            await using var countDb = await factory.CreateDbContextAsync(ct);
            return await query(countDb).VisibleTo(viewer).CountAsync(ct);
        }));
    }

    /// <summary>
    /// Resolves a nested connection field (an edge from a <typeparamref name="TParent"/>) through a per-request
    /// loader: all parents that ask for the same field with the same arguments are paged in one statement and,
    /// if totalCount is selected, counted in one. <paramref name="children"/> is the correlated child query of
    /// one parent, e.g. <c>db => m => db.Areas.Where(a => a.MunicipalityId == m.Id)</c>. Pages and counts hold only
    /// the rows the caller may see.
    /// </summary>
    public static IDataLoaderResult<Connection<T>> PageChildren<TParent, T>(
        this IResolveFieldContext<TParent> context,
        Func<InfrastructuurDb, Expression<Func<TParent, IEnumerable<T>>>> children,
        IKeysetOrder<T> order)
        where TParent : Entity
        where T : Entity
    {
        var args = ConnectionArgs.From(context);
        var key = LoaderKey(context);
        var request = context.Request();
        var shape = Shape.OfConnection(context, typeof(T)).With(order.Reads);
        var pages = request.Shared($"page:{key}:{shape.Key}", () => new ChildPageLoader<TParent, T>(request.DbFactory, children, order, args, shape));
        var counts = request.Shared($"count:{key}", () => new ChildCountLoader<TParent, T>(request.DbFactory, children));
        var parentId = context.Source.Id;
        return pages.Load(parentId).Then(list => Build(list ?? [], order, args, () => counts.Load(parentId).Then(c => c)));
    }

    // Same field definition + same argument values → same loader. The path's list indexes are left out on purpose.
    private static string LoaderKey(IResolveFieldContext context)
    {
        var arguments = context.Arguments is null ? string.Empty
            : string.Join('&', context.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Format(a.Value.Value)}"));
        return $"{context.ParentType.Name}.{context.FieldDefinition.Name}?{arguments}";
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        System.Collections.IDictionary d => "{" + string.Join(',', d.Keys.Cast<object>().Select(k => $"{k}:{Format(d[k])}")) + "}",
        System.Collections.IEnumerable e and not string => "[" + string.Join(',', e.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Pages the children of many parents in one statement that reads an index range per parent (ADR 0016): on
    /// PostgreSQL a <c>JOIN LATERAL (… ORDER BY … LIMIT n)</c>, on SQLite (no LATERAL) each parent's page as a
    /// correlated <c>IN (SELECT id … ORDER BY … LIMIT n)</c> that drives primary-key look-ups. EF Core's default for a
    /// per-parent Take, ROW_NUMBER() over the whole child table, costs what the table costs, not what the page does.
    /// </summary>
    private sealed class ChildPageLoader<TParent, T>(
        IDbContextFactory<InfrastructuurDb> factory,
        Func<InfrastructuurDb, Expression<Func<TParent, IEnumerable<T>>>> children,
        IKeysetOrder<T> order,
        ConnectionArgs args,
        Shape shape) : BatchLoader<Guid, List<T>>
        where TParent : Entity
        where T : Entity
    {
        protected override async Task<IReadOnlyDictionary<Guid, List<T>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
        {
            var viewer = await ViewerAsync(cancellationToken);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            Guid[] ids = [.. keys];
            var selector = children(db).VisibleTo(viewer);
            var page = order.PageOf(selector.Body, args.Backward ? args.Before : args.After, args.Backward, args.Size + 1);
            var parents = db.Set<TParent>().WithKeyIn(ids);
            var columns = shape.Selector<T>(db.Model, viewer);
            var query = db.Database.IsSqlite() ? PageIdsPerParent(db, parents, selector.Parameters[0], page, columns) : Lateral(parents, selector.Parameters[0], page, columns);
            var rows = await query.AsNoTracking().ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.ParentId).ToDictionary(g => g.Key, g => order.InOrder(g.Select(r => r.Node), args.Backward));
        }

        // parents.SelectMany(parent => page(parent).Select(child => new ParentRow { ParentId = parent.Id, Node = child })).
        // The parent's ID inside the page is an outer reference EF Core cannot lift into a join key, so it keeps the
        // APPLY (JOIN LATERAL on PostgreSQL) instead of numbering every child row.
        private static IQueryable<ParentRow<T>> Lateral(IQueryable<TParent> parents, ParameterExpression parent, Expression page, Expression<Func<T, T>>? columns)
        {
            var child = Expression.Parameter(typeof(T), "child");
            var node = columns is null ? (Expression)child : ReplacingExpressionVisitor.Replace(columns.Parameters[0], child, columns.Body);
            var tagged = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(T), typeof(ParentRow<T>)], page, Expression.Lambda(Tag(parent, node), child));
            return parents.SelectMany(Expression.Lambda<Func<TParent, IEnumerable<ParentRow<T>>>>(tagged, parent));
        }

        // from parent in parents from child in db.Set<T>() where page(parent).Select(c => c.Id).Contains(child.Id).
        // EF Core writes it as a CROSS JOIN, which SQLite never reorders: per parent the IN list is one index range
        // (LIMIT n), and the children are n primary-key look-ups.
        private static IQueryable<ParentRow<T>> PageIdsPerParent(InfrastructuurDb db, IQueryable<TParent> parents, ParameterExpression parent, Expression page, Expression<Func<T, T>>? columns)
        {
            var pair = Expression.Parameter(typeof(Pair), "pair");
            var pageOfPair = ReplacingExpressionVisitor.Replace(parent, Expression.Property(pair, nameof(Pair.Parent)), page);
            Expression<Func<T, Guid>> id = c => c.Id;
            var pageIds = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(T), typeof(Guid)], pageOfPair, id);
            var inPage = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], pageIds, Expression.Property(Expression.Property(pair, nameof(Pair.Node)), nameof(Entity.Id)));
            var pairs = parents
                .SelectMany(_ => db.Set<T>(), (p, c) => new Pair { Parent = p, Node = c })
                .Where(Expression.Lambda<Func<Pair, bool>>(inPage, pair));
            var row = Expression.Parameter(typeof(Pair), "row");
            Expression node = Expression.Property(row, nameof(Pair.Node));
            if (columns is not null)
            {
                node = ReplacingExpressionVisitor.Replace(columns.Parameters[0], node, columns.Body);
            }

            return pairs.Select(Expression.Lambda<Func<Pair, ParentRow<T>>>(Tag(Expression.Property(row, nameof(Pair.Parent)), node), row));
        }

        private static MemberInitExpression Tag(Expression parent, Expression child) =>
            Expression.MemberInit(
                Expression.New(typeof(ParentRow<T>)),
                Expression.Bind(typeof(ParentRow<T>).GetProperty(nameof(ParentRow<T>.ParentId))!, Expression.Property(parent, nameof(Entity.Id))),
                Expression.Bind(typeof(ParentRow<T>).GetProperty(nameof(ParentRow<T>.Node))!, child));

        private sealed class Pair
        {
            public required TParent Parent { get; init; }

            public required T Node { get; init; }
        }
    }

    private sealed class ChildCountLoader<TParent, T>(
        IDbContextFactory<InfrastructuurDb> factory,
        Func<InfrastructuurDb, Expression<Func<TParent, IEnumerable<T>>>> children) : BatchLoader<Guid, int>
        where TParent : Entity
    {
        protected override async Task<IReadOnlyDictionary<Guid, int>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
        {
            var viewer = await ViewerAsync(cancellationToken);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            Guid[] ids = [.. keys];
            var selector = children(db).VisibleTo(viewer);
            var parent = selector.Parameters[0];
            var count = Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(T)], selector.Body);
            var project = Expression.Lambda<Func<TParent, ParentCount>>(
                Expression.MemberInit(
                    Expression.New(typeof(ParentCount)),
                    Expression.Bind(typeof(ParentCount).GetProperty(nameof(ParentCount.ParentId))!, Expression.Property(parent, nameof(Entity.Id))),
                    Expression.Bind(typeof(ParentCount).GetProperty(nameof(ParentCount.Count))!, count)),
                parent);
            return await db.Set<TParent>().WithKeyIn(ids).Select(project).ToDictionaryAsync(c => c.ParentId, c => c.Count, cancellationToken);
        }
    }

    private sealed class ParentCount
    {
        public Guid ParentId { get; init; }

        public int Count { get; init; }
    }
}

/// <summary>A value computed only when GraphQL.NET awaits it (after sibling fields were visited).</summary>
public sealed class Deferred<T>(Func<CancellationToken, Task<T>> compute) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => compute(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await compute(cancellationToken);
}
