using System.Globalization;
using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Access;

/// <summary>Deny by default: every field carries a policy, and a field without one can never be read.</summary>
public sealed class PolicyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public void Every_field_of_every_object_and_interface_type_carries_a_known_policy()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        Assert.True(schema.AllTypes.Count(t => t is IObjectGraphType or IInterfaceGraphType) > 50);
        var unmarked = Policies.UnmarkedFields(schema);
        Assert.True(unmarked.Count == 0, "Fields without an access policy (add .Policy(...) or the type's DefaultPolicy):\n" + string.Join('\n', unmarked));
    }

    [Fact]
    public void The_sensitive_fields_carry_the_policies_that_guard_them()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        string? PolicyOf(string type, string field)
        {
            var complex = (IComplexGraphType)schema.AllTypes[type]!;
            return Policies.PolicyOf(complex, complex.GetField(field)!);
        }

        Assert.Equal(Policies.Public, PolicyOf("Person", "displayName"));
        Assert.All(new[] { "fullName", "email", "phone" }, f => Assert.Equal(Policies.PersonalData, PolicyOf("Person", f)));
        Assert.Equal(Policies.PersonalData, PolicyOf("NeighbourhoodCompany", "shareholderRegister"));
        Assert.Equal(Policies.Scoped, PolicyOf("Signal", "description"));
        Assert.Equal(Policies.Admin, PolicyOf("Query", "accessLog"));
        Assert.Equal(Policies.Admin, PolicyOf("AccessLogEntry", "readerSubject"));
        Assert.Equal(Policies.Public, PolicyOf("Query", "viewer"));
        Assert.Equal(Policies.Public, PolicyOf("Query", "activities"));
    }

    [Fact]
    public async Task A_field_without_a_policy_is_listed_by_the_check_and_refused_when_asked_for()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("open").Description("Marked public.").Policy(Policies.Public).Resolve(_ => "open");
        query.Field<StringGraphType>("forgotten").Description("Marked with nothing.").Resolve(_ => "leaked");
        query.Field<StringGraphType>("misspelt").Description("Marked with a policy nobody knows.").Policy("publik").Resolve(_ => "leaked");
        query.Field<StringGraphType>("admins").Description("Marked admin.").Policy(Policies.Admin).Resolve(_ => "secret");
        var schema = new Schema { Query = query };
        schema.RegisterVisitor(new PolicyEnforcement());
        schema.Initialize();

        Assert.Equal(["Query.forgotten", "Query.misspelt"], Policies.UnmarkedFields(schema));

        async Task<ExecutionResult> RunAsync(string document, ClaimsPrincipal user) => await new DocumentExecuter().ExecuteAsync(o =>
        {
            o.Schema = schema;
            o.Query = document;
            o.UserContext = new RequestContext(fixture.App.Services, user, CultureInfo.InvariantCulture);
        });

        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var open = await RunAsync("{ open }", anonymous);
        Assert.Null(open.Errors);
        Assert.Equal("open", DataOf(open)["open"]!.GetValue<string>());

        foreach (var field in new[] { "forgotten", "misspelt" })
        {
            var refused = await RunAsync($"{{ {field} }}", anonymous);
            Assert.Equal("FORBIDDEN", Assert.Single(refused.Errors!).Code);
            Assert.Null(DataOf(refused)[field]);
        }

        Assert.Equal("UNAUTHENTICATED", Assert.Single((await RunAsync("{ admins }", anonymous)).Errors!).Code);
        var resident = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "someone"), new Claim("role", "resident")], "test"));
        Assert.Equal("FORBIDDEN", Assert.Single((await RunAsync("{ admins }", resident)).Errors!).Code);
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "someone"), new Claim("role", "admin")], "test"));
        Assert.Null((await RunAsync("{ admins }", admin)).Errors);
    }

    private static System.Text.Json.Nodes.JsonNode DataOf(ExecutionResult result) =>
        System.Text.Json.Nodes.JsonNode.Parse(new GraphQL.SystemTextJson.GraphQLSerializer().Serialize(result))!["data"]!;
}
