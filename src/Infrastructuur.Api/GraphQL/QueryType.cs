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
using Infrastructuur.Api.GraphQL.Federation;

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
        this.AddFederationQueries(nodeResolvers);
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

        // Federation's fields execute on Query but are not the clients' schema (ADR 0027).
        Filter = new FederationSchemaFilter();

        // What graphql-js's introspection query asks with its options on (isRepeatable, deprecated arguments and input fields).
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;

        // Long is a string on the wire, so JavaScript holds it exactly (ADR 0024).
        RegisterTypeMapping(typeof(long), typeof(DescribedLongGraphType));

        // GraphQL.NET's date and time scalars under the names front ends know, each naming its specification: an instance
        // registered first is the one every field of that graph type gets (ADR 0024).
        Directives.Register(new SpecifiedByDirective());
        RegisterType(new DateOnlyGraphType
        {
            Name = "Date",
            Description = "A calendar day without a time or time zone, as RFC 3339's full-date: \"2026-03-31\".",
        }.SpecifiedBy("https://scalars.graphql.org/chillicream/local-date.html"));
        RegisterType(new TimeOnlyGraphType
        {
            Name = "LocalTime",
            Description = "A time of day without a date or time zone (Dutch local time where it is an activity's), as RFC 3339's partial-time: \"19:30:00\".",
        }.SpecifiedBy("https://scalars.graphql.org/chillicream/local-time.html"));
        RegisterType(new DateTimeGraphType
        {
            Description = "A moment in time, as RFC 3339's date-time, always in UTC: \"2026-03-31T17:30:00.1234567Z\". As input an offset is expected (\"Z\" or \"+02:00\").",
        }.SpecifiedBy("https://scalars.graphql.org/andimarek/date-time.html"));
    }
}
