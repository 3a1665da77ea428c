using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Search;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;

namespace Infrastructuur.Api.GraphQL;

/// <summary>The root query type: a table of contents, one registration per feature.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<NodeResolver> nodeResolvers)
    {
        Name = "Query";
        Description = "The entry points for reading the neighbourhood network.";
        this.DefaultPolicy(Policies.Public);
        this.AddNodeQueries(nodeResolvers);
        this.AddGeographyQueries();
        this.AddOrganisationQueries();
        this.AddInitiativeQueries();
        this.AddTaxonomyQueries();
        this.AddActivityQueries();
        this.AddProgrammeQueries();
        this.AddFundingQueries();
        this.AddCoalitionQueries();
        this.AddNetworkQueries();
        this.AddSignalQueries();
        this.AddDashboardQueries();
        this.AddViewerQueries();
        this.AddSearchQueries();
    }
}

public sealed class InfrastructuurSchema : Schema
{
    public InfrastructuurSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Description = "Infrastructuur: one graph over a neighbourhood social-health network — initiatives, organisations, offering, needs, funding.";
        Query = query;
        Mutation = mutation;

        // What graphql-js's introspection query asks with its options on (isRepeatable, deprecated arguments and input fields).
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;

        // The built-in Decimal and Long scalars have no description; ours do.
        RegisterTypeMapping(typeof(decimal), typeof(DescribedDecimalGraphType));
        RegisterTypeMapping(typeof(long), typeof(DescribedLongGraphType));
    }
}
