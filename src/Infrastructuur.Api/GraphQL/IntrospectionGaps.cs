using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Completes introspection where GraphQL.NET 8 lags the spec, so graphql-js's introspection query with every option on
/// (as codegen and IDEs send it) validates: <c>__Type.specifiedByURL</c> (GraphQL October 2021) answers the URL a scalar
/// names with <c>@specifiedBy</c> (every custom scalar of ours names one), null for every other type;
/// <c>__Directive.args</c> takes <c>includeDeprecated</c> like <c>__Field.args</c> does.
/// </summary>
public sealed class IntrospectionGaps : BaseSchemaNodeVisitor
{
    public const string Metadata = "specifiedByURL";

    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        if (type.Name == "__Directive" && type.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null)
        {
            var all = args.Resolver ?? throw new InvalidOperationException("__Directive.args has no resolver.");
            args.Arguments ??= [];
            args.Arguments.Add(new QueryArgument(new BooleanGraphType())
            {
                Name = "includeDeprecated",
                Description = "Include deprecated arguments too.",
                DefaultValue = false,
                ResolvedType = schema.AllTypes["Boolean"],
            });
            args.Resolver = new FuncFieldResolver<object?>(async ctx =>
            {
                var found = await all.ResolveAsync(ctx);
                return ctx.GetArgument<bool>("includeDeprecated") || found is not IEnumerable<QueryArgument> list
                    ? found
                    : list.Where(a => a.DeprecationReason is null).ToList();
            });
        }

        if (type.Name != "__Type" || type.HasField(Metadata))
        {
            return;
        }

        type.AddField(new FieldType
        {
            Name = Metadata,
            Description = "A URL to the specification of a scalar's format and behaviour; null when it has none or is not a scalar.",
            ResolvedType = schema.AllTypes["String"] ?? throw new InvalidOperationException("The schema has no String type."),
            Resolver = new FuncFieldResolver<object?>(ctx => ctx.Source is ScalarGraphType scalar ? SpecifiedByDirective.UrlOf(scalar) : null),
        });
    }
}
