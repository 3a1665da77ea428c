using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class EndInitiativeInput : VersionedInput;

public sealed class EndInitiativeInputType() : VersionedInputType<EndInitiativeInput>("initiative", "Which initiative to end, at the version you read.");

public sealed class EndInitiativePayload : Payload<Initiative>;

public sealed class EndInitiativePayloadType() : PayloadType<EndInitiativePayload, Initiative, InitiativeType>("initiative", "The result of endInitiative.");

public static class EndInitiative
{
    private static readonly InitiativeStatus[] From = [InitiativeStatus.Draft, InitiativeStatus.Active, InitiativeStatus.Paused];

    public static void AddEndInitiative(this ObjectGraphType mutation) =>
        mutation.Mutation<EndInitiativeInputType, EndInitiativePayloadType, EndInitiativeInput, EndInitiativePayload>(
            "endInitiative",
            Policies.Scoped,
            "Ends (archives) an initiative for good: ENDED. For its coordinators, officials of its municipality and admins.",
            async (run, payload) => payload.Result = await run.StepAsync<Initiative, InitiativeStatus>(EditScopes.ToEnd, i => i.Status, From, i => i.Status = InitiativeStatus.Ended));
}
