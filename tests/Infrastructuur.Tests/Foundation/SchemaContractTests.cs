using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Foundation;

/// <summary>The public contract: schema/schema.graphql is exactly what the app serves, and everything in it is described.</summary>
public sealed class SchemaContractTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static string SchemaFile => Path.Combine(TestEnvironment.RepoRoot, "schema", "schema.graphql");

    /// <summary>Regenerate with: UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests (then review the diff).</summary>
    [Fact]
    public async Task The_committed_SDL_matches_the_schema_the_app_serves()
    {
        var served = (await fixture.App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?sdl"))).Text;
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SchemaFile)!);
            await File.WriteAllTextAsync(SchemaFile, served);
        }

        Assert.True(File.Exists(SchemaFile), "schema/schema.graphql is missing: run UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests");
        var committed = (await File.ReadAllTextAsync(SchemaFile)).ReplaceLineEndings("\n");
        Assert.True(committed == served, "schema/schema.graphql differs from the served schema: regenerate it with UPDATE_SCHEMA=1 dotnet test --filter SchemaContractTests and review the diff.");
    }

    [Fact]
    public void Every_type_field_argument_and_enum_value_has_a_description()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var missing = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !IsBuiltInScalar(t)))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        missing.Add($"{type.Name}.{field.Name}");
                    }

                    foreach (var argument in field.Arguments ?? [])
                    {
                        if (string.IsNullOrWhiteSpace(argument.Description))
                        {
                            missing.Add($"{type.Name}.{field.Name}({argument.Name})");
                        }
                    }
                }
            }

            if (type is EnumerationGraphType enumeration)
            {
                missing.AddRange(enumeration.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{type.Name}.{v.Name}"));
            }
        }

        Assert.True(missing.Count == 0, "Undescribed schema elements:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData(typeof(SqliteInfrastructuurDb))]
    [InlineData(typeof(PostgresInfrastructuurDb))]
    public void The_model_has_no_changes_without_a_migration(Type context)
    {
        var factoryType = typeof(InfrastructuurDb).Assembly.GetTypes().Single(t => typeof(IDesignTimeDbContextFactory<>).MakeGenericType(context).IsAssignableFrom(t));
        var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
        using var db = (DbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;

        Assert.False(db.Database.HasPendingModelChanges(), $"{context.Name} has model changes without a migration: run eng/add-migration.sh <Name>.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    private static bool IsBuiltInScalar(IGraphType type) =>
        type is ScalarGraphType && type.Name is "String" or "Int" or "Float" or "Boolean" or "ID";
}
