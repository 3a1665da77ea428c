using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>Liveness and readiness: ready only with a usable, fully migrated database.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_migrated_database_is_live_and_ready()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);

        Assert.Equal(200, (int)(await app.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(200, (int)(await app.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Pending_migrations_make_readiness_503_while_liveness_stays_200()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false", ["Database:SeedDemoData"] = "false" });

        Assert.Equal(200, (int)(await app.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(503, (int)(await app.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_unusable_database_makes_readiness_503()
    {
        var notADatabase = Path.Combine(Directory.CreateTempSubdirectory("infra-bad-").FullName, "not-a-db.db");
        await File.WriteAllTextAsync(notADatabase, new string('x', 4096));
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Database:SqlitePath"] = notADatabase }, initialize: false);

        Assert.Equal(503, (int)(await app.Client.GetAsync("/health/ready")).StatusCode);
    }
}
