using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>
/// Applied to every response the whole suite receives (TestApp.SendAsync): an error response never carries a
/// stack trace, SQL, a file path, an exception type name or a "Did you mean" hint, and every code is on the fixed list.
/// </summary>
public static class ErrorContract
{
    private static readonly string[] Forbidden =
    [
        "Exception", "   at ", ".cs:line", "System.", "Microsoft.", "Npgsql", "SQLite Error", "SqliteException",
        "SELECT ", "INSERT INTO", "/work/", "/tmp/", "/home/", "Did you mean", "StackTrace", "InnerException",
    ];

    public static void Check(GraphQLResponse response)
    {
        if (response.Errors is not { } errors)
        {
            return;
        }

        foreach (var word in Forbidden)
        {
            Assert.False(response.Text.Contains(word, StringComparison.Ordinal), $"An error response leaks '{word}': {response.Text[..Math.Min(500, response.Text.Length)]}");
        }

        foreach (var error in errors)
        {
            var code = error?["extensions"]?["code"]?.GetValue<string>();
            Assert.True(code is not null && ErrorCodes.All.Contains(code), $"Error code '{code}' is not on the fixed list: {error}");
        }
    }
}
