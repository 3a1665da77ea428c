using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class StartInitiativeInput : MutationInput
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public DateOnly? StartedOn { get; set; }

    public List<string>? Neighbourhoods { get; set; }

    public List<string>? Themes { get; set; }
}

public sealed class StartInitiativeInputType : MutationInputType<StartInitiativeInput>
{
    public StartInitiativeInputType()
        : base("A new residents' initiative. Its municipality follows from its regions; you become its coordinator.")
    {
        Field<NonNullGraphType<StringGraphType>>("name").Description("The initiative's name (at most 300 characters).");
        Field<StringGraphType>("description").Description("What the initiative does, in its own words (at most 8,000 characters).");
        Field<DateOnlyGraphType>("startedOn").Description("The day it started, if it has.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("neighbourhoods")
            .Description("The regions where it is active (Neighbourhood IDs): at least one, all in one municipality, which becomes the initiative's.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("The themes it works on (Theme IDs).");
    }
}

public sealed class StartInitiativePayload : Payload<Initiative>;

public sealed class StartInitiativePayloadType() : PayloadType<StartInitiativePayload, Initiative, InitiativeType>("initiative", "The result of startInitiative.");

public static class StartInitiative
{
    public static void AddStartInitiative(this ObjectGraphType mutation) =>
        mutation.Mutation<StartInitiativeInputType, StartInitiativePayloadType, StartInitiativeInput, StartInitiativePayload>(
            "startInitiative",
            Policies.Authenticated,
            "Starts a residents' initiative as a DRAFT, with you as its coordinator (coordinators and admins); an official of its municipality publishes it. Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<StartInitiativeInput> run, StartInitiativePayload payload)
    {
        var input = run.Input;
        if (run.Viewer.Role is not (Role.Coordinator or Role.Admin))
        {
            run.Fail(UserErrorCode.Forbidden, null);
            return;
        }

        if (run.Viewer.PersonId is null && !run.Viewer.IsAdmin)
        {
            run.Fail(UserErrorCode.PersonRequired, null);
            return;
        }

        var name = run.Text(input.Name, "name", 300, required: true);
        var description = run.Text(input.Description, "description", 8000);
        var (regions, municipality) = await run.RegionsAsync(input.Neighbourhoods, "neighbourhoods", required: true);
        var themes = await run.FindAllAsync<Theme>(input.Themes, "themes");
        if (run.Failed)
        {
            return;
        }

        var initiative = new Initiative
        {
            Name = name!,
            Description = description,
            StartedOn = input.StartedOn,
            MunicipalityId = municipality!.Value,
            Neighbourhoods = regions,
            Themes = themes,
        };
        run.Db.Add(initiative);
        if (run.Viewer.PersonId is { } person)
        {
            run.Db.Add(new InitiativeCoordinator { Initiative = initiative, PersonId = person, Since = input.StartedOn ?? MutationRun.Today, Role = "coördinator", AcceptedAt = DateTime.UtcNow });
        }

        payload.Result = initiative;
    }
}
