using System.Text.Json.Nodes;
using GraphQL.Types;
using GraphQLParser.AST;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// The Apollo Federation v2 subgraph on /graphql (ADR 0027): the SDL a composer reads, and _entities as a gateway calls
/// it — by global ID and by natural key, in batches, with node(id:)'s visibility and errors.
/// </summary>
public abstract class FederationTests(Func<TestApp> app)
{
    private const string Entities = """
        query($r: [_Any!]!) { _entities(representations: $r) { __typename
          ... on Municipality { id name } ... on Neighbourhood { id name cbsCode } ... on Organisation { id name kvkNumber }
          ... on Theme { id code } ... on Initiative { id name } } }
        """;

    private static int _next = 9100;

    [SkippableFact]
    public async Task The_service_sdl_parses_links_federation_and_keys_every_entity()
    {
        var sdl = (await app().QueryAsync("{ _service { sdl } }")).AssertOk().Data!["_service"]!["sdl"]!.GetValue<string>();
        var entities = ((UnionGraphType)app().Services.GetRequiredService<ISchema>().AllTypes["_Entity"]!).PossibleTypes.Select(t => t.Name).ToList();

        var document = GraphQLParser.Parser.Parse(sdl);
        var link = document.Definitions.OfType<GraphQLSchemaExtension>().Single().Directives!.Items.Single();
        Assert.Equal("link", link.Name.StringValue);
        Assert.Equal("https://specs.apollo.dev/federation/v2.9", ((GraphQLStringValue)link.Arguments!.Items.Single(a => a.Name.StringValue == "url").Value).Value.ToString());

        var types = document.Definitions.OfType<GraphQLObjectTypeDefinition>().ToDictionary(t => t.Name.StringValue);
        List<string> Applied(string type, string directive) =>
            [.. types[type].Directives?.Items.Where(d => d.Name.StringValue == directive).Select(d => d.Arguments?.Items.Single().Value is GraphQLStringValue s ? s.Value.ToString() : string.Empty) ?? []];

        // Every Node is an entity keyed by its global ID; the natural keys where they exist.
        Assert.Equal(30, entities.Count);
        Assert.All(entities, e => Assert.Contains("id", Applied(e, "key")));
        Assert.Equal(["id", "cbsCode"], Applied("Municipality", "key"));
        Assert.Equal(["id", "cbsCode"], Applied("Neighbourhood", "key"));
        Assert.Equal(["id", "kvkNumber"], Applied("Organisation", "key"));
        Assert.Equal(["id", "code"], Applied("Theme", "key"));
        Assert.Equal(["id", "code"], Applied("TargetGroup", "key"));
        Assert.Empty(Applied("Activity", "shareable"));

        // Shared with other subgraphs: Relay's PageInfo, the names CBS publishes. Kept out of the supergraph: people and
        // every field that leads to one.
        Assert.Single(Applied("PageInfo", "shareable"));
        Assert.Contains(types["Neighbourhood"].Fields!.Items.Single(f => f.Name.StringValue == "name").Directives!.Items, d => d.Name.StringValue == "shareable");
        Assert.Single(Applied("Person", "inaccessible"));
        Assert.Contains(types["InitiativeCoordinator"].Fields!.Items.Single(f => f.Name.StringValue == "person").Directives!.Items, d => d.Name.StringValue == "inaccessible");
        Assert.Empty(Applied("InitiativeCoordinator", "inaccessible"));
        Assert.Single(Applied("AccessLogEntryConnection", "inaccessible"));
        Assert.Contains(types["Query"].Fields!.Items.Single(f => f.Name.StringValue == "accessLog").Directives!.Items, d => d.Name.StringValue == "inaccessible");

        // The federation's own fields and types are the composer's to add, not ours to declare.
        Assert.DoesNotContain(types["Query"].Fields!.Items, f => f.Name.StringValue.StartsWith('_'));
        Assert.DoesNotContain(document.Definitions.OfType<GraphQLTypeDefinition>(), t => t.Name.StringValue is "_Any" or "_Entity" or "_Service");
        Assert.Contains(document.Definitions.OfType<GraphQLScalarTypeDefinition>(), s => s.Name.StringValue == "FieldSet");
    }

    /// <summary>Clients keep the schema they had: introspection and the published SDL show no federation field or type.</summary>
    [SkippableFact]
    public async Task Clients_see_the_schema_without_the_federation_elements_which_still_execute()
    {
        var introspection = (await app().QueryAsync("{ __schema { types { name } queryType { fields { name } } } }")).AssertOk().Data!["__schema"]!;
        var sdl = (await app().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?sdl"))).Text;
        var typed = await app().QueryAsync("""{ _service { __typename } _entities(representations: [{ __typename: "Municipality", cbsCode: "GM0599" }]) { __typename } }""");

        var types = introspection["types"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        var fields = introspection["queryType"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Municipality", types);
        Assert.DoesNotContain(types, t => t is "_Any" or "_Entity" or "_Service");
        Assert.Contains("node", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith('_'));
        Assert.Contains("kvkNumber: String", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain("_entities", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain("_Any", sdl, StringComparison.Ordinal);
        Assert.Equal("""{"_service":{"__typename":"_Service"},"_entities":[{"__typename":"Municipality"}]}""", typed.AssertOk().Data!.ToJsonString());
    }

    [SkippableFact]
    public async Task Entities_resolve_a_mixed_batch_by_global_ID_and_by_natural_key_in_the_order_given()
    {
        var (organisation, kvk) = await SeedOrganisationAsync();
        var rotterdam = (await app().QueryAsync("""{ municipality(cbsCode: "GM0599") { id } }""")).AssertOk().Data!["municipality"]!["id"]!.GetValue<string>();
        var middelland = (await app().QueryAsync($$"""{ neighbourhood(cbsCode: "{{DemoData.MiddellandCode}}") { id } }""")).AssertOk().Data!["neighbourhood"]!["id"]!.GetValue<string>();

        var response = await app().QueryAsync(Entities, new
        {
            r = new object[]
            {
                new Dictionary<string, object> { ["__typename"] = "Theme", ["code"] = DemoTaxonomy.DebtPoverty },
                new Dictionary<string, object> { ["__typename"] = "Municipality", ["id"] = rotterdam },
                new Dictionary<string, object> { ["__typename"] = "Neighbourhood", ["cbsCode"] = " bu05990325 " },
                new Dictionary<string, object> { ["__typename"] = "Organisation", ["kvkNumber"] = kvk },
                new Dictionary<string, object> { ["__typename"] = "Municipality", ["cbsCode"] = "GM1930" },
                new Dictionary<string, object> { ["__typename"] = "Organisation", ["id"] = GlobalId.Encode("Organisation", organisation.Id) },
            },
        });

        var found = response.AssertOk().Data!["_entities"]!.AsArray();
        Assert.Equal(
            ["Theme debt-poverty", "Municipality Rotterdam", $"Neighbourhood Middelland {middelland}", $"Organisation {organisation.Name} {kvk}", "Municipality Nissewaard", $"Organisation {organisation.Name} {kvk}"],
            found.Select(Describe));
    }

    [SkippableFact]
    public async Task Entities_hide_what_the_caller_may_not_see_as_node_does_and_say_which_are_missing()
    {
        var draft = await SeedDraftInitiativeAsync();
        var draftId = GlobalId.Encode("Initiative", draft.Id);
        var variables = new
        {
            r = new object[]
            {
                new Dictionary<string, object> { ["__typename"] = "Municipality", ["cbsCode"] = "GM0599" },
                new Dictionary<string, object> { ["__typename"] = "Initiative", ["id"] = draftId },
                new Dictionary<string, object> { ["__typename"] = "Neighbourhood", ["cbsCode"] = "BU99999999" },
            },
        };

        var anonymous = await app().QueryAsync(Entities, variables);
        var node = await app().QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = draftId });
        var admin = await app().QueryAsync(Entities, variables, Tokens.Mint("federation-admin", "admin"));

        Assert.Equal(200, anonymous.Status);
        var list = anonymous.Data!["_entities"]!.AsArray();
        Assert.Equal("Municipality Rotterdam", Describe(list[0]));
        Assert.Null(list[1]);
        Assert.Null(list[2]);
        Assert.Equal(
            [("NOT_FOUND", "_entities.1"), ("NOT_FOUND", "_entities.2")],
            anonymous.Errors!.Select(e => (e!["extensions"]!["code"]!.GetValue<string>(), string.Join('.', e["path"]!.AsArray().Select(p => p!.ToString())))));
        Assert.Contains("cbsCode", anonymous.Errors![1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // node(id:) says the same about the same row; an administrator sees it.
        Assert.Null(node.Data!["node"]);
        Assert.Equal("NOT_FOUND", node.FirstErrorCode);
        Assert.Equal($"Initiative {draft.Name}", Describe(admin.Data!["_entities"]![1]));
    }

    [SkippableTheory]
    [InlineData("""[{ "id": "x" }]""", "representations[0]: __typename is missing")]
    [InlineData("""[{ "__typename": "Municipality", "cbsCode": "GM0599" }, { "__typename": "Nope", "id": "x" }]""", "representations[1]: 'Nope' is not an entity of this subgraph.")]
    [InlineData("""[{ "__typename": "PageInfo", "hasNextPage": true }]""", "representations[0]: 'PageInfo' is not an entity of this subgraph.")]
    [InlineData("""[{ "__typename": "Theme", "id": "TXVuaWNpcGFsaXR5OjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw" }]""", "representations[0]: 'id' is not the global ID of a Theme.")]
    [InlineData("""[{ "__typename": "Organisation", "name": "Zonder sleutel" }]""", "representations[0]: a representation of Organisation needs id or kvkNumber.")]
    [InlineData("""[{ "__typename": "Neighbourhood", "cbsCode": 599 }]""", "representations[0]: 'cbsCode' must be a non-empty string")]
    [InlineData("""["Municipality"]""", "representations[0]: a representation is an object")]
    public async Task Malformed_representations_are_refused_with_a_clear_error(string representations, string message)
    {
        var response = await app().QueryAsync(Entities, new { r = JsonNode.Parse(representations) });

        Assert.True(response.Status == 400 && response.FirstErrorCode == "BAD_REQUEST", response.Text);
        Assert.StartsWith(message, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(response.Data);
    }

    [SkippableFact]
    public async Task Entities_take_at_most_100_representations()
    {
        var one = new Dictionary<string, object> { ["__typename"] = "Municipality", ["cbsCode"] = "GM0599" };

        var atLimit = await app().QueryAsync(Entities, new { r = Enumerable.Repeat(one, 100) });
        var over = await app().QueryAsync(Entities, new { r = Enumerable.Repeat(one, 101) });

        Assert.Equal(100, atLimit.AssertOk().Data!["_entities"]!.AsArray().Count);
        Assert.Equal(400, over.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", over.FirstErrorCode);
        Assert.Equal(100, over.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
    }

    /// <summary>
    /// A gateway sends every representation of a step in one call: the rows of a type are one statement however many
    /// there are, a natural key one more (its look-up), never one per representation.
    /// </summary>
    [SkippableFact]
    public async Task A_batch_of_one_type_costs_the_same_statements_for_5_representations_as_for_40()
    {
        var regions = await SeedNeighbourhoodsAsync(40);

        foreach (var size in new[] { 5, 40 })
        {
            var batch = regions.Take(size).ToList();
            var byId = batch.Select(n => new Dictionary<string, object> { ["__typename"] = "Neighbourhood", ["id"] = GlobalId.Encode("Neighbourhood", n.Id) }).ToList();
            var byCode = batch.Select(n => new Dictionary<string, object> { ["__typename"] = "Neighbourhood", ["cbsCode"] = n.CbsCode! }).ToList();
            var mixed = byId.Take(size / 2).Concat(byCode.Skip(size / 2)).ToList();

            Assert.Equal(1, await StatementsAsync(byId));
            Assert.Equal(2, await StatementsAsync(byCode));
            Assert.Equal(2, await StatementsAsync(mixed));
        }

        async Task<int> StatementsAsync(List<Dictionary<string, object>> representations)
        {
            using var sql = await SqlStatements.RecordAsync(app());
            var names = (await app().QueryAsync(Entities, new { r = representations })).AssertOk().Data!["_entities"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();
            Assert.Equal(representations.Count, names.Distinct().Count());
            return sql.Reading("Neighbourhoods");
        }
    }

    private static string Describe(JsonNode? entity) => entity!["__typename"]!.GetValue<string>() switch
    {
        "Theme" => $"Theme {entity["code"]}",
        "Municipality" => $"Municipality {entity["name"]}",
        "Neighbourhood" => $"Neighbourhood {entity["name"]} {entity["id"]}",
        "Organisation" => $"Organisation {entity["name"]} {entity["kvkNumber"]}",
        var other => $"{other} {entity["name"]}",
    };

    private async Task<(Organisation Organisation, string Kvk)> SeedOrganisationAsync()
    {
        var kvk = $"9{Interlocked.Increment(ref _next):0000000}"[..8];
        var organisation = new Organisation
        {
            Name = $"Federatiepartner {Guid.NewGuid():N}"[..30],
            Kind = OrganisationKind.Welfare,
            Identifiers = [new OrganisationIdentifier { Scheme = "NL-KVK", Value = kvk }, new OrganisationIdentifier { Scheme = "NL-OWMS", Value = $"X{kvk}" }],
        };
        await using var db = await app().OpenDbAsync();
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return (organisation, kvk);
    }

    private async Task<Initiative> SeedDraftInitiativeAsync()
    {
        await using var db = await app().OpenDbAsync();
        var rotterdam = await db.Municipalities.SingleAsync(m => m.CbsCode == "GM0599");
        var draft = new Initiative { Name = $"Concept federatie {Guid.NewGuid():N}"[..30], MunicipalityId = rotterdam.Id, Status = InitiativeStatus.Draft };
        db.Initiatives.Add(draft);
        await db.SaveChangesAsync();
        return draft;
    }

    private async Task<List<Neighbourhood>> SeedNeighbourhoodsAsync(int count)
    {
        var n = Interlocked.Add(ref _next, 1);
        var municipality = new Municipality { Name = $"Federatiegemeente {n}", CbsCode = $"GM{n}" };
        var regions = Enumerable.Range(0, count)
            .Select(i => new Neighbourhood { Name = $"Buurt {n}-{i:00}", Level = RegionLevel.Neighbourhood, Municipality = municipality, CbsCode = $"BU{n}{i:0000}", CbsCodeYear = 2026 })
            .ToList();
        await using var db = await app().OpenDbAsync();
        db.Neighbourhoods.AddRange(regions);
        await db.SaveChangesAsync();
        return regions;
    }
}

public sealed class SqliteFederationTests(SqliteAppFixture fixture) : FederationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFederationTests(PostgresAppFixture fixture) : FederationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
