using System.Text.Json;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// The custom scalars as a front end's tooling sees them (ADR 0024): standard names, a specification for each by
/// @specifiedBy and in introspection, and the exact numbers as strings on the wire. Unit cases: MoneyTests.
/// </summary>
public sealed class ScalarContractTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly string[] BuiltIn = ["String", "Int", "Float", "Boolean", "ID"];

    private static readonly Dictionary<string, string> Specifications = new()
    {
        ["Date"] = "https://scalars.graphql.org/chillicream/local-date.html",
        ["LocalTime"] = "https://scalars.graphql.org/chillicream/local-time.html",
        ["DateTime"] = "https://scalars.graphql.org/andimarek/date-time.html",
        ["Money"] = "https://www.w3.org/TR/xmlschema11-2/#decimal",
        ["Long"] = "https://scalars.graphql.org/jakobmerrild/long.html",
    };

    [Fact]
    public async Task Introspection_gives_every_custom_scalar_its_specification_and_a_standard_name()
    {
        var response = await fixture.App.QueryAsync("{ __schema { types { name kind specifiedByURL } } }");

        response.AssertOk();
        var scalars = response.Data!["__schema"]!["types"]!.AsArray()
            .Where(t => t!["kind"]!.GetValue<string>() == "SCALAR" && !BuiltIn.Contains(t["name"]!.GetValue<string>()))
            .ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["specifiedByURL"]?.GetValue<string>() ?? "(none)");
        Assert.Equal(Specifications.OrderBy(s => s.Key, StringComparer.Ordinal), scalars.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_SDL_applies_specifiedBy_to_every_custom_scalar()
    {
        var sdl = (await fixture.App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?sdl"))).Text;

        foreach (var (name, url) in Specifications)
        {
            Assert.Contains($"scalar {name} @specifiedBy(url: \"{url}\")", sdl, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("DateOnly", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain("TimeOnly", sdl, StringComparison.Ordinal);
    }

    /// <summary>The demo's activities have dates, times and coordinates: dates and times cross as strings in their standard form, coordinates as numbers.</summary>
    [Fact]
    public async Task Dates_and_times_cross_as_strings_in_their_standard_form()
    {
        var response = await fixture.App.QueryAsync("""
            query($from: Date!, $to: Date!) { activities(first: 100, filterBy: { activeBetween: { from: $from, to: $to } }) { nodes { modifiedAt schedule { startsOn startTime } location { latitude } } } }
            """, new { from = "2000-01-01", to = "2030-12-31" });

        response.AssertOk();
        var nodes = response.Data!["activities"]!["nodes"]!.AsArray();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", n!["modifiedAt"]!.GetValue<string>()));
        var days = nodes.Select(n => n!["schedule"]!["startsOn"]).OfType<System.Text.Json.Nodes.JsonNode>().ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", d.GetValue<string>()));
        var times = nodes.Select(n => n!["schedule"]!["startTime"]).OfType<System.Text.Json.Nodes.JsonNode>().ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Matches(@"^\d{2}:\d{2}:\d{2}(\.\d+)?$", t.GetValue<string>()));
        var latitudes = nodes.Select(n => n!["location"]?["latitude"]).OfType<System.Text.Json.Nodes.JsonNode>().ToList();
        Assert.NotEmpty(latitudes);
        Assert.All(latitudes, l => Assert.Equal(JsonValueKind.Number, l.GetValueKind()));
    }
}
