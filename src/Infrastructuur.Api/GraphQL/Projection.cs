using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQLParser.AST;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// What one field reads of the row it is resolved on: stored columns (<see cref="Members"/>) and to-one relations the
/// data path may join into the same statement (<see cref="Joins"/>). Declared next to the field (ADR 0022).
/// </summary>
public sealed record FieldReads(IReadOnlyList<string> Members, IReadOnlyList<string> Joins);

public static class ProjectionFields
{
    private const string Metadata = "infrastructuur:reads";

    // GraphQL.NET names the member behind Field(x => x.Member) under this key.
    private const string ExpressionMember = "ORIGINAL_EXPRESSION_PROPERTY_NAME";

    /// <summary>Declares the members of the source row this field's resolver reads (besides the ID, which is always read).</summary>
    public static FieldBuilder<TSource, TReturn> Reads<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params Expression<Func<TSource, object?>>[] members)
    {
        Add(field.FieldType, [.. members.Select(m => MemberName(m.Body))], []);
        return field;
    }

    /// <summary>A field that returns one member of the source row as it is: declares it and resolves it.</summary>
    public static FieldBuilder<TSource, TReturn> FromColumn<TSource, TReturn, TValue>(this FieldBuilder<TSource, TReturn> field, Expression<Func<TSource, TValue>> member)
    {
        Add(field.FieldType, [MemberName(member.Body)], []);
        var read = member.Compile();
        return field.Resolve(ctx => (TReturn?)(object?)read(ctx.Source));
    }

    /// <summary>
    /// A to-one reference resolved from <paramref name="navigation"/> when the data path joined it into the parent's
    /// statement, else through the request's by-ID batch (for example a row that came whole from a mutation).
    /// </summary>
    public static FieldBuilder<TSource, TReturn> Joins<TSource, TReturn, TTarget>(
        this FieldBuilder<TSource, TReturn> field,
        Expression<Func<TSource, TTarget?>> navigation,
        Expression<Func<TSource, Guid?>> key)
        where TTarget : Entity
    {
        var joined = navigation.Compile();
        var id = key.Compile();
        return field.AlsoJoins(navigation, key).Resolve(ctx => (TReturn?)ctx.Reference(joined(ctx.Source), id(ctx.Source)));
    }

    /// <summary>Declares a to-one relation the resolver reads from the joined row (see <see cref="Reference"/>).</summary>
    public static FieldBuilder<TSource, TReturn> AlsoJoins<TSource, TReturn, TTarget>(
        this FieldBuilder<TSource, TReturn> field,
        Expression<Func<TSource, TTarget?>> navigation,
        Expression<Func<TSource, Guid?>> key)
        where TTarget : Entity
    {
        Add(field.FieldType, [MemberName(key.Body)], [MemberName(navigation.Body)]);
        return field;
    }

    /// <summary>The query reading only what the field's selection set needs of its rows (<see cref="Shape.OfField"/>).</summary>
    public static IQueryable<T> SelectFor<T>(this IQueryable<T> query, IResolveFieldContext context, InfrastructuurDb db, Viewer viewer)
        where T : Entity =>
        Shape.OfField(context, typeof(T)).Selector<T>(db.Model, viewer) is { } selector ? query.Select(selector) : query;

    /// <summary>The joined row when the statement brought it, else the batched look-up by its key.</summary>
    public static object? Reference<TTarget>(this IResolveFieldContext context, TTarget? joined, Guid? key)
        where TTarget : Entity =>
        joined is not null ? joined : key is null ? null : context.LoadSelectedById<TTarget>(key);

    /// <summary>The fields of entity-backed object types that declare nothing, as "Type.field" (they make a selection read whole rows).</summary>
    public static IReadOnlyList<string> UndeclaredFields(ISchema schema, Func<Type, bool> isEntity) =>
        [.. schema.AllTypes.OfType<IObjectGraphType>()
            .Where(t => Shape.SourceOf(t.GetType()) is { } source && isEntity(source))
            .SelectMany(t => t.Fields.Where(f => f.Name != "id" && ReadsOf(f) is null).Select(f => $"{t.Name}.{f.Name}"))
            .Order(StringComparer.Ordinal)];

    /// <summary>What the field reads, or null when it declares nothing (the data path then reads the whole row).</summary>
    public static FieldReads? ReadsOf(FieldType field) =>
        field.GetMetadata<FieldReads?>(Metadata)
        ?? (field.GetMetadata<string?>(ExpressionMember) is { } member ? new FieldReads([member], []) : null);

    private static void Add(FieldType field, string[] members, string[] joins)
    {
        var before = field.GetMetadata<FieldReads?>(Metadata);
        field.Metadata[Metadata] = new FieldReads([.. before?.Members ?? [], .. members], [.. before?.Joins ?? [], .. joins]);
    }

    private static string MemberName(Expression body) => body switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert } convert => MemberName(convert.Operand),
        MemberExpression { Expression: ParameterExpression } member => member.Member.Name,
        _ => throw new ArgumentException($"Declare a member of the source row (x => x.Member), not {body}."),
    };
}

/// <summary>
/// The part of a row a selection set needs: the members its fields declare and the to-one relations they join, each
/// with its own shape. <see cref="Whole"/> when a selected field declares nothing, so nothing is ever left unread.
/// </summary>
public sealed class Shape
{
    private static readonly ConcurrentDictionary<Type, Type?> SourceTypes = new();

    private Shape(Type entity, bool whole, SortedSet<string> members, SortedDictionary<string, Shape> joins)
    {
        Entity = entity;
        Whole = whole;
        Members = members;
        Joins = joins;
        Key = whole ? $"{entity.Name}(*)" : $"{entity.Name}({string.Join(',', members)}{string.Concat(joins.Select(j => $";{j.Key}={j.Value.Key}"))})";
    }

    public Type Entity { get; }

    public bool Whole { get; }

    public IReadOnlySet<string> Members { get; }

    public IReadOnlyDictionary<string, Shape> Joins { get; }

    /// <summary>Names the shape: equal keys, equal statements.</summary>
    public string Key { get; }

    public static Shape WholeRow(Type entity) => new(entity, true, [], []);

    /// <summary>The same shape, also reading <paramref name="members"/> (an ordering's sort key, for cursors).</summary>
    public Shape With(IReadOnlyCollection<string> members) =>
        Whole || members.All(Members.Contains) ? this
        : _with.GetOrAdd(string.Join(',', members), _ => new Shape(Entity, false, [.. Members, .. members], new SortedDictionary<string, Shape>(Joins.ToDictionary(), StringComparer.Ordinal)));

    private readonly ConcurrentDictionary<string, Shape> _with = new(StringComparer.Ordinal);

    // A shape depends on the document alone (declarations are static), so it is worked out once per field of a cached document.
    private static readonly ConditionalWeakTable<GraphQLField, ConcurrentDictionary<(Type, string), Shape>> Cache = [];

    private static readonly ConditionalWeakTable<ISchema, ConcurrentDictionary<Type, IObjectGraphType?>> ObjectTypes = [];

    /// <summary>The shape of <paramref name="entity"/> rows that the field's own selection set needs (a field returning the row).</summary>
    public static Shape OfField(IResolveFieldContext context, Type entity) =>
        Cache.GetOrCreateValue(context.FieldAst).GetOrAdd((entity, string.Empty), _ =>
            context.FieldAst.SelectionSet is { } set && ObjectTypeOf(context.Schema, entity) is { } type
                ? Of(context, entity, type, [set])
                : WholeRow(entity));

    /// <summary>
    /// The shape of <paramref name="entity"/> rows that the sub-field <paramref name="field"/> of this field's value
    /// selects: a wrapper row (a count with its theme) that carries the entity it names.
    /// </summary>
    public static Shape OfChild(IResolveFieldContext context, string field, Type entity) =>
        Cache.GetOrCreateValue(context.FieldAst).GetOrAdd((entity, field), _ => ChildShape(context, field, entity));

    private static Shape ChildShape(IResolveFieldContext context, string field, Type entity)
    {
        if (context.FieldAst.SelectionSet is not { } set || context.FieldDefinition.ResolvedType?.GetNamedType() is not IObjectGraphType type
            || ObjectTypeOf(context.Schema, entity) is not { } target)
        {
            return WholeRow(entity);
        }

        var sets = FieldsOf(context, set, type).Where(f => f.Ast.Name.StringValue == field && f.Ast.SelectionSet is not null).Select(f => f.Ast.SelectionSet!).ToList();
        return Of(context, entity, target, sets);
    }

    /// <summary>The shape of the nodes a connection field selects, through <c>nodes</c> and <c>edges { node }</c>.</summary>
    public static Shape OfConnection(IResolveFieldContext context, Type entity) =>
        Cache.GetOrCreateValue(context.FieldAst).GetOrAdd((entity, "{connection}"), _ => ConnectionShape(context, entity));

    private static Shape ConnectionShape(IResolveFieldContext context, Type entity)
    {
        if (context.FieldAst.SelectionSet is not { } set || context.FieldDefinition.ResolvedType?.GetNamedType() is not IObjectGraphType connection
            || ObjectTypeOf(context.Schema, entity) is not { } node)
        {
            return WholeRow(entity);
        }

        var nodes = new List<GraphQLSelectionSet>();
        foreach (var (field, _) in FieldsOf(context, set, connection))
        {
            if (field.SelectionSet is not { } inner)
            {
                continue;
            }

            if (field.Name.StringValue == "nodes")
            {
                nodes.Add(inner);
            }
            else if (field.Name.StringValue == "edges" && connection.GetField("edges")?.ResolvedType?.GetNamedType() is IObjectGraphType edge)
            {
                nodes.AddRange(FieldsOf(context, inner, edge).Where(f => f.Ast.Name.StringValue == "node" && f.Ast.SelectionSet is not null).Select(f => f.Ast.SelectionSet!));
            }
        }

        return Of(context, entity, node, nodes);
    }

    private static Shape Of(IResolveFieldContext context, Type entity, IObjectGraphType type, IReadOnlyList<GraphQLSelectionSet> sets)
    {
        var members = new SortedSet<string>(StringComparer.Ordinal);
        var joins = new Dictionary<string, List<(GraphQLField Ast, FieldType Definition)>>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var (ast, definition) in FieldsOf(context, set, type))
            {
                if (ast.Name.StringValue == "id")
                {
                    continue;
                }

                // A personal-data guard finds its subject through a function of the row: it gets the whole row.
                if (ProjectionFields.ReadsOf(definition) is not { } reads || Policies.SubjectOf(type, definition) is not null)
                {
                    return WholeRow(entity);
                }

                members.UnionWith(reads.Members);
                foreach (var join in reads.Joins)
                {
                    (joins.TryGetValue(join, out var list) ? list : joins[join] = []).Add((ast, definition));
                }
            }
        }

        var joined = new SortedDictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var (navigation, fields) in joins)
        {
            var target = entity.GetProperty(navigation)?.PropertyType;
            if (target is null || ObjectTypeOf(context.Schema, target) is not { } targetType)
            {
                return WholeRow(entity);
            }

            var selections = fields.Where(f => f.Ast.SelectionSet is not null).Select(f => f.Ast.SelectionSet!).ToList();
            joined[navigation] = Of(context, target, targetType, selections);
        }

        return new Shape(entity, false, members, joined);
    }

    /// <summary>The fields a selection set asks of one object type, through fragments whose type condition applies.</summary>
    private static IEnumerable<(GraphQLField Ast, FieldType Definition)> FieldsOf(IResolveFieldContext context, GraphQLSelectionSet set, IObjectGraphType type)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when field.Name.StringValue != "__typename" && type.GetField(field.Name.StringValue) is { } definition:
                    yield return (field, definition);
                    break;
                case GraphQLInlineFragment inline when inline.TypeCondition is null || Applies(context.Schema, inline.TypeCondition.Type.Name.StringValue, type):
                    foreach (var inner in FieldsOf(context, inline.SelectionSet, type))
                    {
                        yield return inner;
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.Value.Span.SequenceEqual(spread.FragmentName.Name.Value.Span));
                    if (fragment is not null && Applies(context.Schema, fragment.TypeCondition.Type.Name.StringValue, type))
                    {
                        foreach (var inner in FieldsOf(context, fragment.SelectionSet, type))
                        {
                            yield return inner;
                        }
                    }

                    break;
            }
        }
    }

    private static bool Applies(ISchema schema, string condition, IObjectGraphType type) =>
        condition == type.Name || schema.AllTypes[condition] switch
        {
            IInterfaceGraphType face => type.ResolvedInterfaces.Contains(face),
            UnionGraphType union => union.PossibleTypes.Contains(type),
            _ => false,
        };

    /// <summary>The object type whose source is <paramref name="entity"/> (named like the entity when there are several).</summary>
    private static IObjectGraphType? ObjectTypeOf(ISchema schema, Type entity) =>
        ObjectTypes.GetOrCreateValue(schema).GetOrAdd(entity, e =>
        {
            var candidates = schema.AllTypes.OfType<IObjectGraphType>().Where(t => SourceOf(t.GetType()) == e).ToList();
            return candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(t => t.Name == e.Name);
        });

    internal static Type? SourceOf(Type graphType) => SourceTypes.GetOrAdd(graphType, static t =>
    {
        for (var type = t; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ObjectGraphType<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    });

    /// <summary>
    /// <c>row => new T { Id = row.Id, … }</c> reading only this shape, with each joined relation kept only when the viewer
    /// may see it (its visibility rule on the joined row); null when the whole row is needed.
    /// </summary>
    public Expression<Func<T, T>>? Selector<T>(IModel model, Viewer viewer)
    {
        if (Whole)
        {
            return null;
        }

        // Built once per model and class of viewer (their rules are alike), not on every request.
        if (viewer.RuleClass is { } ruleClass)
        {
            return (Expression<Func<T, T>>?)_selectors.GetOrAdd((model, ruleClass), _ => BuildSelector<T>(model, viewer));
        }

        return BuildSelector<T>(model, viewer);
    }

    private readonly ConcurrentDictionary<(IModel Model, string RuleClass), LambdaExpression?> _selectors = new();

    private Expression<Func<T, T>>? BuildSelector<T>(IModel model, Viewer viewer)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return Build(row, model, viewer) is { } body ? Expression.Lambda<Func<T, T>>(body, row) : null;
    }

    private MemberInitExpression? Build(Expression row, IModel model, Viewer viewer)
    {
        if (model.FindEntityType(Entity) is not { } entityType)
        {
            return null;
        }

        var bindings = new List<MemberBinding> { Bind(row, nameof(Data.Entity.Id)) };
        foreach (var member in Stored(Members))
        {
            if (member == nameof(Data.Entity.Id))
            {
                continue;
            }

            if (entityType.FindComplexProperty(member) is { } complex)
            {
                bindings.Add(Expression.Bind(Entity.GetProperty(member)!, Complex(Expression.Property(row, member), complex)));
                continue;
            }

            if (entityType.FindProperty(member) is null)
            {
                return null;
            }

            bindings.Add(Bind(row, member));
        }

        foreach (var (navigation, shape) in Joins)
        {
            var property = Entity.GetProperty(navigation)!;
            var target = Expression.Property(row, property);
            Expression? value = shape.Whole ? target : shape.Build(target, model, viewer);
            if (value is null || entityType.FindNavigation(navigation) is not { IsCollection: false })
            {
                return null;
            }

            Expression test = Expression.NotEqual(target, Expression.Constant(null, property.PropertyType));
            if (Visibility.Rule(property.PropertyType, viewer) is { } rule)
            {
                test = Expression.AndAlso(test, ReplacingExpressionVisitor.Replace(rule.Parameters[0], target, rule.Body));
            }

            bindings.Add(Expression.Bind(property, Expression.Condition(test, value, Expression.Constant(null, property.PropertyType))));
        }

        return Expression.MemberInit(Expression.New(Entity), bindings);
    }

    // A complex property that is never null is read column by column: projected whole, EF Core reads its owner's whole row.
    // A value object that may be absent is read the same way behind a null test: projected whole, it failed to translate
    // next to a joined reference inside PostgreSQL's LATERAL page.
    private static Expression Complex(Expression value, IComplexProperty property)
    {
        var bindings = property.ComplexType.GetProperties().Where(p => p.PropertyInfo is { CanWrite: true }).Select(p => (MemberBinding)Expression.Bind(p.PropertyInfo!, Expression.Property(value, p.PropertyInfo!)))
            .Concat(property.ComplexType.GetComplexProperties().Where(c => c.PropertyInfo is { CanWrite: true }).Select(c => Expression.Bind(c.PropertyInfo!, Complex(Expression.Property(value, c.PropertyInfo!), c))));
        var read = Expression.MemberInit(Expression.New(value.Type), bindings);
        return property.IsNullable ? Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, value.Type), read) : read;
    }

    // Computed properties are read through the stored members they derive from.
    private IEnumerable<string> Stored(IEnumerable<string> members) => members
        .SelectMany(m => Entity.GetProperty(m)?.GetCustomAttribute<ComputedFromAttribute>()?.Members ?? [m])
        .Distinct(StringComparer.Ordinal);

    private static MemberAssignment Bind(Expression row, string member)
    {
        var property = row.Type.GetProperty(member)!;
        return Expression.Bind(property, Expression.Property(row, property));
    }
}
