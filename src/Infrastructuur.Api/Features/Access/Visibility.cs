using System.Linq.Expressions;
using System.Reflection;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// Row-level visibility of one entity type: which rows a viewer may see. Written once per entity (see
/// <see cref="VisibilityRules"/>) and applied by every generic query path — by-ID loaders (node(id:), references), root
/// and nested connections with their totalCount, list loaders — so a feature cannot forget it. A hidden row is
/// indistinguishable from one that does not exist.
/// </summary>
public interface IVisibilityRule<T>
    where T : class
{
    /// <summary>The rows the viewer may see (never called for administrators, who see everything).</summary>
    Expression<Func<T, bool>> Visible(Viewer viewer);
}

public static class Visibility
{
    private static readonly MethodInfo RuleMethod = typeof(Visibility).GetMethod(nameof(Rule), [typeof(Viewer)])!;

    // Every IVisibilityRule<T> in the assembly, by T: a rule is found by being written, not by being registered.
    private static readonly Dictionary<Type, object> Rules = typeof(Visibility).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && !t.IsInterface && !t.ContainsGenericParameters)
        .SelectMany(t => t.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IVisibilityRule<>))
            .Select(i => (Entity: i.GetGenericArguments()[0], Rule: t)))
        .ToDictionary(r => r.Entity, r => Activator.CreateInstance(r.Rule, nonPublic: true)!);

    /// <summary>The entity types that have a rule.</summary>
    public static IReadOnlyCollection<Type> RuledTypes => Rules.Keys;

    /// <summary>The rows of <typeparamref name="T"/> the viewer may see; null when they may see them all.</summary>
    public static Expression<Func<T, bool>>? Rule<T>(Viewer viewer)
        where T : class =>
        viewer.IsAdmin || !Rules.TryGetValue(typeof(T), out var rule) ? null : ((IVisibilityRule<T>)rule).Visible(viewer);

    internal static LambdaExpression? Rule(Type type, Viewer viewer) =>
        type.IsClass && Rules.ContainsKey(type) ? (LambdaExpression?)RuleMethod.MakeGenericMethod(type).Invoke(null, [viewer]) : null;

    /// <summary>
    /// The query with every source of a ruled entity type filtered for the viewer: its root, any DbSet used in a
    /// subquery and any collection navigation (<c>theme.Activities</c>), so nested lists, counts and aggregates all
    /// see only visible rows.
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Viewer viewer) =>
        viewer.IsAdmin ? query : query.Provider.CreateQuery<T>(new VisibilityFilter(viewer).Visit(query.Expression)!);

    /// <summary>The same for a correlated child selector (<c>parent => children</c>) of a nested list.</summary>
    public static Expression<Func<TParent, IEnumerable<T>>> VisibleTo<TParent, T>(this Expression<Func<TParent, IEnumerable<T>>> children, Viewer viewer) =>
        VisibleIn(children, viewer);

    /// <summary>The same for any lambda: a child selector, or a whole query over the context (a compiled query's body).</summary>
    public static Expression<TDelegate> VisibleIn<TDelegate>(Expression<TDelegate> query, Viewer viewer) =>
        viewer.IsAdmin ? query : (Expression<TDelegate>)new VisibilityFilter(viewer).Visit(query)!;

    /// <summary>A rule of <typeparamref name="TInner"/> applied to the row a navigation of <typeparamref name="TOuter"/> leads to.</summary>
    public static Expression<Func<TOuter, bool>> Through<TOuter, TInner>(Expression<Func<TOuter, TInner>> navigation, Expression<Func<TInner, bool>> rule) =>
        Expression.Lambda<Func<TOuter, bool>>(new Substitute(rule.Parameters[0], navigation.Body).Visit(rule.Body), navigation.Parameters);

    /// <summary>True when any of the given conditions holds; the missing ones (null) are left out.</summary>
    public static Expression<Func<T, bool>> AnyOf<T>(params Expression<Func<T, bool>>?[] conditions) => Combine(conditions, Expression.OrElse, false);

    /// <summary>True when all given conditions hold; the missing ones (null) are left out.</summary>
    public static Expression<Func<T, bool>> AllOf<T>(params Expression<Func<T, bool>>?[] conditions) => Combine(conditions, Expression.AndAlso, true);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>>?[] conditions, Func<Expression, Expression, BinaryExpression> join, bool empty)
    {
        var parameter = Expression.Parameter(typeof(T), "row");
        var parts = conditions.OfType<Expression<Func<T, bool>>>().Select(c => new Substitute(c.Parameters[0], parameter).Visit(c.Body)).ToList();
        var body = parts.Count == 0 ? Expression.Constant(empty) : parts.Aggregate((a, b) => join(a, b));
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// Wraps every source of a ruled entity type in <c>Where(rule)</c>: EF query roots, DbSets captured in closures,
    /// <c>db.Set&lt;T&gt;()</c>, and collection navigations passed to a LINQ operator or returned by a selector. The
    /// inserted rules are not visited again.
    /// </summary>
    private sealed class VisibilityFilter(Viewer viewer) : ExpressionVisitor
    {
        private static readonly MethodInfo QueryableWhere = new Func<IQueryable<object>, Expression<Func<object, bool>>, IQueryable<object>>(Queryable.Where).Method.GetGenericMethodDefinition();
        private static readonly MethodInfo EnumerableWhere = new Func<IEnumerable<object>, Func<object, bool>, IEnumerable<object>>(Enumerable.Where).Method.GetGenericMethodDefinition();

        private readonly Dictionary<Type, LambdaExpression?> _rules = [];

        public override Expression? Visit(Expression? node) =>
            node is EntityQueryRootExpression root && RuleFor(root.EntityType.ClrType) is { } rule
                ? Filtered(root, root.EntityType.ClrType, rule)
                : base.Visit(node);

        protected override Expression VisitMember(MemberExpression node) =>
            DbSetElement(node.Type) is { } element && RuleFor(element) is { } rule ? Filtered(node, element, rule) : base.VisitMember(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == nameof(DbContext.Set) && node.Arguments.Count == 0 && DbSetElement(node.Type) is { } element && RuleFor(element) is { } rule)
            {
                return Filtered(node, element, rule);
            }

            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            var parameters = visited.Method.GetParameters();
            var arguments = visited.Arguments.Select((a, i) => FilteredNavigation(a, parameters[i].ParameterType) ?? a).ToList();
            return arguments.SequenceEqual(visited.Arguments) ? visited : visited.Update(visited.Object, arguments);
        }

        protected override Expression VisitLambda<TDelegate>(Expression<TDelegate> node)
        {
            var visited = (Expression<TDelegate>)base.VisitLambda(node);
            return FilteredNavigation(visited.Body, visited.ReturnType) is { } body ? Expression.Lambda<TDelegate>(body, visited.Parameters) : visited;
        }

        private LambdaExpression? RuleFor(Type type)
        {
            if (!_rules.TryGetValue(type, out var rule))
            {
                _rules[type] = rule = Rule(type, viewer);
            }

            return rule;
        }

        private static Expression Filtered(Expression source, Type element, LambdaExpression rule) =>
            Expression.Call(QueryableWhere.MakeGenericMethod(element), source, Expression.Quote(rule));

        // entity.Children where Children is a collection of a ruled entity, and the consumer accepts any IEnumerable of it.
        private Expression? FilteredNavigation(Expression expression, Type consumer)
        {
            if (expression is not MemberExpression { Expression: { } owner } member || !typeof(Entity).IsAssignableFrom(owner.Type)
                || ElementOf(member.Type) is not { } element || RuleFor(element) is not { } rule)
            {
                return null;
            }

            var sequence = typeof(IEnumerable<>).MakeGenericType(element);
            return consumer.IsAssignableFrom(sequence) ? Expression.Call(EnumerableWhere.MakeGenericMethod(element), member, rule) : null;
        }

        private static Type? DbSetElement(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DbSet<>) ? type.GetGenericArguments()[0] : null;

        private static Type? ElementOf(Type type) =>
            type == typeof(string) || typeof(IQueryable).IsAssignableFrom(type) ? null
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
