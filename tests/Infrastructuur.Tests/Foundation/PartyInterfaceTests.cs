using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// Organisations and initiatives share the Party interface wherever either may stand (issue 13 item 6): a front end
/// selects their shared fields without a fragment per type, and one cache policy covers an activity's provider, a
/// programme's participants and the network's parties.
/// </summary>
public sealed class PartyInterfaceTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Party_is_one_interface_of_Organisation_and_Initiative()
    {
        var response = await fixture.App.QueryAsync("""{ __type(name: "Party") { kind possibleTypes { name } } }""");

        response.AssertOk();
        Assert.Equal("INTERFACE", response.Data!["__type"]!["kind"]!.GetValue<string>());
        Assert.Equal(["Initiative", "Organisation"], response.Data!["__type"]!["possibleTypes"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var gone in new[] { "Provider", "ProgrammeParticipant" })
        {
            Assert.Null((await fixture.App.QueryAsync($$"""{ __type(name: "{{gone}}") { name } }""")).AssertOk().Data!["__type"]);
        }
    }

    /// <summary>The demo's activities have organisations and initiatives as providers, its programme both kinds as participants.</summary>
    [Fact]
    public async Task Providers_and_participants_answer_their_shared_fields_without_fragments()
    {
        var response = await fixture.App.QueryAsync("""
            {
              activities(first: 100) { nodes { provider { __typename id name } } }
              programmes(first: 10) { nodes { participants { __typename id name } } }
            }
            """);

        response.AssertOk();
        var providers = response.Data!["activities"]!["nodes"]!.AsArray().Select(n => n!["provider"]!).ToList();
        var participants = response.Data!["programmes"]!["nodes"]!.AsArray().SelectMany(p => p!["participants"]!.AsArray()).Select(p => p!).ToList();
        foreach (var parties in new[] { providers, participants })
        {
            Assert.Equal(["Initiative", "Organisation"], parties.Select(p => p["__typename"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
            Assert.All(parties, p => Assert.False(string.IsNullOrWhiteSpace(p["name"]!.GetValue<string>())));
            Assert.All(parties, p => Assert.False(string.IsNullOrWhiteSpace(p["id"]!.GetValue<string>())));
        }
    }
}
