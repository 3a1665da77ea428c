using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class PauseInitiativeInput : VersionedInput;

public sealed class PauseInitiativeInputType() : VersionedInputType<PauseInitiativeInput>("initiative", "Which initiative to pause, at the version you read.");

public sealed class PauseInitiativePayload : Payload<Initiative>;

public sealed class PauseInitiativePayloadType() : PayloadType<PauseInitiativePayload, Initiative, InitiativeType>("initiative", "The result of pauseInitiative.");

public static class PauseInitiative
{
    private static readonly InitiativeStatus[] From = [InitiativeStatus.Active];

    public static void AddPauseInitiative(this ObjectGraphType mutation) =>
        mutation.Mutation<PauseInitiativeInputType, PauseInitiativePayloadType, PauseInitiativeInput, PauseInitiativePayload>(
            "pauseInitiative",
            Policies.Scoped,
            "Pauses a running initiative (ACTIVE → PAUSED); an official publishes it again. For its coordinators and admins.",
            async (run, payload) => payload.Result = await run.StepAsync<Initiative, InitiativeStatus>(EditScopes.ToEdit, i => i.Status, From, i => i.Status = InitiativeStatus.Paused));
}
