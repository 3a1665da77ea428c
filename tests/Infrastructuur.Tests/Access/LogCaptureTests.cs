using System.Text.RegularExpressions;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Infrastructuur.Tests.Access.AccessWorld;

namespace Infrastructuur.Tests.Access;

/// <summary>
/// docs/security.md: "No personal data, tokens or e-mail addresses in technical logs." The app runs with every log message
/// down to Debug captured in memory while it serves personal data, refuses it, rejects a forged token and searches for
/// an e-mail address; then the logs are searched for all of it.
/// </summary>
public abstract partial class LogCaptureTests(Engine engine)
{
    [SkippableFact]
    public async Task No_personal_data_token_or_email_address_reaches_the_logs()
    {
        TestEnvironment.Require(TestApp.Unavailable(engine));
        var logs = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(
            engine,
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
            },
            configure: builder => builder.Logging.AddProvider(logs));
        var w = await CreateAsync(app);
        logs.Clear();

        const string Everything = """
            query($p: ID!, $i: ID!, $c: ID!) {
              node(id: $p) { ... on Person { fullName email phone } }
              initiative(id: $i) { coordinators { person { fullName email phone } } }
              company: node(id: $c) { ... on NeighbourhoodCompany { shareholderRegister(first: 10) { nodes { holder { fullName email phone } } } } }
              viewer { personalDataExport { person { email } } } }
            """;
        var variables = new { p = Id(w.Contact), i = Id(w.Initiative), c = Id(w.Company) };
        foreach (var (_, token) in w.Viewers)
        {
            Assert.Equal(200, (await app.QueryAsync(Everything, variables, token)).Status);
        }

        var admin = await app.QueryAsync(Everything, variables, w.Viewers["admin"]);
        Assert.Contains(w.Shareholder.Email!, admin.Text, StringComparison.Ordinal);
        Assert.Equal(401, (await app.QueryAsync("{ viewer { role } }", token: w.Viewers["admin"] + "x")).Status);
        await app.QueryAsync("query($t: String) { activities(first: 5, filterBy: { text: $t }) { totalCount } }", new { t = w.Contact.Email }, w.Viewers["resident own"]);
        await app.QueryAsync("query($t: String) { activities(first: 5, filterBy: { text: $t }) { nodes { name } } nope }", new { t = w.Contact.Email });

        var messages = logs.Messages.ToList();
        Assert.True(messages.Count > 20, $"Only {messages.Count} log messages were captured: is the capture working?");
        Assert.Contains(messages, m => m.Contains("Executed DbCommand", StringComparison.Ordinal));
        var everyone = w.People.Values.Append(w.Shareholder).ToList();
        var secrets = w.PersonalValues(everyone).Concat(w.Viewers.Values.OfType<string>()).Append(w.SignalText).ToList();
        var leaks = messages.Where(m => secrets.Any(s => m.Contains(s, StringComparison.Ordinal)) || EmailAddress().IsMatch(m)).ToList();
        Assert.True(leaks.Count == 0, "Personal data, a token or an e-mail address in the logs:\n" + string.Join('\n', leaks.Take(5)));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();
}

public sealed class SqliteLogCaptureTests() : LogCaptureTests(Engine.Sqlite);

public sealed class PostgresLogCaptureTests() : LogCaptureTests(Engine.Postgres);
