using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// A mutation looks rows up under the same visibility rule as a read: a row the caller may not see (a draft initiative
/// outside their scope) is NOT_FOUND before any other check, answered exactly like an ID that does not exist, and can
/// never be linked into something the caller creates.
/// </summary>
public abstract class HiddenRowMutationTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task A_hidden_draft_named_as_a_collaboration_party_is_not_found_not_a_municipality_mismatch()
    {
        var w = await MutationWorld.CreateAsync(app());
        object Input(string party) => new { purpose = "Samen koken", startsOn = "2025-01-01", parties = new[] { Id(w.Own.InitiativeA), party } };

        // Other.InitiativeA is a draft the coordinator of Own.InitiativeA may not see.
        var hidden = await app().MutateAsync("startCollaboration", Input(Id(w.Other.InitiativeA)), w.Coordinator);
        var madeUp = await app().MutateAsync("startCollaboration", Input(Id(new Initiative { Name = "x" })), w.Coordinator);
        Assert.Equal("NOT_FOUND", hidden.Outcome("startCollaboration"));
        Assert.Equal(madeUp.Text, hidden.Text);

        // Once published it is visible, and the municipality rule applies.
        await w.PublishAsync(w.Other.InitiativeA);
        Assert.Equal("MIXED_MUNICIPALITIES", (await app().MutateAsync("startCollaboration", Input(Id(w.Other.InitiativeA)), w.Coordinator)).Outcome("startCollaboration"));
    }

    [SkippableFact]
    public async Task A_programme_cannot_take_in_a_draft_initiative_its_creator_may_not_see()
    {
        var w = await MutationWorld.CreateAsync(app());
        object Create(Initiative initiative) => new
        {
            name = "Programma (test)",
            startsOn = "2025-01-01",
            endsOn = "2029-12-31",
            owner = Id(w.Own.OrganisationA),
            neighbourhoods = new[] { Id(w.Own.BuurtA) },
            initiatives = new[] { Id(initiative) },
        };

        // Staff of organisation A do not see the draft initiative A of their own municipality, nor the other one's.
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("createProgramme", Create(w.Own.InitiativeA), w.Staff)).Outcome("createProgramme"));
        var hidden = await app().MutateAsync("createProgramme", Create(w.Other.InitiativeA), w.Staff);
        var madeUp = await app().MutateAsync("createProgramme", Create(new Initiative { Name = "x" }), w.Staff);
        Assert.Equal("NOT_FOUND", hidden.Outcome("createProgramme"));
        Assert.Equal(madeUp.Text, hidden.Text);

        // An official of the municipality sees the draft and may link it.
        Assert.Equal("OK", (await app().MutateAsync("createProgramme", Create(w.Own.InitiativeA), w.Official)).Outcome("createProgramme"));
    }
}

public sealed class SqliteHiddenRowMutationTests(SqliteAppFixture fixture) : HiddenRowMutationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresHiddenRowMutationTests(PostgresAppFixture fixture) : HiddenRowMutationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
