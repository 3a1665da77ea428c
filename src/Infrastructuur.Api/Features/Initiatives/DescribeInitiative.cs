using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class DescribeInitiativeInput : VersionedInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public DateOnly? StartedOn { get; set; }

    public List<string>? Neighbourhoods { get; set; }

    public List<string>? Themes { get; set; }
}

public sealed class DescribeInitiativeInputType : VersionedInputType<DescribeInitiativeInput>
{
    public DescribeInitiativeInputType()
        : base("initiative", "New descriptive fields of an initiative. Only the fields you send change; send null to clear an optional one.")
    {
        Field<StringGraphType>("name").Description("The new name (at most 300 characters); cannot be cleared.");
        Field<StringGraphType>("description").Description("The new description (at most 8,000 characters).");
        Field<DateOnlyGraphType>("startedOn").Description("The day it started.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("neighbourhoods")
            .Description("The regions where it is active (Neighbourhood IDs), replacing the current ones; all must lie in the initiative's own municipality.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("The themes it works on (Theme IDs), replacing the current ones.");
    }
}

public sealed class DescribeInitiativePayload : Payload<Initiative>;

public sealed class DescribeInitiativePayloadType() : PayloadType<DescribeInitiativePayload, Initiative, InitiativeType>("initiative", "The result of describeInitiative.");

public static class DescribeInitiative
{
    public static void AddDescribeInitiative(this ObjectGraphType mutation) =>
        mutation.Mutation<DescribeInitiativeInputType, DescribeInitiativePayloadType, DescribeInitiativeInput, DescribeInitiativePayload>(
            "describeInitiative",
            Policies.Scoped,
            "Changes how an initiative describes itself: name, description, start, regions and themes (its coordinators and admins). It stays in its municipality.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<DescribeInitiativeInput> run, DescribeInitiativePayload payload)
    {
        var input = run.Input;
        var initiative = await run.UpdateAsync<Initiative>(input.Id, input.ExpectedVersion, EditScopes.ToEdit, q => q.Include(i => i.Neighbourhoods).Include(i => i.Themes));
        if (initiative is null)
        {
            return;
        }

        if (run.Given("name"))
        {
            initiative.Name = run.Text(input.Name, "name", 300, required: true) ?? initiative.Name;
        }

        if (run.Given("description"))
        {
            initiative.Description = run.Text(input.Description, "description", 8000);
        }

        if (run.Given("startedOn"))
        {
            initiative.StartedOn = input.StartedOn;
        }

        if (run.Given("neighbourhoods"))
        {
            initiative.Neighbourhoods.ReplaceWith(await run.RegionsWithinAsync(input.Neighbourhoods, initiative.MunicipalityId, "neighbourhoods", required: true));
        }

        if (run.Given("themes"))
        {
            initiative.Themes.ReplaceWith(await run.FindAllAsync<Theme>(input.Themes, "themes"));
        }

        payload.Result = initiative;
    }
}
