using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Access;

/// <summary>The demo sign-ins the README shows: each sees what its scope covers, and the public does not.</summary>
public abstract class DemoAccessTests(Func<TestApp> app)
{
    private const string Query = """
        { viewer { role person { displayName } coordinatedInitiatives { name } employers { name } municipalities { name } }
          draft: activities(first: 5, filterBy: { text: "Budgetcursus", statuses: [DRAFT] }) { totalCount nodes { name status viewerCanEdit } }
          application: grants(first: 100, filterBy: { statuses: [APPLIED] }) { nodes { identifier } } }
        """;

    [SkippableTheory]
    [InlineData(null, null, "ANONYMOUS", null, false)]
    [InlineData(DemoAccess.CoordinatorSubject, "coordinator", "COORDINATOR", "Eettafel Middelland (demo)", false)]
    [InlineData(DemoAccess.PartnerSubject, "partner_staff", "PARTNER_STAFF", DemoAccess.PartnerOrganisation, true)]
    [InlineData(DemoAccess.OfficialSubject, "municipal_official", "MUNICIPAL_OFFICIAL", "Nissewaard", true)]
    [InlineData(DemoAccess.AdminSubject, "admin", "ADMIN", null, true)]
    public async Task Each_demo_sign_in_sees_its_scope(string? subject, string? role, string expectedRole, string? scope, bool seesDrafts)
    {
        var response = await app().QueryAsync(Query, token: subject is null ? null : Tokens.Mint(subject, role));

        var data = response.AssertOk().Data!;
        var viewer = data["viewer"]!;
        Assert.Equal(expectedRole, viewer["role"]!.GetValue<string>());
        Assert.Equal(subject is not null, viewer["person"] is not null);
        var scopes = new[] { "coordinatedInitiatives", "employers", "municipalities" }
            .SelectMany(list => viewer[list]!.AsArray().Select(n => n!["name"]!.GetValue<string>()))
            .ToList();
        Assert.Equal(scope is null ? [] : [scope], scopes);

        var drafts = data["draft"]!["nodes"]!.AsArray();
        Assert.Equal(seesDrafts ? 1 : 0, data["draft"]!["totalCount"]!.GetValue<int>());
        if (seesDrafts)
        {
            Assert.Equal(DemoAccess.DraftActivityTitle, drafts[0]!["name"]!.GetValue<string>());
            // Officials see the draft but do not edit it (they verify and end activities instead).
            Assert.Equal(subject != DemoAccess.OfficialSubject, drafts[0]!["viewerCanEdit"]!.GetValue<bool>());
        }

        var applications = data["application"]!["nodes"]!.AsArray().Select(n => n!["identifier"]!.GetValue<string>());
        Assert.Equal(seesDrafts, applications.Contains(DemoAccess.ApplicationIdentifier));
    }
}

public sealed class SqliteDemoAccessTests(SqliteAppFixture fixture) : DemoAccessTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDemoAccessTests(PostgresAppFixture fixture) : DemoAccessTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
