using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// <c>viewerCanEdit</c> is a promise about the edit mutation: for every role and a sample of objects (own and other
/// initiatives, activities of an initiative and of an organisation, own and other organisations) it is true exactly
/// when describeInitiative / changeActivity / describeOrganisation is accepted for that caller.
/// </summary>
public abstract class ViewerCanEditTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task ViewerCanEdit_is_true_exactly_when_the_edit_mutation_is_accepted()
    {
        var w = await MutationWorld.CreateAsync(app());
        var initiativeActivity = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        var organisationActivity = await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationA);
        var otherActivity = await w.ActivityAsync(w.Other, initiative: w.Other.InitiativeA);
        await w.PublishAsync(w.Own.InitiativeB);
        (string Id, string Mutation, Func<Task<Dictionary<string, object?>>> Input) Sample<T>(T record, string mutation, object change)
            where T : Entity => (Id(record), mutation, () => w.VersionedInputAsync(record, change));
        (string Id, string Mutation, Func<Task<Dictionary<string, object?>>> Input)[] samples =
        [
            Sample(w.Own.InitiativeA, "describeInitiative", new { description = "Nieuw" }),
            Sample(w.Own.InitiativeB, "describeInitiative", new { description = "Nieuw" }),
            Sample(w.Other.InitiativeA, "describeInitiative", new { description = "Nieuw" }),
            Sample(initiativeActivity, "changeActivity", new { capacity = 20 }),
            Sample(organisationActivity, "changeActivity", new { capacity = 20 }),
            Sample(otherActivity, "changeActivity", new { capacity = 20 }),
            Sample(w.Own.OrganisationA, "describeOrganisation", new { website = "https://example.org" }),
            Sample(w.Other.OrganisationA, "describeOrganisation", new { website = "https://example.org" }),
        ];

        var disagreements = new List<string>();
        var (hints, accepted) = (0, 0);
        foreach (var (name, caller) in w.Everyone())
        {
            foreach (var (id, mutation, input) in samples)
            {
                var read = await app().QueryAsync(
                    "query($id: ID!) { node(id: $id) { ... on Initiative { viewerCanEdit } ... on Activity { viewerCanEdit } ... on Organisation { viewerCanEdit } } }",
                    new { id },
                    caller?.Token);
                var canEdit = read.Data?["node"]?["viewerCanEdit"]?.GetValue<bool>() ?? false;
                var outcome = (await app().MutateAsync(mutation, await input(), caller)).Outcome(mutation);
                hints += canEdit ? 1 : 0;
                accepted += outcome == "OK" ? 1 : 0;
                if (canEdit != (outcome == "OK"))
                {
                    disagreements.Add($"{name} on {id}: viewerCanEdit {canEdit}, {mutation} {outcome}");
                }
            }
        }

        Assert.Empty(disagreements);

        // Each coordinator their initiative A and its activity (2 + 2), staff their organisation and its activity (2),
        // the other staff their organisation (1), the admin all eight; officials, the resident and anonymous nothing.
        Assert.Equal((15, 15), (hints, accepted));
    }
}

public sealed class SqliteViewerCanEditTests(SqliteAppFixture fixture) : ViewerCanEditTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresViewerCanEditTests(PostgresAppFixture fixture) : ViewerCanEditTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
