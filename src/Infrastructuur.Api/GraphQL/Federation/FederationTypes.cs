using GraphQL.Introspection;
using GraphQL.Types;

namespace Infrastructuur.Api.GraphQL.Federation;

/// <summary>Federation's <c>_Any</c>: a representation of an entity as a gateway sends it (ADR 0027).</summary>
public sealed class AnyScalarType : ComplexScalarGraphType
{
    public AnyScalarType()
    {
        Name = "_Any";
        Description = "Apollo Federation: an entity representation, an object with __typename and the fields of one of the type's keys, e.g. { \"__typename\": \"Neighbourhood\", \"cbsCode\": \"BU05990325\" }.";
    }
}

/// <summary>Federation's <c>_Service</c>: what a gateway or composer reads about this subgraph.</summary>
public sealed class ServiceType : ObjectGraphType
{
    private string? _sdl;

    public ServiceType()
    {
        Name = "_Service";
        Description = "Apollo Federation: this API as a subgraph.";
        this.DefaultPolicy(Policies.Public);
        // Printed once: the schema does not change while the app runs.
        Field<NonNullGraphType<StringGraphType>>("sdl")
            .Description("The schema as a Federation v2 subgraph: the schema you see, with @link to the federation spec, @key on every entity, @shareable and @inaccessible where they apply.")
            .Resolve(ctx => _sdl ??= SubgraphSdl.Print(ctx.Schema));
    }
}

/// <summary>Federation's <c>_Entity</c>: every type a gateway may fetch by a key — every Node type.</summary>
public sealed class EntityUnionType : UnionGraphType
{
    public EntityUnionType(FederatedEntities entities)
    {
        Name = "_Entity";
        Description = "Apollo Federation: every object _entities can return, which is every type implementing Node.";
        foreach (var graphType in entities.GraphTypes)
        {
            Type(graphType);
        }
    }
}

/// <summary>The graph types of the federation's entities (every Node type), found once at start-up in GraphQLSetup.</summary>
public sealed record FederatedEntities(IReadOnlyList<Type> GraphTypes);

/// <summary>
/// Keeps the federation's own fields and types out of introspection (ADR 0027): gateways call them and composers read
/// <c>_service.sdl</c>, never introspection, while every client's schema — the IDE's docs, codegen with strict scalars,
/// generated types — stays the one it had. They still execute for whoever calls them, with the same rules as node(id:).
/// </summary>
public sealed class FederationSchemaFilter : DefaultSchemaFilter
{
    public override Task<bool> AllowType(IGraphType type) =>
        SubgraphSdl.FederationTypes.Contains(type.Name) ? Forbidden : base.AllowType(type);

    public override Task<bool> AllowField(IGraphType parent, IFieldType field) =>
        SubgraphSdl.FederationFields.Contains(field.Name) && parent.Name == "Query" ? Forbidden : base.AllowField(parent, field);
}
