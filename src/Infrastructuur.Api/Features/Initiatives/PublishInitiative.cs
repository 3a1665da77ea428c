using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class PublishInitiativeInput : VersionedInput;

public sealed class PublishInitiativeInputType() : VersionedInputType<PublishInitiativeInput>("initiative", "Which initiative to publish, at the version you read.");

public sealed class PublishInitiativePayload : Payload<Initiative>;

public sealed class PublishInitiativePayloadType() : PayloadType<PublishInitiativePayload, Initiative, InitiativeType>("initiative", "The result of publishInitiative.");

public static class PublishInitiative
{
    private static readonly InitiativeStatus[] From = [InitiativeStatus.Draft, InitiativeStatus.Paused];

    public static void AddPublishInitiative(this ObjectGraphType mutation) =>
        mutation.Mutation<PublishInitiativeInputType, PublishInitiativePayloadType, PublishInitiativeInput, PublishInitiativePayload>(
            "publishInitiative",
            Policies.Scoped,
            "Publishes a draft or paused initiative: it becomes ACTIVE and visible as running. For officials of its municipality and admins; its coordinators get FORBIDDEN.",
            async (run, payload) => payload.Result = await run.StepAsync<Initiative, InitiativeStatus>(EditScopes.ToPublish, i => i.Status, From, i => i.Status = InitiativeStatus.Active));
}
