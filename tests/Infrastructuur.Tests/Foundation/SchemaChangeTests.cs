using System.Text.Json;
using System.Text.RegularExpressions;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// Every breaking change since the released schema is in the changelog: graphql-inspector (npm, pinned in
/// tests/js/package-lock.json) diffs schema/released.graphql, the schema as last released and kept in the repository so
/// that a fresh clone of one branch can compare, against schema/schema.graphql, and each breaking change it reports must
/// be named by a **Breaking** entry under the changelog's unreleased heading.
/// </summary>
public sealed partial class SchemaChangeTests
{
    private static string SchemaFolder => Path.Combine(TestEnvironment.RepoRoot, "schema");

    [SkippableFact]
    public async Task Every_breaking_change_since_the_released_schema_is_in_the_changelog()
    {
        var breaking = await BreakingChangesAsync();
        var entries = BreakingEntries(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepoRoot, "CHANGELOG.md")));

        var unlisted = breaking.Where(c => !entries.Any(e => Names(c, e))).Select(c => c.Message).ToList();

        Assert.True(unlisted.Count == 0, "Breaking changes against schema/released.graphql that CHANGELOG.md does not name under its unreleased heading (add a **Breaking** entry naming the type and field, e.g. `Grant.amountAwarded`):\n" + string.Join('\n', unlisted));
    }

    /// <summary>The check can fail: the same diff against a changelog without breaking entries names every change.</summary>
    [SkippableFact]
    public async Task A_changelog_without_the_entries_leaves_every_breaking_change_unlisted()
    {
        var breaking = await BreakingChangesAsync();
        var entries = BreakingEntries("# Changelog\n\n## Unreleased\n\n- `Signal.responses` was added.\n\n## 1.0\n\n- **Breaking** `CountRow.sum` and `DateOnly` to `Date`.\n");

        Assert.NotEmpty(breaking); // schema v2 is not released yet: its breaking changes are in the diff
        Assert.DoesNotContain(breaking, c => entries.Any(e => Names(c, e)));
    }

    private static async Task<List<Change>> BreakingChangesAsync()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        var (code, output) = await NodeTools.NodeAsync(
            Path.Combine("node_modules", "@graphql-inspector", "cli", "cjs", "index.js"),
            ["diff", Path.Combine(SchemaFolder, "released.graphql"), Path.Combine(SchemaFolder, "schema.graphql"), "--onComplete", "inspector-report.cjs"],
            TimeSpan.FromMinutes(3));

        var line = output.Split('\n').SingleOrDefault(l => l.StartsWith("BREAKING ", StringComparison.Ordinal));
        Assert.True(code == 0 && line is not null, $"graphql-inspector diff failed ({code}):\n{output}");
        return JsonSerializer.Deserialize<List<Change>>(line!["BREAKING ".Length..], new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>The names in backticks of each **Breaking** entry under the first (unreleased) heading, split at dots and slashes.</summary>
    private static List<HashSet<string>> BreakingEntries(string changelog)
    {
        var unreleased = Regex.Split(changelog, @"^## ", RegexOptions.Multiline).Skip(1).FirstOrDefault() ?? string.Empty;
        return Regex.Split(unreleased, @"^- ", RegexOptions.Multiline)
            .Where(entry => entry.StartsWith("**Breaking**", StringComparison.Ordinal))
            .Select(entry => Code().Matches(entry).SelectMany(m => Identifier().Matches(m.Groups[1].Value).Select(i => i.Value)).ToHashSet(StringComparer.Ordinal))
            .ToList();
    }

    /// <summary>
    /// An entry names a change when it names every part of the change's path (`CountRow.sum`, or `CountRow` and `sum`),
    /// or, for a change of type, both the old and the new type (a rename of `DateOnly` to `Date` names every field it moves).
    /// </summary>
    private static bool Names(Change change, HashSet<string> entry) =>
        (change.Path is { } path && path.Split('.').All(entry.Contains))
        || (change.From is { } from && change.To is { } to && entry.Contains(from) && entry.Contains(to));

    private sealed record Change(string Type, string Message, string? Path, string? From, string? To);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
